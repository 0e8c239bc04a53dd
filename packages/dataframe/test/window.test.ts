/**
 * Window functions in assign (cumsum, cumprod, cummax, cummin, shift, diff, rolling) across
 * partitions, against a plain-JS reference over the rows in order: nulls, NaN, empty partitions,
 * partitions shorter than the window, many partitions; on worker threads and inline.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng } from "@dusk/testing";

function data(seed: number, rows: number) {
  const rng = new Rng(seed);
  return {
    i: Array.from({ length: rows }, () => (rng.chance(0.15) ? null : rng.int(-50, 50))),
    // (NaN from JS numbers would arrive as null: the kernels test NaN)
    f: Array.from({ length: rows }, () => (rng.chance(0.15) ? null : Math.round(rng.float() * 800 - 400) / 8)),
    s: Array.from({ length: rows }, () => (rng.chance(0.2) ? null : `s${rng.int(0, 9)}`)),
  };
}
const DTYPES = { i: "int32", f: "float64", s: "utf8" } as const;

type Num = number | null;
const present = (v: Num): v is number => v !== null && !Number.isNaN(v);
function running(xs: Num[], step: (a: number, x: number) => number): Num[] {
  let acc: number | null = null;
  return xs.map((x) => {
    if (x === null) return null;
    if (Number.isNaN(x)) return NaN;
    acc = acc === null ? x : step(acc, x);
    return acc;
  });
}
const shifted = <T>(xs: T[], n: number): (T | null)[] => xs.map((_, i) => (i - n >= 0 && i - n < xs.length ? xs[i - n] : null));
function rollingRef(xs: Num[], w: number, minPeriods: number, agg: "mean" | "max" | "count"): (number | bigint | null)[] {
  return xs.map((_, i) => {
    const win = xs.slice(Math.max(0, i - w + 1), i + 1).filter(present);
    if (win.length < minPeriods) return null;
    if (agg === "count") return BigInt(win.length);
    if (win.length === 0) return null;
    return agg === "max" ? Math.max(...win) : win.reduce((a, b) => a + b, 0) / win.length;
  });
}

function expected(d: ReturnType<typeof data>) {
  return {
    ...d,
    ci: running(d.i, (a, x) => a + x).map((v) => (v === null ? null : BigInt(v))),
    cf: running(d.f, (a, x) => a + x),
    mx: running(d.i, (a, x) => Math.max(a, x)),
    mn: running(d.f, (a, x) => Math.min(a, x)),
    prev: shifted(d.s, 2),
    next: shifted(d.i, -1),
    di: d.i.map((v, k) => (v === null || k === 0 || d.i[k - 1] === null ? null : v - (d.i[k - 1] as number))),
    ma: rollingRef(d.f, 4, 2, "mean"),
    hi: rollingRef(d.i, 3, 3, "max"),
    n: rollingRef(d.f, 5, 0, "count"),
  };
}

const spec = {
  ci: dd.col("i").cumsum(), cf: dd.col("f").cumsum(), mx: dd.col("i").cummax(), mn: dd.col("f").cummin(),
  prev: dd.col("s").shift(2), next: dd.col("i").shift(-1), di: dd.col("i").diff(),
  ma: dd.col("f").rolling(4, { minPeriods: 2 }).mean(), hi: dd.col("i").rolling(3).max(), n: dd.col("f").rolling(5, { minPeriods: 0 }).count(),
};

describe("window functions across partitions", () => {
  for (const [rows, npartitions] of [[300, 1], [300, 7], [300, 40], [5, 4], [0, 3]] as const) {
    it(`${rows} rows in ${npartitions} partitions`, async () => {
      const d = data(rows + npartitions, rows);
      const df = dd.fromColumns(d, { npartitions, dtypes: DTYPES });
      const got = await df.assign(spec).compute();
      const want = expected(d);
      assertFrameEqual(got, { ...want, hi: want.hi.map((v) => (v === null ? null : Number(v))) }, { rtol: 1e-12, atol: 1e-9 });
    });
  }

  it("after a filter that empties partitions, inline as on threads, and in expressions", async () => {
    const d = data(3, 400);
    const df = dd.fromColumns({ ...d, row: d.i.map((_, k) => k) }, { npartitions: 9, dtypes: { ...DTYPES, row: "int32" } })
      .filter(dd.col("row").lt(100).or(dd.col("row").ge(300)));
    const keep = d.i.map((_, k) => k < 100 || k >= 300);
    const kept = { i: d.i.filter((_, k) => keep[k]), f: d.f.filter((_, k) => keep[k]), s: d.s.filter((_, k) => keep[k]) };
    const q = df.select(["i", "f", "s"]).assign({ ...spec, rel: dd.col("i").sub(dd.col("i").shift(1)).mul(2) });
    const threads = await q.compute();
    const want = expected(kept);
    assertFrameEqual(threads, { ...want, hi: want.hi.map((v) => (v === null ? null : Number(v))), rel: want.di.map((v) => (v === null ? null : v * 2)) }, { rtol: 1e-12, atol: 1e-9 });
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await q.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("Series methods, explain, and errors that say where window functions belong", async () => {
    const d = data(1, 50);
    const df = dd.fromColumns(d, { npartitions: 3, dtypes: DTYPES });
    const total = await df.col("i").cumsum().compute();
    expect(total.toArray().length).toBe(50);
    expect(await df.assign({ t: df.col("f").rolling(3).sum() }).col("t").count().compute()).toBeGreaterThan(0n);
    expect(df.assign({ c: dd.col("i").cumsum() }).explain()).toMatch(/Window \[__window_0 := cumsum\(i\)\]/);
    expect(() => df.filter(dd.col("i").shift(1).gt(0))).toThrow(/window function shift\(i, 1\) is used in filter.*belong in assign/);
    expect(() => df.assign({ x: dd.col("s").cumsum() })).toThrow(/cumsum needs numbers or bools, got utf8/);
    expect(() => df.assign({ x: dd.col("i").cumsum().cumsum() })).toThrow(/nested in another window function/);
    expect(() => dd.col("i").rolling(0).mean()).toThrow(/window of whole rows/);
    expect(() => df.groupBy("s").agg({ x: dd.col("i").cumsum().sum() })).toThrow(/window function/);
  });
});
