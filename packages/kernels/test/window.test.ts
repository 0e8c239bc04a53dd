/**
 * shift, running aggregates and rolling windows split over partitions: every split of a column
 * (empty partitions and partitions shorter than the window included) gives what one pass over the
 * whole column gives, and that equals a plain-JS reference.
 */
import { windowAggregate } from "./helpers/rolling-reference.js";
import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import {
  columnToValues, concatColumns, cumulative, rolling, shiftColumn, sliceColumn, tailRows, headRows,
  type Column, type CumulativeFn, type RollingAgg, type ScalarValue,
} from "@dusk/kernels";
import { expectDuskError } from "./helpers/expect.js";
import { makeColumn, seeded, type Rng } from "./helpers/rng.js";

/** Random cut points: 0..parts partitions, some empty. */
function cuts(rng: Rng, n: number, parts: number): number[] {
  const c = [0, n];
  for (let p = 1; p < parts; p++) c.push(rng.int(n + 1));
  return c.sort((a, b) => a - b);
}
const pieces = (col: Column, c: number[]): Column[] => c.slice(1).map((end, i) => sliceColumn(col, c[i], end));

function randomValues(rng: Rng, t: DType, n: number): ScalarValue[] {
  return Array.from({ length: n }, () => {
    if (rng.chance(0.15)) return null;
    switch (t.kind) {
      case "float64": return rng.chance(0.03) ? NaN : Math.round((rng.next() - 0.5) * 2000) / 8;
      case "int32": return rng.range(-1000, 1000);
      case "int64": return BigInt(rng.range(-1e6, 1e6)) * 1000003n;
      case "uint8": return rng.range(0, 255);
      case "bool": return rng.chance(0.5);
      case "date32": return rng.range(-20000, 20000);
      case "utf8": return `s${rng.int(50)}`;
      default: throw new Error(t.kind);
    }
  });
}

describe("shift", () => {
  for (const t of [dtypes.int32, dtypes.utf8, dtypes.float64, dtypes.bool]) {
    it(`of ${t.kind} by ±n across partitions equals shifting the whole column`, () => {
      const rng = seeded(t.kind.length * 7);
      for (const n of [0, 1, 5, 40]) {
        const values = randomValues(rng, t, n);
        const col = makeColumn(t, values);
        for (const by of [1, 2, 7, -1, -3, 50]) {
          const want = values.map((_, i) => (i - by >= 0 && i - by < n ? values[i - by] : null));
          const c = cuts(rng, n, rng.pick([1, 3, 9]));
          const parts = pieces(col, c);
          const got = parts.flatMap((p, i) => {
            const before = i === 0 ? null : concatColumns(parts.slice(0, i), t);
            const after = i === parts.length - 1 ? null : concatColumns(parts.slice(i + 1), t);
            return columnToValues(shiftColumn(p, by, before && tailRows(before, Math.max(by, 0)), after && headRows(after, Math.max(-by, 0))));
          });
          expect(got).toEqual(want);
        }
      }
    });
  }
});

describe("cumulative", () => {
  const cases: [CumulativeFn, DType][] = [
    ["cumsum", dtypes.int32], ["cumsum", dtypes.float64], ["cumsum", dtypes.int64], ["cumsum", dtypes.bool], ["cumsum", dtypes.uint8],
    ["cumprod", dtypes.float64], ["cummax", dtypes.int32], ["cummin", dtypes.float64], ["cummax", dtypes.date32], ["cummin", dtypes.int64],
  ];
  for (const [fn, t] of cases) {
    it(`${fn} of ${t.kind} over any split equals the running reference`, () => {
      const rng = seeded(fn.length * 13 + t.kind.length);
      for (const n of [0, 1, 30, 400]) {
        const values = fn === "cumprod" ? Array.from({ length: n }, () => (rng.chance(0.2) ? null : rng.pick([0.5, 2, -1, 1.5]))) : randomValues(rng, t, n);
        const col = makeColumn(t, values);
        // reference: skip null and NaN, keep them in place
        let acc: number | bigint | null = null;
        const want = values.map((v) => {
          if (v === null) return null;
          if (typeof v === "number" && Number.isNaN(v)) return NaN;
          const x = (typeof v === "boolean" ? BigInt(Number(v)) : t.kind === "int32" || t.kind === "uint8" ? (fn === "cumsum" ? BigInt(v as number) : v) : v) as number | bigint;
          if (acc === null) acc = x as number | bigint;
          else if (fn === "cumsum") acc = (acc as number) + (x as number);
          else if (fn === "cumprod") acc = (acc as number) * (x as number);
          else if (fn === "cummax") acc = x > acc ? x : acc;
          else acc = x < acc ? x : acc;
          return acc;
        });
        const parts = pieces(col, cuts(rng, n, rng.pick([1, 4, 11])));
        // as the engine runs it: each partition's summary on its own, a chain of running values
        // over the summaries, then each partition from the running value before it
        const summaries = parts.map((p) => cumulative(fn, p, null, `${fn}(v)`).lastColumn);
        let start: Column | null = null;
        const got: ScalarValue[] = [];
        parts.forEach((p, i) => {
          got.push(...columnToValues(cumulative(fn, p, start, `${fn}(v)`).column));
          start = start === null ? summaries[i] : cumulative(fn, concatColumns([start, summaries[i]], start.dtype), null, `${fn}(v)`).lastColumn;
        });
        expect(got).toEqual(want);
      }
    });
  }

  it("int64 sums that leave int64 are INT_OVERFLOW naming the row; text is refused", () => {
    const col = makeColumn(dtypes.int64, [2n ** 62n, 2n ** 62n]);
    expectDuskError(() => cumulative("cumsum", col, null, "cumsum(v)"), "INT_OVERFLOW", ["cumsum(v)", "row 1"]);
    expectDuskError(() => cumulative("cumsum", makeColumn(dtypes.utf8, ["a"]), null, "cumsum(s)"), "TYPE_MISMATCH", ["cumsum(s): cumsum needs numbers or bools, got utf8"]);
  });
});

describe("rolling", () => {
  const naive = (agg: RollingAgg, xs: (number | null)[], w: number, minPeriods: number): (number | bigint | null)[] =>
    xs.map((_, i) => {
      const win = xs.slice(Math.max(0, i - w + 1), i + 1).filter((v): v is number => v !== null && !Number.isNaN(v));
      return windowAggregate(agg, win, minPeriods);
    });
  for (const agg of ["sum", "mean", "count", "min", "max", "std", "var"] as const) {
    it(`${agg} over count windows and any split equals the naive reference`, () => {
      const rng = seeded(agg.length * 101);
      for (const n of [0, 3, 200]) {
        const xs = randomValues(rng, dtypes.float64, n) as (number | null)[];
        const col = makeColumn(dtypes.float64, xs);
        for (const [w, mp] of [[1, 1], [3, 3], [3, 1], [10, 2], [50, 0]] as const) {
          const want = naive(agg, xs, w, mp);
          const parts = pieces(col, cuts(rng, n, rng.pick([1, 5, 17])));
          const got = parts.flatMap((p, i) => {
            const before = i === 0 ? null : concatColumns(parts.slice(0, i), dtypes.float64);
            return columnToValues(rolling(agg, p, before, w, mp, "rolling(v)"));
          });
          expect(got.length).toBe(want.length);
          got.forEach((g, i) => {
            const e = want[i];
            if (e === null || typeof e === "bigint") expect(g, `row ${i} w ${w}`).toEqual(e);
            else expect(g as number, `row ${i} w ${w}`).toBeCloseTo(e, 6);
          });
        }
      }
    });
  }
});
