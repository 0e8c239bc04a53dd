/** groupTopN and distinctRows against plain-JS references on random keys (nulls, a key holding half the rows, NaN). */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, distinctRows, groupTopN, type Column, type ScalarValue } from "@dusk/kernels";
import { seeded } from "./helpers/rng.js";

const keyOf = (v: ScalarValue): string => (v === null ? "null" : typeof v === "number" && Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "number:0" : `${typeof v}:${String(v)}`);
const missing = (v: ScalarValue): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

function refTopN(k: ScalarValue[], v: ScalarValue[], n: number, asc: boolean, dropna: boolean): number[] {
  const rows = k.map((_, i) => i).filter((i) => !missing(v[i]) && !(dropna && k[i] === null));
  rows.sort((a, b) => { const x = v[a] as number, y = v[b] as number; return x === y ? 0 : (x < y) === asc ? -1 : 1; });
  const seen = new Map<string, number>();
  return rows.filter((i) => { const c = seen.get(keyOf(k[i])) ?? 0; seen.set(keyOf(k[i]), c + 1); return c < n; });
}

function refDistinct(cols: ScalarValue[][], keep: "first" | "last"): number[] {
  const n = cols[0].length;
  const at = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const s = cols.map((c) => keyOf(c[i])).join("|");
    if (keep === "last" || !at.has(s)) at.set(s, i);
  }
  return [...at.values()].sort((a, b) => a - b);
}

describe("groupTopN", () => {
  it("keeps the first n per group in rank order, or key order, dropping null ranks", () => {
    const k = columnFromValues(dtypes.int32, [1, 1, 2, 1, 2, null, 2]);
    const v = floatColumn([5, 9, 3, 7, null, 100, NaN]);
    expect([...groupTopN([k], [v], 2, { ascending: [false] })]).toEqual([1, 3, 2]);
    expect([...groupTopN([k], [v], 1, { ascending: [false], sortByKeys: true })]).toEqual([1, 2]);
    expect([...groupTopN([k], [v], 1, { ascending: [true], dropna: false, sortByKeys: true })]).toEqual([0, 2, 5]);
    expect([...groupTopN([k], [v], 0, { ascending: [true] })]).toEqual([]);
  });

  // n ≤ 16 with at least 4n rows per group on average keeps candidates per group; otherwise every row is sorted
  for (const [seed, len] of [[1, 2000], [2, 2000], [3, 2000], [4, 20000]]) {
    it(`matches the reference on random data (seed ${seed}, ${len} rows; ties, -0 against 0)`, () => {
      const rng = seeded(seed);
      const k = Array.from({ length: len }, (): ScalarValue => (rng.chance(0.05) ? null : rng.chance(0.5) ? "hot" : `k${rng.int(60)}`));
      const v = Array.from({ length: len }, (): ScalarValue => (rng.chance(0.05) ? null : rng.chance(0.02) ? NaN : rng.chance(0.05) ? -0 : rng.int(50) / 4));
      const kc = columnFromValues(dtypes.utf8, k), vc = floatColumn(v);
      for (const n of [1, 2, 3, 16, 40]) {
        for (const asc of [true, false]) {
          for (const dropna of [true, false]) {
            const got = [...groupTopN([kc], [vc], n, { ascending: [asc], dropna })];
            expect(got).toEqual(refTopN(k, v, n, asc, dropna));
          }
        }
      }
    });
  }
});

/** A float64 column keeping NaN as a value (columnFromValues reads NaN as null). */
function floatColumn(v: readonly ScalarValue[]): Column {
  const c = columnFromValues(dtypes.float64, v.map((x) => (typeof x === "number" && Number.isNaN(x) ? 0 : x)));
  if (c.layout !== "primitive") throw new Error("float64 is primitive");
  const values = new Float64Array(v.map((x) => (x === null ? 0 : (x as number))));
  return { ...c, values };
}

describe("distinctRows", () => {
  it("treats null as a value and keeps the first or last row, in row order", () => {
    const a = columnFromValues(dtypes.int32, [1, 2, 1, null, null, 2]);
    const b = columnFromValues(dtypes.utf8, ["x", "y", "x", null, null, "z"]);
    expect([...distinctRows([a], "first")]).toEqual([0, 1, 3]);
    expect([...distinctRows([a], "last")]).toEqual([2, 4, 5]);
    expect([...distinctRows([a, b], "first")]).toEqual([0, 1, 3, 5]);
    expect([...distinctRows([columnFromValues(dtypes.int32, [])], "last")]).toEqual([]);
  });

  for (const seed of [4, 5]) {
    it(`matches the reference on random multi-column keys (seed ${seed})`, () => {
      const rng = seeded(seed);
      const len = 3000;
      const a = Array.from({ length: len }, (): ScalarValue => (rng.chance(0.1) ? null : rng.chance(0.5) ? 0 : rng.int(30)));
      const b = Array.from({ length: len }, (): ScalarValue => (rng.chance(0.1) ? null : rng.pick(["p", "q", "é", ""])));
      const f = Array.from({ length: len }, (): ScalarValue => (rng.chance(0.1) ? null : rng.chance(0.1) ? NaN : rng.chance(0.1) ? -0 : rng.int(3)));
      const cols = [columnFromValues(dtypes.int64, a.map((x) => (x === null ? null : BigInt(x as number)))), columnFromValues(dtypes.utf8, b), floatColumn(f)];
      for (const keep of ["first", "last"] as const) {
        expect([...distinctRows(cols, keep)]).toEqual(refDistinct([a, b, f], keep));
        expect([...distinctRows(cols.slice(1), keep)]).toEqual(refDistinct([b, f], keep));
      }
    });
  }
});
