/**
 * Exact median, quantile and nunique (holistic: rows shuffled by key so each task sees whole
 * groups) and corr / cov (two inputs, mergeable states), end to end: agg specs, GroupBy methods,
 * expressions over aggregates, whole-frame aggregates and Series scalars, against the plain-JS
 * reference with nulls, skewed keys, empty partitions and many partitions, on worker threads and
 * inline.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, column, groupByDataset, referenceGroupBy, Rng, type ReferenceAgg } from "@dusk/testing";

function randomData(seed: number, rows: number) {
  const rng = new Rng(seed);
  const hot = column("utf8", { length: rows, nullFraction: 0.05, cardinality: 8, rng }) as (string | null)[];
  return {
    k: hot.map((v) => (rng.chance(0.5) ? "hot" : v)),
    k2: Array.from({ length: rows }, () => rng.int(0, 2)),
    i: column("int32", { length: rows, nullFraction: 0.2, rng }) as (number | null)[],
    f: Array.from({ length: rows }, () => (rng.chance(0.15) ? null : rng.chance(0.02) ? NaN : rng.float() * 100 - 50)),
    big: Array.from({ length: rows }, () => (rng.chance(0.2) ? null : BigInt(rng.int(0, 40)) - 20n)),
    s: Array.from({ length: rows }, () => (rng.chance(0.3) ? null : `s${rng.int(0, 12)}`)),
    flag: column("bool", { length: rows, nullFraction: 0.3, rng }) as (boolean | null)[],
  };
}
const DTYPES = { k: "utf8", k2: "int32", i: "int32", f: "float64", big: "int64", s: "utf8", flag: "bool" } as const;

const REF: ReferenceAgg[] = [
  { name: "i_median", fn: "median", column: "i" },
  { name: "f_median", fn: "median", column: "f" },
  { name: "big_median", fn: "median", column: "big" },
  { name: "f_q10", fn: "quantile", column: "f", q: 0.1 },
  { name: "i_q90", fn: "quantile", column: "i", q: 0.9 },
  { name: "s_nunique", fn: "nunique", column: "s" },
  { name: "f_nunique", fn: "nunique", column: "f" },
  { name: "flag_nunique", fn: "nunique", column: "flag" },
  { name: "r", fn: "corr", column: "i", other: "f" },
  { name: "c", fn: "cov", column: "f", other: "big" },
  { name: "f_sum", fn: "sum", column: "f" },
];
const spec = {
  i_median: dd.col("i").median(), f_median: dd.col("f").median(), big_median: dd.col("big").median(),
  f_q10: dd.col("f").quantile(0.1), i_q90: dd.col("i").quantile(0.9),
  s_nunique: dd.col("s").nunique(), f_nunique: dd.col("f").nunique(), flag_nunique: dd.col("flag").nunique(),
  r: dd.corr("i", "f"), c: dd.cov("f", "big"), f_sum: dd.col("f").sum(),
};

const SHAPES: [rows: number, partitions: number][] = [[700, 1], [700, 4], [700, 17], [10, 17], [0, 3]];

describe("median, quantile, nunique, corr and cov against the plain-JS reference", () => {
  for (const seed of [1, 2]) {
    for (const [rows, npartitions] of SHAPES) {
      it(`seed ${seed}, ${rows} rows in ${npartitions} partitions, one and two keys`, async () => {
        const data = randomData(seed, rows);
        const df = dd.fromColumns(data, { npartitions, dtypes: DTYPES });
        assertFrameEqual(await df.groupBy("k").agg(spec).compute(), referenceGroupBy(data, ["k"], REF), { rtol: 1e-9, atol: 1e-9 });
        assertFrameEqual(await df.groupBy(["k", "k2"], { dropna: false }).agg(spec).compute(),
          referenceGroupBy(data, ["k", "k2"], REF, { dropna: false }), { rtol: 1e-9, atol: 1e-9 });
        assertFrameEqual(await df.agg(spec).compute(), referenceGroupBy(data, [], REF), { rtol: 1e-9, atol: 1e-9 });
      });
    }
  }

  it("splitOut gives several output partitions of whole groups, sorted within each", async () => {
    const data = randomData(7, 3000);
    const df = dd.fromColumns(data, { npartitions: 6, dtypes: DTYPES });
    const q = df.groupBy(["k", "k2"], { splitOut: 3 }).agg(spec);
    expect(q.npartitions).toBe(3);
    assertFrameEqual(await q.compute(), referenceGroupBy(data, ["k", "k2"], REF), { ignoreRowOrder: true, rtol: 1e-9, atol: 1e-9 });
  });

  it("the same answers inline as on threads", async () => {
    const data = randomData(9, 2000);
    const df = dd.fromColumns(data, { npartitions: 5, dtypes: DTYPES });
    const threads = await df.groupBy("k").agg(spec).compute();
    const prev = dd.config.set({ scheduler: "inline" });
    try {
      assertFrameEqual(await df.groupBy("k").agg(spec).compute(), threads);
    } finally {
      dd.config.set(prev);
    }
  });

  it("GroupBy methods, agg names, Series scalars and expressions over aggregates", async () => {
    const data = randomData(3, 900);
    const df = dd.fromColumns(data, { npartitions: 7, dtypes: DTYPES });
    const num = df.select(["k", "i", "f"]);
    assertFrameEqual(await num.groupBy("k").median().compute(),
      referenceGroupBy(data, ["k"], [{ name: "i", fn: "median", column: "i" }, { name: "f", fn: "median", column: "f" }]), { rtol: 1e-12 });
    assertFrameEqual(await num.groupBy("k").quantile(0.75).compute(),
      referenceGroupBy(data, ["k"], [{ name: "i", fn: "quantile", column: "i", q: 0.75 }, { name: "f", fn: "quantile", column: "f", q: 0.75 }]), { rtol: 1e-12 });
    assertFrameEqual(await df.select(["k", "s", "k2"]).groupBy("k").nunique().compute(),
      referenceGroupBy(data, ["k"], [{ name: "s", fn: "nunique", column: "s" }, { name: "k2", fn: "nunique", column: "k2" }]));
    assertFrameEqual(await df.groupBy("k").agg({ i: ["median", "nunique", "mean"] }).compute(), referenceGroupBy(data, ["k"], [
      { name: "i_median", fn: "median", column: "i" }, { name: "i_nunique", fn: "nunique", column: "i" }, { name: "i_mean", fn: "mean", column: "i" },
    ]), { rtol: 1e-12 });
    const [ref] = [referenceGroupBy(data, [], [{ name: "m", fn: "median", column: "f" }, { name: "n", fn: "nunique", column: "s" }, { name: "q", fn: "quantile", column: "i", q: 0.3 }])];
    expect(await df.col("f").median().compute()).toBeCloseTo(ref.m[0] as number, 12);
    expect(await df.col("s").nunique().compute()).toBe(ref.n[0]);
    expect(await df.col("i").quantile(0.3).compute()).toBeCloseTo(ref.q[0] as number, 12);
    // expressions over holistic and two-input aggregates (db-benchmark q9's r2)
    const r2 = await df.groupBy("k").agg({ r2: dd.corr("i", "f").pow(2), spread: dd.col("f").quantile(0.9).sub(dd.col("f").quantile(0.1)) }).compute();
    const parts = referenceGroupBy(data, ["k"], [
      { name: "r", fn: "corr", column: "i", other: "f" }, { name: "hi", fn: "quantile", column: "f", q: 0.9 }, { name: "lo", fn: "quantile", column: "f", q: 0.1 },
    ]);
    assertFrameEqual(r2, {
      k: parts.k,
      r2: parts.r.map((r) => (r === null ? null : (r as number) ** 2)),
      spread: parts.hi.map((h, j) => (h === null ? null : (h as number) - (parts.lo[j] as number))),
    }, { rtol: 1e-9, atol: 1e-12 });
  });

  it("shows the shuffle of whole groups in explain, and names bad inputs", () => {
    const df = dd.fromColumns(randomData(1, 100), { npartitions: 4, dtypes: DTYPES });
    const text = df.groupBy("k").agg({ m: dd.col("f").median() }).explain();
    expect(text).toContain("median(f)");
    expect(text).toContain("aggregate: 1 task\n    aggregate-whole (shuffle-gather → aggregate-whole): 4 tasks\n      shuffle-split (scan-memory → aggregate-prepare → shuffle-split): 4 tasks");
    // from one partition, or without keys, no shuffle
    expect(df.repartition({ npartitions: 1 }).groupBy("k").agg({ m: dd.col("f").median() }).explain()).not.toContain("shuffle");
    expect(df.agg({ m: dd.col("f").median() }).explain()).toContain("aggregate: 1 task\n    aggregate-prepare (scan-memory → aggregate-prepare): 4 tasks");
    expect(() => df.groupBy("k").agg({ m: dd.col("s").median() })).toThrow(/cannot take the median of utf8 values/);
    expect(() => df.groupBy("k").agg({ r: dd.corr("s", "f") })).toThrow(/corr needs two number or bool inputs, got utf8 and float64/);
    expect(() => dd.col("f").quantile(1.5)).toThrow(/quantile needs q, a fraction between 0 and 1/);
    expect(() => df.groupBy("k").agg({ f: "quantile" as never })).toThrow(/unknown aggregation "quantile"/);
  });

  it("db-benchmark q6 and q9 on the groupby dataset", async () => {
    const g = groupByDataset({ rows: 5000, groups: 6, naFraction: 0.05, seed: 4 });
    const df = dd.fromColumns(g.columns, { npartitions: 5 });
    const q6 = await df.groupBy(["id4", "id5"]).agg({ median_v3: dd.col("v3").median(), sd_v3: dd.col("v3").std() }).compute();
    assertFrameEqual(q6, referenceGroupBy(g.columns, ["id4", "id5"], [
      { name: "median_v3", fn: "median", column: "v3" }, { name: "sd_v3", fn: "std", column: "v3" },
    ]), { rtol: 1e-9 });
    const q9 = await df.groupBy(["id2", "id4"]).agg({ r2: dd.corr("v1", "v2").pow(2) }).compute();
    const ref = referenceGroupBy(g.columns, ["id2", "id4"], [{ name: "r", fn: "corr", column: "v1", other: "v2" }]);
    assertFrameEqual(q9, { id2: ref.id2, id4: ref.id4, r2: ref.r.map((r) => (r === null ? null : (r as number) ** 2)) }, { rtol: 1e-9, atol: 1e-12 });
  });
});
