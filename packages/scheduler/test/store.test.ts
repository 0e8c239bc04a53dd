/**
 * A worker's result store: spilling least recently used results past the memory limit, reading them
 * back on demand, and a result read back keeping its spill file, so that spilling it again writes
 * nothing (tasks taking turns over more spilled results than fit read each back, never rewrite it).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ResultStore } from "../src/worker/store.js";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function store(limit: number): { s: ResultStore; dir: string; spilledKeys: string[] } {
  const root = mkdtempSync(join(tmpdir(), "dusk-store-"));
  dirs.push(root);
  const dir = join(root, "spill");
  const spilledKeys: string[] = [];
  return { s: new ResultStore([], limit, dir, (k) => spilledKeys.push(k)), dir, spilledKeys };
}

const value = (k: number): Float64Array => Float64Array.from({ length: 100 }, (_, i) => k * 1000 + i);

describe("ResultStore", () => {
  it("spills the least recently used results past the limit and reads them back unchanged", () => {
    const { s, dir, spilledKeys } = store(2000);
    for (let k = 0; k < 4; k++) s.put(`r${k}`, value(k), 800);
    // the third put passes 2,000 bytes: spilled down to 70 % of the limit (1,400), oldest first
    expect(spilledKeys).toEqual(["r0", "r1"]);
    expect(s.stats()).toEqual({ keys: 4, memoryBytes: 1600, spilledBytes: 1600, spilledKeys: 2 });
    expect(readdirSync(dir)).toHaveLength(2);
    // reading r1 back passes the limit again: r2 and r3 (least recently used, not r1) go
    expect(Array.from(s.get("r1") as Float64Array)).toEqual(Array.from(value(1)));
    expect(spilledKeys).toEqual(["r0", "r1", "r2", "r3"]);
    expect(s.stats()).toEqual({ keys: 4, memoryBytes: 800, spilledBytes: 2400, spilledKeys: 3 });
  });

  it("spills a result read back again without writing it again, and reads it back again", () => {
    const { s, dir } = store(2000);
    for (let k = 0; k < 4; k++) s.put(`r${k}`, value(k), 800);
    // take turns over all four (more than fit): every read-back spills another; once each has
    // been written (the first round), none is written again
    for (let k = 0; k < 4; k++) expect((s.get(`r${k}`) as Float64Array)[5]).toBe(k * 1000 + 5);
    const written = s.filesWritten;
    expect(written).toBeLessThanOrEqual(4);
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 4; k++) expect((s.get(`r${k}`) as Float64Array)[5]).toBe(k * 1000 + 5);
    }
    expect(s.filesWritten).toBe(written);
    expect(readdirSync(dir).length).toBeLessThanOrEqual(4);
    const st = s.stats();
    expect(st.memoryBytes + st.spilledBytes).toBe(3200);
    expect(st.memoryBytes).toBeLessThanOrEqual(2000);
  });

  it("removes a result's spill file with it, whether the result is in memory or not", () => {
    const { s, dir } = store(1000);
    s.put("a", value(1), 800);
    s.put("b", value(2), 800); // spills a
    s.get("a"); // back in memory, file kept; spills b
    expect(readdirSync(dir)).toHaveLength(2);
    s.remove("a");
    s.remove("b");
    expect(readdirSync(dir)).toHaveLength(0);
    expect(s.stats()).toEqual({ keys: 0, memoryBytes: 0, spilledBytes: 0, spilledKeys: 0 });
    s.put("c", value(3), 800);
    s.put("d", value(4), 800);
    s.clear();
    expect(existsSync(dir)).toBe(false);
  });

  it("never spills a pinned result", () => {
    const { s, spilledKeys } = store(1000);
    s.put("a", value(1), 800);
    s.pin("a");
    s.put("b", value(2), 800);
    expect(spilledKeys).toEqual(["b"]);
    s.unpin("a");
    expect(s.stats().spilledKeys).toBe(1);
  });
});
