import { describe, expect, it } from "vitest";
import { dtypes, formatDType, isDuskError, type DType } from "@dusk/core";
import { columnFromValues, dictionaryRanks, sliceColumn, sortIndices, type ScalarValue, type Utf8Column } from "@dusk/kernels";
import { ALL_DTYPES, makeColumn, randomColumn, seeded } from "./helpers/rng.js";

const isMissing = (v: ScalarValue): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

function compareValues(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as number | bigint) < (b as number | bigint) ? -1 : (a as number | bigint) > (b as number | bigint) ? 1 : 0;
}

/** A plain stable sort (Array.prototype.sort is stable) with pandas' rules for nulls and NaN. */
function reference(keys: readonly ScalarValue[][], n: number, ascending: readonly boolean[], nullsLast: boolean): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  return idx.sort((i, j) => {
    for (let k = 0; k < keys.length; k++) {
      const a = keys[k][i], b = keys[k][j];
      const ma = isMissing(a), mb = isMissing(b);
      if (ma && mb) continue;
      if (ma) return nullsLast ? 1 : -1;
      if (mb) return nullsLast ? -1 : 1;
      const c = compareValues(a, b);
      if (c !== 0) return ascending[k] ? c : -c;
    }
    return 0;
  });
}

function check(cols: { column: import("@dusk/kernels").Column; values: ScalarValue[] }[], ascending: readonly boolean[], nullsLast: boolean): void {
  const n = cols[0].column.length;
  const got = Array.from(sortIndices(cols.map((c) => c.column), { ascending, nullsLast }));
  const want = reference(cols.map((c) => c.values), n, ascending, nullsLast);
  for (let i = 0; i < n; i++) if (got[i] !== want[i]) expect({ at: i, row: got[i] }).toEqual({ at: i, row: want[i] });
  expect(got.length).toBe(n);
}

const layoutsOf = (t: DType) => (t.kind === "utf8" ? (["utf8", "dict", "dict-dup"] as const) : (["utf8"] as const));

describe("sortIndices, one key", () => {
  for (const t of ALL_DTYPES) {
    for (const layout of layoutsOf(t)) {
      it(`${formatDType(t)}${t.kind === "utf8" ? ` (${layout})` : ""}: both directions, nulls first and last`, () => {
        const rng = seeded(t.kind.length * 101 + layout.length);
        for (const n of [0, 1, 2, 20, 33, 700, 3000]) {
          for (const distinct of [undefined, 6]) {
            const c = randomColumn(rng, t, { length: n, distinct, layout });
            for (const asc of [true, false]) for (const nullsLast of [true, false]) check([c], [asc], nullsLast);
          }
        }
      });
    }
  }

  it("large inputs (16-bit digits) for float64, int64 and int32", () => {
    const rng = seeded(8);
    for (const t of [dtypes.float64, dtypes.int64, dtypes.int32, dtypes.utf8]) {
      const c = randomColumn(rng, t, { length: 140_000, nullFraction: 0.05 });
      check([c], [rng.chance(0.5)], true);
    }
  });

  it("orders NaN with nulls, -0 equal to 0, infinities at the ends", () => {
    const v = makeColumn(dtypes.float64, [0, NaN, -0, Infinity, null, -Infinity, 0, -1e-300]);
    expect(Array.from(sortIndices([v]))).toEqual([5, 7, 0, 2, 6, 3, 1, 4]);
    expect(Array.from(sortIndices([v], { ascending: false }))).toEqual([3, 0, 2, 6, 7, 5, 1, 4]);
    expect(Array.from(sortIndices([v], { nullsLast: false }))).toEqual([1, 4, 5, 7, 0, 2, 6, 3]);
  });

  it("sorts int64 and uint64 exactly beyond 2^53", () => {
    const s = [2n ** 53n + 1n, 2n ** 53n, -(2n ** 63n), 2n ** 63n - 1n, -1n, 0n];
    expect(Array.from(sortIndices([makeColumn(dtypes.int64, s)]))).toEqual([2, 4, 5, 1, 0, 3]);
    const u = [2n ** 64n - 1n, 2n ** 63n, 2n ** 53n + 1n, 2n ** 53n, 0n];
    expect(Array.from(sortIndices([makeColumn(dtypes.uint64, u)]))).toEqual([4, 3, 2, 1, 0]);
  });

  it("works on sliced columns", () => {
    const rng = seeded(4);
    for (const t of [dtypes.float64, dtypes.float32, dtypes.int64, dtypes.utf8, dtypes.bool]) {
      const { column, values } = randomColumn(rng, t, { length: 500, distinct: 30 });
      check([{ column: sliceColumn(column, 17, 433), values: values.slice(17, 433) }], [true], true);
    }
  });
});

describe("sortIndices, several keys", () => {
  it("mixed dtypes, layouts and directions, nulls first and last", () => {
    const rng = seeded(21);
    const combos: DType[][] = [
      [dtypes.utf8, dtypes.int32],
      [dtypes.int8, dtypes.float64, dtypes.utf8],
      [dtypes.bool, dtypes.timestamp("ms"), dtypes.uint16],
      [dtypes.float32, dtypes.utf8, dtypes.uint64, dtypes.date32],
    ];
    for (const types of combos) {
      for (const n of [25, 400, 2500]) {
        const cols = types.map((t) => randomColumn(rng, t, { length: n, distinct: rng.pick([2, 5, 50]), layout: rng.pick(layoutsOf(t)) }));
        for (let rep = 0; rep < 3; rep++) {
          check(cols, types.map(() => rng.chance(0.5)), rng.chance(0.5));
        }
      }
    }
  });

  it("takes one ascending flag for all keys", () => {
    const a = columnFromValues(dtypes.int32, [1, 2, 1, 2]);
    const b = columnFromValues(dtypes.utf8, ["x", "y", "y", "x"]);
    expect(Array.from(sortIndices([a, b], { ascending: false }))).toEqual([1, 3, 2, 0]);
  });

  it("rejects bad arguments", () => {
    const a = columnFromValues(dtypes.int32, [1, 2]);
    const expectInvalid = (f: () => unknown) => {
      try { f(); expect.unreachable(); } catch (e) { expect(isDuskError(e, "INVALID_ARGUMENT")).toBe(true); }
    };
    expectInvalid(() => sortIndices([]));
    expectInvalid(() => sortIndices([a], { ascending: [true, false] }));
    expectInvalid(() => sortIndices([a, columnFromValues(dtypes.int32, [1])]));
  });
});

describe("dictionaryRanks", () => {
  it("ranks entries densely in byte order, equal strings equally", () => {
    const d = columnFromValues(dtypes.utf8, ["b", "a", "abcdefghij", "abcdefgh", "a", "", "\uffff", "😀", "abcdefgh\u0000"]) as Utf8Column;
    expect(Array.from(dictionaryRanks(d))).toEqual([5, 1, 4, 2, 1, 0, 6, 7, 3]);
  });

  it("ranks random strings around the 8- and 12-byte prefixes as a byte comparison does", () => {
    let x = 17;
    const next = (k: number): number => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) % k; };
    const alphabet = ["a", "b", "\u0000", "é"];
    for (let round = 0; round < 20; round++) {
      // shared stems of 7–13 bytes, so prefixes tie and the bytes past them (or the lengths) decide
      const stems = Array.from({ length: 4 }, () => "s".repeat(7 + next(7)));
      const values = Array.from({ length: 300 }, () => {
        let v = stems[next(4)];
        const extra = next(6);
        for (let k = 0; k < extra; k++) v += alphabet[next(4)];
        return v;
      });
      const d = columnFromValues(dtypes.utf8, values) as Utf8Column;
      const distinct = [...new Set(values)].sort((p, q) => Buffer.compare(Buffer.from(p), Buffer.from(q)));
      const want = values.map((v) => distinct.indexOf(v));
      expect(Array.from(dictionaryRanks(d)), `round ${round}`).toEqual(want);
    }
  });
});
