import { describe, expect, it } from "vitest";
import { dtypes, formatDType, isDuskError, type DType } from "@dusk/core";
import { columnFromValues, groupIds, sliceColumn, type Column, type ScalarValue } from "@dusk/kernels";
import { ALL_DTYPES, makeColumn, randomColumn, seeded, type Rng } from "./helpers/rng.js";

/** A key value as a Map key: -0 is 0, every NaN is one NaN, null is distinct from every value. */
function keyString(v: ScalarValue): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

/** Plain-JS grouping: ids in first-seen order through a Map of stringified keys. */
function reference(keys: readonly ScalarValue[][], n: number, dropna: boolean): { ids: number[]; ngroups: number; firstRow: number[] } {
  const map = new Map<string, number>();
  const ids: number[] = [];
  const firstRow: number[] = [];
  for (let i = 0; i < n; i++) {
    if (dropna && keys.some((k) => k[i] === null)) { ids.push(-1); continue; }
    const s = keys.map((k) => keyString(k[i])).join("|");
    let g = map.get(s);
    if (g === undefined) { g = map.size; map.set(s, g); firstRow.push(i); }
    ids.push(g);
  }
  return { ids, ngroups: map.size, firstRow };
}

function check(cols: readonly Column[], values: readonly ScalarValue[][], dropna: boolean): void {
  const n = cols[0].length;
  const got = groupIds(cols, { dropna });
  const want = reference(values, n, dropna);
  expect(got.ngroups).toBe(want.ngroups);
  // compare as arrays once; a mismatch prints the first differing row
  const ids = Array.from(got.ids);
  for (let i = 0; i < n; i++) if (ids[i] !== want.ids[i]) expect({ row: i, id: ids[i] }).toEqual({ row: i, id: want.ids[i] });
  expect(Array.from(got.firstRow)).toEqual(want.firstRow);
}

const layouts = ["utf8", "dict", "dict-dup"] as const;

function variants(t: DType): readonly ("utf8" | "dict" | "dict-dup")[] {
  return t.kind === "utf8" ? layouts : ["utf8"];
}

describe("groupIds, one key", () => {
  for (const t of ALL_DTYPES) {
    for (const layout of variants(t)) {
      it(`${formatDType(t)}${t.kind === "utf8" ? ` (${layout})` : ""}: few, skewed, many values; dropna true and false`, () => {
        const rng = seeded(t.kind.length * 31 + layout.length);
        const cases = [
          randomColumn(rng, t, { length: 2000, distinct: 12, skew: 0.5, layout }),
          randomColumn(rng, t, { length: 3000, layout }),
          randomColumn(rng, t, { length: 500, nullFraction: 0, distinct: 3, layout }),
          randomColumn(rng, t, { length: 300, nullFraction: 0.9, layout }),
          randomColumn(rng, t, { length: 0, layout }),
        ];
        for (const { column, values } of cases) {
          check([column], [values], true);
          check([column], [values], false);
        }
      });
    }
  }

  it("folds -0 onto 0 and every NaN onto one NaN (float32 and float64)", () => {
    const nan2 = new Float64Array([NaN]);
    new Int32Array(nan2.buffer)[0] = 12345; // a NaN with another payload
    for (const t of [dtypes.float64, dtypes.float32]) {
      const col = makeColumn(t, [0, -0, NaN, 1, nan2[0], null, -0, NaN]);
      expect(Array.from(groupIds([col]).ids)).toEqual([0, 0, 1, 2, 1, -1, 0, 1]);
      expect(Array.from(groupIds([col], { dropna: false }).ids)).toEqual([0, 0, 1, 2, 1, 3, 0, 1]);
    }
  });

  it("puts the null group where its first row is", () => {
    const col = columnFromValues(dtypes.int32, [5, null, 7, 5, null, 9]);
    const g = groupIds([col], { dropna: false });
    expect(Array.from(g.ids)).toEqual([0, 1, 2, 0, 1, 3]);
    expect(Array.from(g.firstRow)).toEqual([0, 1, 2, 5]);
    expect(Array.from(groupIds([col]).ids)).toEqual([0, -1, 1, 0, -1, 2]);
  });

  it("handles many groups (1e5) through the hashed paths", () => {
    const rng = seeded(7);
    const n = 200_000;
    for (const t of [dtypes.int32, dtypes.int64, dtypes.uint32, dtypes.float64, dtypes.utf8]) {
      const pool: ScalarValue[] = [];
      for (let k = 0; k < 100_000; k++) {
        const x = (k * 2654435761) % 4294967291;
        pool.push(t.kind === "int32" ? (x | 0) : t.kind === "uint32" ? x : t.kind === "int64" ? BigInt(x) * 1_000_003n : t.kind === "float64" ? x / 7 : `key-${x}`);
      }
      const values = Array.from({ length: n }, () => (rng.chance(0.1) ? null : rng.pick(pool)));
      const col = makeColumn(t, values);
      check([col], [values], true);
      check([col], [values], false);
    }
  });

  it("reads int64 keys that fit 32 bits through the narrow path, and wider ones exactly", () => {
    const narrow = [1n, -1n, 2147483647n, -2147483648n, null, 1n];
    check([makeColumn(dtypes.int64, narrow)], [narrow], false);
    const wide = [2147483648n, -2147483649n, 2147483648n, 0n, null, 2n ** 62n];
    check([makeColumn(dtypes.int64, wide)], [wide], false);
    const u = [2147483648n, 4294967295n, 2147483648n, 0n, 2n ** 64n - 1n, null];
    check([makeColumn(dtypes.uint64, u)], [u], false);
    const u2 = [2147483648n, 4294967295n, 5n];
    check([makeColumn(dtypes.uint64, u2)], [u2], true);
  });

  it("works on sliced columns (values at an offset)", () => {
    const rng = seeded(3);
    for (const t of [dtypes.float64, dtypes.float32, dtypes.int64, dtypes.utf8, dtypes.int16]) {
      const { column, values } = randomColumn(rng, t, { length: 1000, distinct: 20 });
      const s = sliceColumn(column, 13, 901);
      check([s], [values.slice(13, 901)], false);
    }
  });
});

describe("groupIds, several keys", () => {
  function randomKeys(rng: Rng, types: readonly DType[], n: number, distinct: readonly (number | undefined)[]) {
    return types.map((t, k) => randomColumn(rng, t, {
      length: n, distinct: distinct[k], skew: k === 0 ? 0.5 : undefined, layout: rng.pick(variants(t)),
    }));
  }

  it("two and three keys of mixed dtypes and layouts, dropna true and false", () => {
    const rng = seeded(11);
    const combos: DType[][] = [
      [dtypes.utf8, dtypes.int32],
      [dtypes.int64, dtypes.utf8],
      [dtypes.float64, dtypes.bool],
      [dtypes.utf8, dtypes.int32, dtypes.utf8],
      [dtypes.date32, dtypes.float32, dtypes.uint64],
      [dtypes.timestamp("ms"), dtypes.int8, dtypes.utf8],
    ];
    for (const types of combos) {
      for (const distinct of [[5, 7, 3], [undefined, 40, undefined]]) {
        const cols = randomKeys(rng, types, 3000, distinct);
        check(cols.map((c) => c.column), cols.map((c) => c.values), true);
        check(cols.map((c) => c.column), cols.map((c) => c.values), false);
      }
    }
  });

  it("combines through the direct table, the 32-bit and the 64-bit interners", () => {
    const n = 100_000;
    const a: ScalarValue[] = [], b: ScalarValue[] = [], c: ScalarValue[] = [];
    for (let i = 0; i < n; i++) {
      a.push(i % 1000);          // 1000 × 1000 = 1e6 > direct table cap for 1e5 rows: 32-bit interner
      b.push((i * 7) % 997);
      c.push(i === 5 ? null : (i * 7919) % n); // ~1e5 (a, b) pairs × 1e5 ≥ 2^31: 64-bit interner
    }
    const cols = [makeColumn(dtypes.int32, a), makeColumn(dtypes.int32, b), makeColumn(dtypes.int32, c)];
    check(cols.slice(0, 2), [a, b], true);
    check(cols, [a, b, c], true);
    check(cols, [a, b, c], false);
    check([cols[2], cols[0]], [c, a], false);
  });
});

describe("groupIds, edge cases", () => {
  it("zero keys put every row in group 0, with one group even for zero rows", () => {
    const g = groupIds([], { length: 4 });
    expect(Array.from(g.ids)).toEqual([0, 0, 0, 0]);
    expect(g.ngroups).toBe(1);
    expect(Array.from(g.firstRow)).toEqual([0]);
    const e = groupIds([]);
    expect(e.ids.length).toBe(0);
    expect(e.ngroups).toBe(1);
  });

  it("all-null keys with dropna give no group", () => {
    const g = groupIds([columnFromValues(dtypes.utf8, [null, null])]);
    expect(g.ngroups).toBe(0);
    expect(Array.from(g.ids)).toEqual([-1, -1]);
    expect(g.firstRow.length).toBe(0);
  });

  it("rejects key columns of different lengths", () => {
    const a = columnFromValues(dtypes.int32, [1, 2]);
    const b = columnFromValues(dtypes.int32, [1]);
    try {
      groupIds([a, b]);
      expect.unreachable();
    } catch (e) {
      expect(isDuskError(e, "INVALID_ARGUMENT")).toBe(true);
    }
  });
});
