/**
 * Time-window rolling aggregates (`rollingTime`) split over partitions as the engine runs them:
 * each partition gets the carry folded from the earlier partitions' summaries (`timeTail` of
 * carry ++ summary), and every split (empty partitions, windows spanning several partitions,
 * duplicate times, nulls and NaN in the values) equals a plain-JS reference over the whole column.
 * Also count windows after the refactor of the shared sliding engine, and the errors.
 */
import { windowAggregate } from "./helpers/rolling-reference.js";
import { describe, expect, it } from "vitest";
import { dtypes, type DType } from "@dusk/core";
import {
  columnToValues, concatTimed, rolling, rollingTime, sliceColumn, timeTail,
  type Column, type RollingAgg, type TimedRows,
} from "@dusk/kernels";
import { expectDuskError } from "./helpers/expect.js";
import { makeColumn, seeded, type Rng } from "./helpers/rng.js";

type Num = number | null;
const AGGS: readonly RollingAgg[] = ["sum", "mean", "count", "min", "max", "std", "var"];


/** pandas' time rolling: row i over rows k ≤ i with t[k] > t[i] − span. */
function naiveTime(agg: RollingAgg, xs: Num[], ts: bigint[], span: bigint, minPeriods: number): (number | bigint | null)[] {
  return xs.map((_, i) => {
    const win: number[] = [];
    for (let k = 0; k <= i; k++) {
      const x = xs[k];
      if (ts[k] > ts[i] - span && x !== null && !Number.isNaN(x)) win.push(x);
    }
    return windowAggregate(agg, win, minPeriods);
  });
}

function randomTimes(rng: Rng, n: number, maxGap: number): bigint[] {
  let t = BigInt(rng.range(-1e6, 1e6));
  return Array.from({ length: n }, () => {
    if (!rng.chance(0.2)) t += BigInt(rng.range(1, maxGap)); // else a duplicate time
    return t;
  });
}
const randomValues = (rng: Rng, n: number): Num[] =>
  Array.from({ length: n }, () => (rng.chance(0.15) ? null : rng.chance(0.03) ? NaN : Math.round((rng.next() - 0.5) * 2000) / 8));

function cuts(rng: Rng, n: number, parts: number): number[] {
  const c = [0, n];
  for (let p = 1; p < parts; p++) c.push(rng.int(n + 1));
  return c.sort((a, b) => a - b);
}

/** rollingTime over each piece with the carry the engine folds from the pieces before. */
function splitRun(agg: RollingAgg, values: Column, times: Column, c: number[], span: bigint, minPeriods: number): unknown[] {
  let carry: TimedRows | null = null;
  const out: unknown[] = [];
  for (let i = 0; i + 1 < c.length; i++) {
    const part: TimedRows = { values: sliceColumn(values, c[i], c[i + 1]), times: sliceColumn(times, c[i], c[i + 1]) };
    out.push(...columnToValues(rollingTime(agg, part.values, part.times, carry, span, minPeriods, "rolling(v)", "ts")));
    const summary = timeTail(part, span, "rolling(v)", "ts");
    carry = timeTail(carry === null ? summary : concatTimed(carry, summary), span, "rolling(v)", "ts");
  }
  return out;
}

function expectClose(got: unknown[], want: (number | bigint | null)[], what: string): void {
  expect(got.length, what).toBe(want.length);
  got.forEach((g, i) => {
    const e = want[i];
    if (e === null || typeof e === "bigint") expect(g, `${what} row ${i}`).toEqual(e);
    else expect(g as number, `${what} row ${i}`).toBeCloseTo(e, 6);
  });
}

describe("rollingTime", () => {
  for (const agg of AGGS) {
    it(`${agg} over time windows and any split equals the naive reference`, () => {
      const rng = seeded(agg.length * 7919 + agg.charCodeAt(0));
      for (const n of [0, 1, 5, 300]) {
        for (const [unitType, maxGap] of [[dtypes.timestamp("s"), 120], [dtypes.timestamp("ns"), 5e9], [dtypes.date32, 4]] as [DType, number][]) {
          const ts = randomTimes(rng, n, maxGap);
          const xs = randomValues(rng, n);
          const values = makeColumn(dtypes.float64, xs);
          const times = makeColumn(unitType, unitType.kind === "date32" ? ts.map(Number) : ts);
          for (const [span, mp] of [[1n, 1], [BigInt(maxGap), 1], [BigInt(maxGap) * 5n, 2], [BigInt(maxGap) * 40n, 0], [BigInt(maxGap) * 3n, 3]] as const) {
            const want = naiveTime(agg, xs, ts, span, mp);
            for (const parts of [1, 4, 23]) {
              expectClose(splitRun(agg, values, times, cuts(rng, n, parts), span, mp), want, `${agg} n ${n} ${unitType.kind} span ${span} mp ${mp} parts ${parts}`);
            }
          }
        }
      }
    });
  }

  it("keeps only the rows within the window of the newest time in summaries and carries", () => {
    const rows: TimedRows = { values: makeColumn(dtypes.float64, [1, 2, 3, 4]), times: makeColumn(dtypes.timestamp("s"), [0n, 5n, 7n, 10n]) };
    expect(columnToValues(timeTail(rows, 5n, "r", "ts").times)).toEqual([7n, 10n]);
    expect(columnToValues(timeTail(rows, 6n, "r", "ts").values)).toEqual([2, 3, 4]);
    expect(columnToValues(timeTail(rows, 1n, "r", "ts").values)).toEqual([4]);
  });

  it("duplicate times: a row's window ends at the row itself, as pandas", () => {
    const got = rollingTime("sum", makeColumn(dtypes.float64, [1, 2, 4]), makeColumn(dtypes.timestamp("ms"), [5n, 5n, 5n]), null, 10n, 1, "r", "ts");
    expect(columnToValues(got)).toEqual([1, 3, 7]);
  });

  it("errors: unsorted times (also across the carry), null times, non-time column, bad span", () => {
    const v = makeColumn(dtypes.float64, [1, 2, 3]);
    const t = makeColumn(dtypes.timestamp("s"), [0n, 100n, 50n]);
    expectDuskError(() => rollingTime("sum", v, t, null, 10n, 1, "rolling_sum(v, 10s, on=ts)", "ts"), "INVALID_ARGUMENT",
      ["rolling_sum(v, 10s, on=ts)", "sorted by ts ascending", "1970-01-01 00:00:50 comes after 1970-01-01 00:01:40", 'sortValues("ts")', 'setIndex("ts")']);
    const carry: TimedRows = { values: makeColumn(dtypes.float64, [9]), times: makeColumn(dtypes.timestamp("s"), [200n]) };
    expectDuskError(() => rollingTime("sum", v, makeColumn(dtypes.timestamp("s"), [0n, 1n, 2n]), carry, 10n, 1, "r", "ts"), "INVALID_ARGUMENT", ["sorted by ts"]);
    expectDuskError(() => rollingTime("sum", v, makeColumn(dtypes.timestamp("s"), [0n, null, 2n]), null, 10n, 1, "r", "ts"), "INVALID_ARGUMENT", ["null time", "isNotNull"]);
    expectDuskError(() => timeTail({ values: v, times: makeColumn(dtypes.date32, [3, 2, 1]) }, 1n, "r", "d"), "INVALID_ARGUMENT", ["sorted by d"]);
    expectDuskError(() => rollingTime("sum", v, makeColumn(dtypes.int64, [0n, 1n, 2n]), null, 10n, 1, "r", "ts"), "TYPE_MISMATCH", ["timestamp or date32"]);
    expectDuskError(() => rollingTime("sum", v, makeColumn(dtypes.timestamp("s"), [0n, 1n, 2n]), null, 0n, 1, "r", "ts"), "INVALID_ARGUMENT", ["positive"]);
    expectDuskError(() => rollingTime("mean", makeColumn(dtypes.utf8, ["a", "b", "c"]), makeColumn(dtypes.timestamp("s"), [0n, 1n, 2n]), null, 5n, 1, "r", "ts"), "TYPE_MISMATCH", ["numbers or bools"]);
  });
});

describe("count windows on the shared engine", () => {
  it("still match the reference for every aggregate (bools and ints too)", () => {
    const rng = seeded(5);
    const xs = randomValues(rng, 150);
    for (const agg of AGGS) {
      for (const [w, mp] of [[1, 1], [4, 2], [30, 0]] as const) {
        const want = xs.map((_, i) => windowAggregate(agg, xs.slice(Math.max(0, i - w + 1), i + 1).filter((x): x is number => x !== null && !Number.isNaN(x)), mp));
        expectClose(columnToValues(rolling(agg, makeColumn(dtypes.float64, xs), null, w, mp, "r")), want, `${agg} ${w}`);
      }
    }
    expect(columnToValues(rolling("sum", makeColumn(dtypes.bool, [true, null, true, false]), null, 2, 1, "r"))).toEqual([1, 1, 1, 1]);
  });
});
