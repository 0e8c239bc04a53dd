import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuskError } from "@dusk/core";
import type { StorageOptions } from "@dusk/io";

/** Options of {@link startS3Server}. */
export interface S3ServerOptions {
  /** Directory for the stored objects (default: a new temporary directory, removed on stop; a given one is kept). */
  readonly dir?: string;
  /** Longest wait for the server to answer, in milliseconds (default 30 000). */
  readonly startTimeoutMs?: number;
}

/** A running test S3 server. */
export interface S3Server {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** The directory the objects are stored in. */
  readonly dir: string;
  /** Options that reach this server: endpoint, region, path-style URLs, the S3RVER credentials. */
  readonly storageOptions: StorageOptions;
  /** Creates a bucket (no error if it exists). */
  createBucket(name: string): Promise<void>;
  /** Kills the server and removes its directory (when it created it). */
  stop(): Promise<void>;
}

const SERVER_SCRIPT = `
const { s3rverPath, dir, owned } = JSON.parse(process.env.DUSK_S3RVER_CONFIG);
const S3rver = require(s3rverPath);
const server = new S3rver({ address: "127.0.0.1", port: 0, directory: dir, silent: true, vhostBuckets: false });
server.run().then(
  (addr) => process.stdout.write(JSON.stringify({ port: addr.port }) + "\\n"),
  (err) => { console.error(err); process.exit(1); },
);
// The parent closes our stdin by dying: remove the directory it created for us, then go.
const orphaned = () => {
  if (owned) require("fs").rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on("end", orphaned);
process.stdin.on("error", orphaned);
process.stdin.resume();
`;

const running = new Set<{ child: ChildProcess; dir: string; owned: boolean }>();
let exitHookInstalled = false;

/**
 * Starts a real S3-compatible server for tests and resolves once it answers HTTP requests:
 * s3rver 3.7.1 in a child process (`node
 * --openssl-legacy-provider`, which s3rver needs) on 127.0.0.1 at a free port, storing objects in
 * a temporary directory. Credentials are s3rver's fixed `S3RVER`/`S3RVER`. The child is killed by
 * `stop()`, when this process exits, and by itself when this process dies without exiting (it
 * watches its stdin pipe, and then removes the temporary directory itself).
 *
 * Known s3rver quirks (Dusk's S3 file system copes with them): suffix ranges (`bytes=-N`) are
 * answered wrongly, `bytes=0-0` returns the whole object, aws-chunked (streamed) uploads are stored
 * corrupted, and AbortMultipartUpload is refused (MethodNotAllowed).
 *
 * @example
 * ```ts
 * const s3 = await startS3Server();
 * await s3.createBucket("data");
 * const files = await discoverFiles("s3://data/*.csv", { storageOptions: s3.storageOptions });
 * await s3.stop();
 * ```
 */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const owned = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "dusk-s3rver-"));
  await mkdir(dir, { recursive: true });
  const s3rverPath = createRequire(import.meta.url).resolve("s3rver");
  installExitHook();

  const child = spawn(process.execPath, ["--openssl-legacy-provider", "-e", SERVER_SCRIPT], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, DUSK_S3RVER_CONFIG: JSON.stringify({ s3rverPath, dir, owned }), NODE_OPTIONS: "" },
  });
  const entry = { child, dir, owned };
  running.add(entry);
  child.on("exit", () => running.delete(entry));

  let port: number;
  try {
    port = await readPort(child, options.startTimeoutMs ?? 30_000);
    await waitUntilAnswering(port, options.startTimeoutMs ?? 30_000);
  } catch (e) {
    await kill(child);
    running.delete(entry);
    if (owned) await rm(dir, { recursive: true, force: true });
    throw e;
  }
  child.stdout?.resume(); // keep draining, so a chatty server never blocks
  child.stderr?.resume();
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    port,
    dir,
    storageOptions: {
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    async createBucket(name: string): Promise<void> {
      const { status, body } = await httpRequest("PUT", port, `/${encodeURIComponent(name)}`);
      if (status !== 200 && status !== 409) {
        const why = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? body.trim();
        throw new DuskError(
          "IO_ERROR",
          `the test S3 server at ${endpoint} refused to create bucket "${name}" (HTTP ${status}: ${why}); bucket names have 3 to 63 lowercase letters, digits, dots or hyphens`,
          { bucket: name, status },
        );
      }
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await kill(child);
      running.delete(entry);
      if (owned) await rm(dir, { recursive: true, force: true });
    },
  };
}

function readPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(`it printed no port within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onOut);
      reject(new DuskError("IO_ERROR", `the test S3 server (s3rver) did not start: ${why}${err ? `\n${err.trim()}` : ""}`));
    };
    const onOut = (d: Buffer): void => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout?.off("data", onOut);
      child.off("exit", onExit);
      resolve((JSON.parse(line) as { port: number }).port);
    };
    const onExit = (code: number | null, signal: string | null): void => fail(`it exited (code ${code}, signal ${signal})`);
    child.stdout?.on("data", onOut);
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.once("exit", onExit);
    child.once("error", (e) => fail(e.message));
  });
}

async function waitUntilAnswering(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await httpRequest("GET", port, "/");
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        throw new DuskError("IO_ERROR", `the test S3 server on 127.0.0.1:${port} did not answer within ${timeoutMs} ms: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** One anonymous request to the server (s3rver lets unsigned requests through); resolves with the status and body. */
function httpRequest(method: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, agent: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end();
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** On exit of this process, kill every server still running and remove the directories it created. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const { child, dir, owned } of running) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
      if (owned) rmSync(dir, { recursive: true, force: true });
    }
  });
}
