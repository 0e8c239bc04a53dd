/**
 * partitionIds: every id in [0, nparts), equal keys in one part whichever batch they are in, the
 * parts used about evenly, null keys in part 0, and a clear error past the largest part count.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, partitionIds } from "@dusk/kernels";

describe("partitionIds", () => {
  it("puts equal keys in one part, in range, spread about evenly", () => {
    const keys = Array.from({ length: 20000 }, (_, i) => BigInt((i * 7919) % 5000) - 2500n);
    const a = partitionIds([columnFromValues(dtypes.int64, keys.slice(0, 10000))], 16);
    const b = partitionIds([columnFromValues(dtypes.int64, keys.slice(10000))], 16);
    const partOf = new Map<bigint, number>();
    const counts = new Array<number>(16).fill(0);
    [...a, ...b].forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(16);
      const k = keys[i];
      if (partOf.has(k)) expect(p, `key ${k}`).toBe(partOf.get(k));
      else { partOf.set(k, p); counts[p]++; }
    });
    // 5,000 distinct keys over 16 parts: about 312 each
    for (const c of counts) expect(c).toBeGreaterThan(230);
    for (const c of counts) expect(c).toBeLessThan(400);
  });

  it("sends null keys to part 0, takes up to 2^20 parts, and refuses more", () => {
    const col = columnFromValues(dtypes.utf8, ["x", null, "y", null]);
    const ids = partitionIds([col], 1 << 20);
    expect(ids[1]).toBe(0);
    expect(ids[3]).toBe(0);
    expect(Math.max(...ids)).toBeLessThan(1 << 20);
    expect(() => partitionIds([col], (1 << 20) + 1)).toThrow(/at most 1,048,576 parts/);
    expect(partitionIds([col], 1)).toEqual(new Int32Array(4));
  });
});
