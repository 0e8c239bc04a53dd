/**
 * The engine on real worker threads: results equal the inline executor's, data moves between
 * workers, workers die and are replaced, results spill to disk, computations cancel cleanly,
 * and an idle pool lets scripts exit.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { asCompleted, Client, compute, delayed, remote, type Delayed } from "@dusk/scheduler";
import { workerExecArgv } from "../src/backends/threads.js";

const fixtures = new URL("./fixtures/tasks.mjs", import.meta.url).href;
const ramp = remote<(n: number, k: number) => Float64Array>(fixtures, "ramp");
const total = remote<(arrays: Float64Array[]) => number>(fixtures, "total");
interface Stamp { start: number; end: number; thread: number; x: unknown }
const spinStamp = remote<(ms: number, x: unknown) => Promise<Stamp>>(fixtures, "spinStamp");

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-threads-test-")); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A random DAG of delayed additions (seeded), with its expected values. */
function randomDelayed(seed: number, n: number): { outs: Delayed<number>[]; expected: number[] } {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const add = delayed((base: number, xs: number[]) => xs.reduce((a, b) => a + b, base));
  const nodes: Delayed<number>[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i < 3 ? 0 : 1 + Math.floor(rand() * 3);
    const picks = Array.from({ length: k }, () => Math.floor(rand() * i));
    nodes.push(add(i, picks.map((p) => nodes[p])));
    values.push(picks.reduce((a, p) => a + values[p], i));
  }
  const outIdx = [n - 1, Math.floor(n / 2), 5];
  return { outs: outIdx.map((i) => nodes[i]), expected: outIdx.map((i) => values[i]) };
}

describe("the thread pool", () => {
  it("computes random graphs like the inline executor", async () => {
    const threads = await Client.create({ workers: 2 }, false);
    const inline = await Client.create({ scheduler: "inline" }, false);
    try {
      for (const seed of [1, 2, 3]) {
        const { outs, expected } = randomDelayed(seed, 120);
        expect(await compute(outs, { client: threads })).toEqual(expected);
        expect(await compute(outs, { client: inline })).toEqual(expected);
      }
    } finally {
      await threads.close();
      await inline.close();
    }
  });

  it("moves data between workers and runs futures, map, gather and asCompleted", async () => {
    const client = await Client.create({ workers: 2 }, false);
    try {
      const parts = [1, 2, 3, 4].map((k) => client.submit(ramp, 100_000, k));
      const sum = client.submit(total, parts);
      const n = 100_000;
      expect(await sum.result()).toBe(((n * (n - 1)) / 2) * 10);
      const sq = client.map((x: number) => x * x, [1, 2, 3]);
      expect(await client.gather(sq)).toEqual([1, 4, 9]);
      const seen: number[] = [];
      for await (const f of asCompleted(sq)) seen.push(await f.result());
      expect(seen.sort()).toEqual([1, 4, 9]);
      expect(sum.status).toBe("finished");
      for (const f of [...parts, sum, ...sq]) f.release();
      await new Promise((r) => setTimeout(r, 50));
      expect(client.engine.scheduler.taskCount).toBe(0);
    } finally {
      await client.close();
    }
  });

  it("offers a result to the other workers as it is made: a worker needing it does not wait for its busy holder", async () => {
    // one task at a time per worker: the two long tasks after `x` run one on each worker, and one
    // of them needs `x` from the other, which is busy with its own long task by then. Asked only
    // when that one ends, the second would start 1.5 s late; offered, both run side by side
    const client = await Client.create({ workers: 2, saturation: 1 }, false);
    try {
      const x = delayed(ramp)(1000, 2);
      const [a, b] = await compute([delayed(spinStamp)(1500, x), delayed(spinStamp)(1501, x)], { client });
      expect(a.thread).not.toBe(b.thread);
      expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end) - 500);
      expect((a.x as Float64Array)[999]).toBe(1998);
      expect((b.x as Float64Array)[999]).toBe(1998);
    } finally {
      await client.close();
    }
  });

  it("hands a computation each output as soon as it is made, while its worker runs the next task", async () => {
    // one worker: `first` is an output and the input of a long task that runs right after it.
    // Fetched when asked, `first` would come only once the worker is free again (after the long task)
    const client = await Client.create({ workers: 1 }, false);
    try {
      const first = delayed(ramp)(1000, 3);
      const slow = delayed(spinStamp)(1500, first);
      const arrived: number[] = [];
      const [got, stamp] = await client.compute(slow.tasks, [first.key, slow.key], {
        each: (v, i) => { arrived[i] = Date.now(); return v; },
      }) as [Float64Array, Stamp];
      expect(got[999]).toBe(2997);
      expect(arrived[0]).toBeLessThan(stamp.end - 500);
    } finally {
      await client.close();
    }
  });

  it("reports a task's error with its key and op, and fails its dependents", async () => {
    const client = await Client.create({ workers: 2 }, false);
    try {
      const bad = client.submit((x: number) => { if (x > 0) throw new RangeError(`bad ${x}`); return x; }, 1);
      const after = client.submit((x: number) => x + 1, bad);
      await expect(bad.result()).rejects.toMatchObject({ code: "TASK_FAILED", message: expect.stringMatching(/^task call-[0-9a-f]+ \(op call\) failed: bad 1$/) });
      const e = await after.result().catch((x: Error) => x);
      expect((e as Error).message).toContain("bad 1");
      expect(((e as Error).cause as Error).stack).toContain("RangeError: bad 1");
      const k = 3;
      await expect(client.submit((x: number) => x + k, 1).result()).rejects.toMatchObject({ code: "NOT_SHIPPABLE", message: expect.stringContaining("uses k, which does not exist in the worker") });
    } finally {
      await client.close();
    }
  });

  it("replaces a worker killed mid-graph and reruns its task", async () => {
    const client = await Client.create({ workers: 2 }, false);
    try {
      const marker = join(dir, "died-once");
      const dieOnce = remote<(m: string, v: number) => number>(fixtures, "dieOnce");
      const xs = [1, 2, 3, 4, 5].map((i) => client.submit(ramp, 1000, i));
      const killer = client.submit(dieOnce, marker, 7);
      const sum = client.submit(total, xs);
      expect(await killer.result()).toBe(7);
      expect(await sum.result()).toBe(499500 * 15);
      expect(existsSync(marker)).toBe(true);
      await vi.waitFor(() => expect(client.stats().workers).toBe(2)); // the replacement has started
    } finally {
      await client.close();
    }
  });

  it("fails a task that keeps killing workers, naming it", async () => {
    const client = await Client.create({ workers: 2, retries: 2 }, false);
    try {
      const alwaysDie = remote<() => never>(fixtures, "alwaysDie");
      const f = client.submit(alwaysDie);
      await expect(f.result()).rejects.toMatchObject({
        code: "WORKER_DIED", message: expect.stringMatching(/^task alwaysDie-[0-9a-f]+ \(op call\) was running when 3 workers died \(last: exited with code 3\)/),
      });
      // the pool is still whole and working
      expect(await client.submit((x: number) => x * 2, 21).result()).toBe(42);
    } finally {
      await client.close();
    }
  });

  it("leaves no process exit listener behind once closed", async () => {
    const before = process.listenerCount("exit");
    for (let k = 0; k < 3; k++) {
      const client = await Client.create({ workers: 1 }, false);
      expect(process.listenerCount("exit")).toBeGreaterThan(before);
      await client.close();
    }
    expect(process.listenerCount("exit")).toBe(before);
  });

  it("refuses to start a pool inside a worker (a remote module with top-level client code)", async () => {
    const client = await Client.create({ workers: 1, retries: 0 }, false);
    try {
      const double = remote<(x: number) => number>(new URL("./fixtures/starts-client.mjs", import.meta.url).href, "double");
      const e = await client.submit(double, 2).result().catch((x: Error & { code?: string }) => x);
      expect((e as { code?: string }).code).toBe("NOT_SHIPPABLE");
      expect((e as Error).message).toMatch(/could not import .*starts-client\.mjs.*Dusk worker \d+ was asked to start a pool of worker threads/);
    } finally {
      await client.close();
    }
  });

  it("survives a worker running out of memory and names the task", async () => {
    const client = await Client.create({ workers: 2, retries: 1, resourceLimits: { maxOldGenerationSizeMb: 48 } }, false);
    try {
      const exhaust = remote<() => never>(fixtures, "exhaustHeap");
      const f = client.submit(exhaust);
      const e = await f.result().catch((x: Error & { code?: string }) => x);
      expect((e as { code?: string }).code).toBe("WORKER_DIED");
      expect((e as Error).message).toMatch(/^task exhaustHeap-[0-9a-f]+ \(op call\) was running when 2 workers died \(last: Error: .*(memory|Memory).*\)/);
      expect(await client.submit((x: number) => x + 1, 1).result()).toBe(2);
    } finally {
      await client.close();
    }
  });

  it("spills to disk under a tiny memory limit, with unchanged results, and cleans up", async () => {
    const spillDir = mkdtempSync(join(dir, "spill-"));
    const client = await Client.create({ workers: 2, memoryLimit: "1MB", spillDir }, false);
    try {
      const arrays = Array.from({ length: 24 }, (_, k) => delayed(ramp)(50_000, k)); // 400 kB each
      let spilled = 0;
      const [sum] = await compute([delayed(total)(arrays)], { client, onProgress: (p) => { spilled = Math.max(spilled, p.spilledBytes); } });
      const n = 50_000;
      expect(sum).toBe(((n * (n - 1)) / 2) * ((23 * 24) / 2));
      expect(spilled).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it("fails a task whose own result is over the memory limit, naming it and the limit", async () => {
    const client = await Client.create({ workers: 1, memoryLimit: "100kB" }, false);
    try {
      await expect(client.submit(ramp, 100_000, 1).result()).rejects.toMatchObject({
        code: "MEMORY_LIMIT", message: expect.stringMatching(/^task ramp-[0-9a-f]+ \(op call\) produced 781\.\d KiB, more than the worker memory limit of 97\.\d KiB/),
      });
    } finally {
      await client.close();
    }
  });

  it("cancels: the promise rejects, nothing keeps running, no spill files remain", async () => {
    const spillDir = mkdtempSync(join(dir, "cancel-"));
    const client = await Client.create({ workers: 2, spillDir }, false);
    try {
      const sleep = remote<(ms: number, m: string) => number>(fixtures, "sleepThenMark");
      const markers = [0, 1, 2, 3].map((i) => join(dir, `slept-${i}`));
      const ac = new AbortController();
      const t0 = performance.now();
      const run = compute(markers.map((m) => delayed(sleep)(1500, m)), { client, signal: ac.signal });
      setTimeout(() => ac.abort(), 200);
      await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
      expect(performance.now() - t0).toBeLessThan(1400);
      await new Promise((r) => setTimeout(r, 1800));
      for (const m of markers) expect(existsSync(m), `${m} should not exist`).toBe(false);
      expect(client.engine.scheduler.counts().processing).toBe(0);
      // still usable afterwards
      expect(await client.submit((x: number) => x + 1, 1).result()).toBe(2);
    } finally {
      await client.close();
    }
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it("lets a script using the default pool exit by itself", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const script = `
      import { delayed, getClient } from "@dusk/scheduler";
      const inc = delayed((x) => x + 1);
      console.log(await inc(inc(40)).compute());
      console.log((await getClient()).stats().workers > 0);
    `;
    const file = join(root, "packages/scheduler/test/fixtures/.default-pool-exits.mjs");
    writeFileSync(file, script);
    const t0 = Date.now();
    let out: string;
    try {
      out = execFileSync(process.execPath, [file], { cwd: root, encoding: "utf8", timeout: 30_000 });
    } finally {
      rmSync(file, { force: true });
    }
    expect(out.trim().split("\n")).toEqual(["42", "true"]);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("starts workers under Node flags that Node refuses in a worker (V8 and per-process options)", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const script = `
      import { Client, delayed } from "@dusk/scheduler";
      const client = await Client.start({ workers: 2 });
      const inc = delayed((x) => x + 1);
      console.log(await inc(inc(40)).compute(), typeof globalThis.gc);
      await client.close();
    `;
    const file = join(root, "packages/scheduler/test/fixtures/.v8-flags.mjs");
    writeFileSync(file, script);
    let out: string;
    try {
      out = execFileSync(process.execPath, ["--max-old-space-size=4096", "--expose-gc", "--no-warnings", file], { cwd: root, encoding: "utf8", timeout: 30_000 });
    } finally {
      rmSync(file, { force: true });
    }
    expect(out.trim()).toBe("42 function");
  });

  it("passes a worker the parent's flags minus export conditions and the refused ones, with their values", () => {
    const argv = ["--conditions", "source", "--max-old-space-size=4096", "--stack-size", "2000", "--no-warnings", "-C=x", "--enable-source-maps"];
    expect(workerExecArgv(argv, new Set())).toEqual(["--max-old-space-size=4096", "--stack-size", "2000", "--no-warnings", "--enable-source-maps"]);
    expect(workerExecArgv(argv, new Set(["--max-old-space-size=4096", "--stack-size"]))).toEqual(["--no-warnings", "--enable-source-maps"]);
  });
});
