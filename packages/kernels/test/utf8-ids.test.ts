/**
 * Group ids of plain utf8 keys (hash/utf8-ids.ts): short values (≤ 12 bytes, compared as words)
 * and long ones (bytes) in one first-seen id space, checked against a Map over the decoded values:
 * lengths 0–30, NUL bytes and values that differ only in length ("a" vs "a\0"), multi-byte UTF-8,
 * values at the very end of the data, nulls, and data that is a view into a larger buffer.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, groupIds, type Utf8Column } from "@dusk/kernels";
import { utf8Ids } from "../src/hash/utf8-ids.js";

function rng(seed: number): () => number {
  let x = seed;
  return () => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) / (1 << 24); };
}

/** First-seen ids of the values by a Map; -1 for null. */
function reference(values: readonly (string | null)[]): { ids: number[]; count: number; nullAt: number } {
  const seen = new Map<string, number>();
  let nullAt = -1;
  const ids = values.map((v) => {
    if (v === null) { if (nullAt < 0) nullAt = seen.size; return -1; }
    let id = seen.get(v);
    if (id === undefined) { id = seen.size; seen.set(v, id); }
    return id;
  });
  return { ids, count: seen.size, nullAt };
}

describe("utf8 group ids", () => {
  it("match first-seen ids of the decoded values", () => {
    const next = rng(11);
    const pieces = ["a", "\0", "é", "日", "🙂", "z", "0"];
    for (let round = 0; round < 30; round++) {
      const pool = Array.from({ length: 1 + Math.floor(next() * 200) }, () => {
        const len = Math.floor(next() * 31);
        let s = "";
        for (let k = 0; k < len; k++) s += next() < 0.7 ? "a" : pieces[Math.floor(next() * pieces.length)];
        return s;
      });
      pool.push("a", "a\0", "a\0\0", "", "aaaaaaaaaaaa", "aaaaaaaaaaaaa");
      const n = Math.floor(next() * 3000);
      const values = Array.from({ length: n }, () => (next() < 0.05 ? null : pool[Math.floor(next() * pool.length)]));
      const col = columnFromValues(dtypes.utf8, values) as Utf8Column;
      expect(col.layout).toBe("utf8");
      const want = reference(values);
      const got = utf8Ids(col);
      expect({ ids: Array.from(got.ids), count: got.count, nullAt: got.nullAt }, `round ${round}`).toEqual(want);
      // the same bytes at an odd offset inside a larger buffer: the word loads must stay inside the view
      const shifted = new Uint8Array(col.data.length + 7);
      shifted.set(col.data, 3);
      const view = utf8Ids({ ...col, data: shifted.subarray(3, 3 + col.data.length) });
      expect(Array.from(view.ids), `round ${round} (view)`).toEqual(want.ids);
    }
  });

  it("keep ids through the tables' growth: thousands of distinct short and long values", () => {
    const next = rng(5);
    const values = Array.from({ length: 40000 }, () => {
      const k = Math.floor(next() * 6000);
      return next() < 0.01 ? null : k % 3 === 0 ? `a long key number ${k} padded` : `k${k}`;
    });
    const col = columnFromValues(dtypes.utf8, values) as Utf8Column;
    expect(col.layout).toBe("utf8");
    const got = utf8Ids(col);
    const want = reference(values);
    expect(got.count).toBeGreaterThan(5000);
    expect({ ids: Array.from(got.ids), count: got.count, nullAt: got.nullAt }).toEqual(want);
  });

  it("groupIds uses them, dropna or not", () => {
    const values = ["id0000000001", null, "x", "id0000000001", "a much longer key than twelve bytes", "x", null, "a much longer key than twelve bytes"];
    const col = columnFromValues(dtypes.utf8, values);
    expect(Array.from(groupIds([col]).ids)).toEqual([0, -1, 1, 0, 2, 1, -1, 2]);
    expect(Array.from(groupIds([col], { dropna: false }).ids)).toEqual([0, 1, 2, 0, 3, 2, 1, 3]);
  });
});
