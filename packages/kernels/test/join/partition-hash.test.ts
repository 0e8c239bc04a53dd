/**
 * partitionIds: every id in [0, nparts), equal keys in one part whichever batch they are in, the
 * parts used about evenly, null keys in part 0, and a clear error past the largest part count.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, partitionIds, type DictColumn, type Utf8Column } from "@dusk/kernels";

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

  it("hashes a string alike from a plain column and from a dictionary, short, long and at the data's end", () => {
    const values = ["", "a", "id0000012345", "id00000123456", "日本語のキー", "x".repeat(40), "abc", "id0000012345", null, "zz"];
    const plain = columnFromValues(dtypes.utf8, values) as Utf8Column;
    // the dictionary in another order, its last entry short (read near the end of its bytes)
    const entries = [...new Set(values.filter((v): v is string => v !== null))].reverse();
    const dictionary = columnFromValues(dtypes.utf8, entries) as Utf8Column;
    const dict: DictColumn = {
      layout: "dict", dtype: dtypes.utf8, length: values.length, dictionary, validity: plain.validity,
      codes: Int32Array.from(values, (v) => (v === null ? 0 : entries.indexOf(v))),
    };
    for (const parts of [2, 7, 64]) expect(partitionIds([dict], parts), `${parts} parts`).toEqual(partitionIds([plain], parts));
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
