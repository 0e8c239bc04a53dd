import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startS3Server } from "../src/index.js";

function get(endpoint: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}${path}`, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("startS3Server", () => {
  it("serves S3 on 127.0.0.1 at a free port, creates buckets, and cleans up on stop", async () => {
    const a = await startS3Server();
    const b = await startS3Server();
    try {
      expect(a.port).toBeGreaterThan(0);
      expect(a.port).not.toBe(b.port);
      expect(a.endpoint).toBe(`http://127.0.0.1:${a.port}`);
      expect(a.storageOptions.credentials).toEqual({ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
      await a.createBucket("my-bucket");
      await a.createBucket("my-bucket"); // again: no error
      const list = await get(a.endpoint, "/");
      expect(list.body).toContain("<Name>my-bucket</Name>");
      expect((await get(b.endpoint, "/")).body).not.toContain("my-bucket");
      await expect(a.createBucket("x")).rejects.toMatchObject({ code: "IO_ERROR" });
      expect(existsSync(a.dir)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
    expect(existsSync(a.dir)).toBe(false);
    await expect(get(a.endpoint, "/")).rejects.toThrow();
    await a.stop(); // twice is fine
  });

  it("keeps a directory it was given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dusk-s3-given-"));
    try {
      const s = await startS3Server({ dir });
      await s.createBucket("kept");
      await s.stop();
      expect(existsSync(join(dir, "kept"))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the server dies with the process that started it", async () => {
    const built = new URL("../dist/s3-server.js", import.meta.url).href;
    const script = `
      const { startS3Server } = await import(${JSON.stringify(built)});
      const s = await startS3Server();
      const { execFileSync } = await import("node:child_process");
      const pids = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)]).toString().trim().split(/\\s+/);
      console.log(JSON.stringify({ pids, dir: s.dir }));
      process.exit(0); // without stop()
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { timeout: 30_000 });
    const { pids, dir } = JSON.parse(stdout.trim()) as { pids: string[]; dir: string };
    const serverPids = pids.map(Number).filter((p) => p > 0);
    expect(serverPids.length).toBeGreaterThan(0);
    const deadline = Date.now() + 5_000;
    while (serverPids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(serverPids.filter(alive)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
