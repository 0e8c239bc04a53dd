/**
 * Which progress display a run gets (TTY or not, notebook, config progress:false) and how the
 * terminal bar draws: a fake stream object with isTTY and a fake clock, not a mock of Dusk's parts.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { ProgressEvent } from "@dusk/scheduler";
import * as dd from "@dusk/dataframe";
import { defaultReporter } from "../../src/progress/default-reporter.js";
import { notebookProgress } from "../../src/progress/notebook-bar.js";
import { terminalProgress } from "../../src/progress/terminal.js";
import { withProgress } from "../../src/progress/with-progress.js";

const ev = (done: number, total = 10): ProgressEvent => ({
  done, total, groups: { "scan-memory": { done, total } }, keysInMemory: done, memoryBytes: 0, spilledBytes: 0,
});

function fakeStream(isTTY: boolean): { isTTY: boolean; columns: number; out: string[]; write(s: string): boolean } {
  const out: string[] = [];
  return { isTTY, columns: 120, out, write(s: string) { out.push(s); return true; } };
}

function clock(): { now: () => number; t: number } {
  const c = { t: 0, now: () => c.t };
  return c;
}

afterEach(() => { dd.config.set({ progress: true }); });

describe("terminal bar", () => {
  it("shows nothing for a computation under half a second", () => {
    const s = fakeStream(true);
    const c = clock();
    const bar = terminalProgress(s, { now: c.now });
    for (let i = 1; i <= 10; i++) { c.t = i * 40; bar.update(ev(i)); }
    bar.finish();
    expect(s.out).toEqual([]);
  });

  it("redraws in place at most every 100 ms and ends with a final line", () => {
    const s = fakeStream(true);
    const c = clock();
    const bar = terminalProgress(s, { now: c.now });
    for (let i = 1; i <= 10; i++) { c.t = 500 + i * 30; bar.update(ev(i)); } // 300 ms of events, 10 of them
    c.t = 1000;
    bar.finish();
    const draws = s.out.slice(0, -1);
    expect(draws.length).toBeGreaterThanOrEqual(3);
    expect(draws.length).toBeLessThanOrEqual(4);
    for (const d of draws) expect(d.startsWith("\r\x1b[2K[")).toBe(true);
    expect(s.out.at(-1)).toBe("\r\x1b[2K[##########] 100% 10 tasks done in 1.0 s\n");
  });

  it("erases the bar when the computation fails", () => {
    const s = fakeStream(true);
    const c = clock();
    const bar = terminalProgress(s, { now: c.now });
    c.t = 600; bar.update(ev(3));
    bar.fail();
    expect(s.out).toEqual([`\r\x1b[2K${"[###.......] 30% 3/10 tasks · scan-memory 3/10"}`, "\r\x1b[2K"]);
  });
});

describe("defaultReporter", () => {
  it("draws on a TTY and stays quiet on a pipe", () => {
    expect(defaultReporter({ stream: fakeStream(true), notebook: null })).not.toBeNull();
    expect(defaultReporter({ stream: fakeStream(false), notebook: null })).toBeNull();
  });

  it("is off with dd.config.set({ progress: false })", () => {
    dd.config.set({ progress: false });
    expect(defaultReporter({ stream: fakeStream(true), notebook: null })).toBeNull();
    expect(() => dd.config.set({ progress: "no" as unknown as boolean })).toThrow(/progress must be true or false/);
  });

  it("prefers the notebook's updating display, which ends as a summary", () => {
    const shown: string[] = [];
    const c = clock();
    const r = defaultReporter({ stream: fakeStream(true), notebook: () => ({ html: (h) => shown.push(h) }), timing: { now: c.now } });
    c.t = 700; r!.update(ev(10));
    r!.finish();
    expect(shown).toHaveLength(2);
    expect(shown[0]).toContain("100% 10/10 tasks");
    expect(shown[1]).toContain("10 tasks done in 0.7 s");
  });

  it("notebook bar empties on failure and survives tslab's 'Not ready'", () => {
    const shown: string[] = [];
    const c = clock();
    const bar = notebookProgress({ html: (h) => shown.push(h) }, { now: c.now });
    c.t = 600; bar.update(ev(2));
    bar.fail();
    expect(shown.at(-1)).toBe("");
    const broken = notebookProgress({ html: () => { throw new Error("Not ready"); } }, { now: c.now });
    broken.update(ev(2)); c.t = 2000; broken.update(ev(3));
    expect(() => broken.finish()).not.toThrow();
  });
});

describe("compute with progress", () => {
  it("a real compute draws the bar on a TTY stream and the caller's onProgress replaces it", async () => {
    const s = fakeStream(true);
    const df = dd.fromColumns({ v: Array.from({ length: 100 }, (_, i) => i) }, { npartitions: 8 });
    const client = await dd.Client.start({ scheduler: "inline" });
    try {
      const seen: ProgressEvent[] = [];
      await withProgress({}, (onProgress) => df.compute({ client, onProgress }), { stream: s, notebook: null, timing: { delayMs: 0, intervalMs: 0 } });
      expect(s.out.length).toBeGreaterThan(1);
      expect(s.out.at(-1)).toMatch(/^\r\x1b\[2K\[##########\] 100% 8 tasks done in [\d.]+ s/);
      await df.compute({ client, onProgress: (e) => seen.push(e) });
      expect(seen.at(-1)).toMatchObject({ done: 8, total: 8 });
      const persisted: ProgressEvent[] = [];
      await df.filter(dd.col("v").gt(3)).persist({ client, onProgress: (e) => persisted.push(e) });
      expect(persisted.at(-1)).toMatchObject({ done: persisted.at(-1)!.total });
      expect(persisted.at(-1)!.total).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("a script whose stderr is not a terminal prints nothing to it", () => {
    const dir = mkdtempSync(join(tmpdir(), "dusk-progress-"));
    try {
      const script = join(dir, "run.mjs");
      const entry = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
      writeFileSync(script, [
        `import * as dd from ${JSON.stringify(entry)};`,
        // long enough (> 0.5 s) that a terminal would get a bar
        `const df = dd.fromColumns({ k: Array.from({ length: 400000 }, (_, i) => i % 1000), v: Array.from({ length: 400000 }, (_, i) => i) }, { npartitions: 64 });`,
        `const t0 = performance.now();`,
        `const t = await df.groupBy("k").agg({ v: ["sum", "std", "mean"] }).compute();`,
        `await df.persist();`,
        `console.log(t.numRows, await df.length(), performance.now() - t0 > 0 ? "ok" : "");`,
      ].join("\n"));
      const errFile = join(dir, "stderr.txt");
      const fd = openSync(errFile, "w");
      let stdout: string;
      try {
        stdout = execFileSync(process.execPath, [script], { encoding: "utf8", stdio: ["ignore", "pipe", fd] });
      } finally {
        closeSync(fd);
      }
      expect(stdout.trim()).toBe("1000 400000 ok");
      expect(readFileSync(errFile, "utf8")).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
