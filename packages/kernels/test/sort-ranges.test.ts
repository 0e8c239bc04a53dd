/** rangeIds: each row's range among sorted boundary rows, checked against counting boundaries with a plain comparator. */
import { describe, expect, it } from "vitest";
import { dtypes, isDuskError, type DType } from "@dusk/core";
import { columnFromValues, rangeIds, sortIndices, take, type ScalarValue } from "@dusk/kernels";
import { randomColumn, seeded } from "./helpers/rng.js";

const isMissing = (v: ScalarValue): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

function compareValues(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === "boolean") return Number(a) - Number(b);
  return (a as number | bigint) < (b as number | bigint) ? -1 : (a as number | bigint) > (b as number | bigint) ? 1 : 0;
}

/** Row order with pandas' rules: -1, 0 or 1. */
function compareRows(x: readonly ScalarValue[], y: readonly ScalarValue[], ascending: readonly boolean[], nullsLast: boolean): number {
  for (let k = 0; k < x.length; k++) {
    const mx = isMissing(x[k]), my = isMissing(y[k]);
    if (mx && my) continue;
    if (mx) return nullsLast ? 1 : -1;
    if (my) return nullsLast ? -1 : 1;
    const c = compareValues(x[k], y[k]);
    if (c !== 0) return ascending[k] ? c : -c;
  }
  return 0;
}

describe("rangeIds", () => {
  const combos: DType[][] = [[dtypes.int32], [dtypes.float64], [dtypes.utf8], [dtypes.int64, dtypes.utf8], [dtypes.bool, dtypes.float32, dtypes.uint64]];
  for (const types of combos) {
    it(`[${types.map((t) => t.kind).join(", ")}]: equal keys share a range, boundaries close ranges`, () => {
      const rng = seeded(types.length * 7 + types[0].kind.length);
      for (const n of [0, 1, 40, 900]) {
        const cols = types.map((t) => randomColumn(rng, t, { length: n, distinct: rng.pick([3, 40]), skew: 0.4, layout: t.kind === "utf8" ? rng.pick(["utf8", "dict"] as const) : undefined }));
        for (let rep = 0; rep < 3; rep++) {
          const ascending = types.map(() => rng.chance(0.5));
          const nullsLast = rng.chance(0.5);
          const nb = n === 0 ? 0 : rng.int(6);
          const picks = Int32Array.from({ length: nb }, () => rng.int(n));
          const chosen = cols.map((c) => take(c.column, picks));
          const order = sortIndices(chosen, { ascending, nullsLast });
          const bounds = chosen.map((c) => take(c, order));
          const bvals = Array.from(order, (o) => cols.map((c) => c.values[picks[o]]));
          const ids = rangeIds(cols.map((c) => c.column), bounds, { ascending, nullsLast });
          for (let i = 0; i < n; i++) {
            const row = cols.map((c) => c.values[i]);
            const want = bvals.filter((b) => compareRows(b, row, ascending, nullsLast) < 0).length;
            if (ids[i] !== want) expect({ row: i, id: ids[i] }).toEqual({ row: i, id: want });
          }
        }
      }
    });
  }

  it("puts a row equal to a boundary in the range that boundary closes", () => {
    const keys = columnFromValues(dtypes.int32, [5, 1, 9, 3, null, 6]);
    expect(Array.from(rangeIds([keys], [columnFromValues(dtypes.int32, [3, 6])]))).toEqual([1, 0, 2, 0, 2, 1]);
    expect(Array.from(rangeIds([keys], [columnFromValues(dtypes.int32, [])]))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(rangeIds([keys], [columnFromValues(dtypes.int32, [6, 3])], { ascending: false, nullsLast: false }))).toEqual([1, 2, 0, 1, 0, 0]);
  });

  it("rejects key and boundary lists of different lengths", () => {
    const a = columnFromValues(dtypes.int32, [1]);
    try { rangeIds([a], [a, a]); expect.unreachable(); } catch (e) { expect(isDuskError(e, "INVALID_ARGUMENT")).toBe(true); }
  });
});
