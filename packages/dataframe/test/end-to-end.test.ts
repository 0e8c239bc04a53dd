/**
 * End to end: frames built from random data with nulls, computed through plan → optimizer → tasks →
 * executor, compared with an independent plain-JS computation, over several seeds and partition
 * counts (including empty partitions and one-row partitions).
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, column, referenceGroupBy, Rng, tableToColumns } from "@dusk/testing";

type Row = Record<string, unknown>;

function randomData(seed: number, rows: number) {
  const rng = new Rng(seed);
  return {
    k1: column("utf8", { length: rows, nullFraction: 0.1, cardinality: 7, rng }) as (string | null)[],
    k2: column("int32", { length: rows, nullFraction: 0.1, cardinality: 5, rng }) as (number | null)[],
    i: column("int32", { length: rows, nullFraction: 0.2, rng }) as (number | null)[],
    f: column("float64", { length: rows, nullFraction: 0.2, rng }) as (number | null)[],
    b: column("int64", { length: rows, nullFraction: 0.2, rng }).map((v) => (v === null ? null : (v as bigint) / 1024n)),
  };
}

const SEEDS = [1, 2, 3];
const SHAPES: [rows: number, partitions: number][] = [[500, 1], [500, 4], [40, 16], [9, 9], [0, 3], [3, 7]];

describe("groupBy against a plain-JS reference", () => {
  for (const seed of SEEDS) {
    for (const [rows, npartitions] of SHAPES) {
      it(`seed ${seed}, ${rows} rows in ${npartitions} partitions`, async () => {
        const data = randomData(seed, rows);
        const df = dd.fromColumns(data, { npartitions, dtypes: { i: "int32", k2: "int32", b: "int64", f: "float64", k1: "utf8" } });
        const got = await df.groupBy(["k1", "k2"]).agg({
          i: ["sum", "mean", "min", "max", "count"], f: ["sum", "mean"], b: "sum", n: dd.count(),
        }).compute();
        const expected = referenceGroupBy(data, ["k1", "k2"], [
          { name: "i_sum", fn: "sum", column: "i", integer: true },
          { name: "i_mean", fn: "mean", column: "i" },
          { name: "i_min", fn: "min", column: "i" },
          { name: "i_max", fn: "max", column: "i" },
          { name: "i_count", fn: "count", column: "i" },
          { name: "f_sum", fn: "sum", column: "f" },
          { name: "f_mean", fn: "mean", column: "f" },
          { name: "b", fn: "sum", column: "b", integer: true },
          { name: "n", fn: "size" },
        ]);
        assertFrameEqual(got, expected, { rtol: 1e-9, atol: 1e-6 });
      });
    }
  }

  it("keeps null keys as a group with dropna: false", async () => {
    const data = randomData(9, 300);
    const got = await dd.fromColumns(data, { npartitions: 3 }).groupBy("k1", { dropna: false }).agg({ i: "sum" }).compute();
    assertFrameEqual(got, referenceGroupBy(data, ["k1"], [{ name: "i", fn: "sum", column: "i", integer: true }], { dropna: false }));
  });

  it("aggregates the whole frame, also when it is empty", async () => {
    const data = randomData(4, 200);
    const df = dd.fromColumns(data, { npartitions: 5 });
    assertFrameEqual(await df.agg({ i: "sum", f: "mean", n: dd.count() }).compute(),
      referenceGroupBy(data, [], [{ name: "i", fn: "sum", column: "i", integer: true }, { name: "f", fn: "mean", column: "f" }, { name: "n", fn: "size" }]));
    const empty = df.filter(dd.col("i").gt(1e12));
    assertFrameEqual(await empty.agg({ i: "sum", f: "mean", n: dd.count() }).compute(), { i: [0n], f: [null], n: [0n] });
  });

  it("computes expressions over aggregates (db-benchmark q7)", async () => {
    const data = randomData(5, 400);
    const got = await dd.fromColumns(data, { npartitions: 4 })
      .groupBy("k2").agg({ range: dd.col("i").max().sub(dd.col("k2").min()) }).compute();
    const ref = referenceGroupBy(data, ["k2"], [{ name: "mx", fn: "max", column: "i" }]);
    assertFrameEqual(got, { k2: ref.k2, range: ref.mx.map((m, j) => (m === null ? null : (m as number) - (ref.k2[j] as number))) });
  });
});

describe("row-wise operations against plain JS", () => {
  for (const seed of SEEDS) {
    it(`filter, assign, select, rename (seed ${seed})`, async () => {
      const data = randomData(seed, 300);
      const df = dd.fromColumns(data, { npartitions: 4 });
      const out = await df
        .filter(dd.col("i").gt(0).and(dd.col("k1").ne("s3")))
        .assign({ g: dd.col("f").mul(2).add(dd.col("i")), k1: dd.col("k1").fillNull("none") })
        .select("k1", "g", "i")
        .rename({ i: "i2" })
        .compute();
      const exp: Record<string, unknown[]> = { k1: [], g: [], i2: [] };
      for (let r = 0; r < 300; r++) {
        const i = data.i[r], k1 = data.k1[r], f = data.f[r];
        // SQL semantics: a null comparison keeps nothing
        if (i === null || !(i > 0) || k1 === null || k1 === "s3") continue;
        exp.k1.push(k1 ?? "none");
        exp.g.push(f === null ? null : f * 2 + i);
        exp.i2.push(i);
      }
      assertFrameEqual(out, exp);
    });
  }

  it("keeps int64 values above 2^53 exact", async () => {
    const big = [2n ** 53n + 1n, -(2n ** 62n) - 7n, 9223372036854775807n, null];
    const df = dd.fromColumns({ x: big, k: ["a", "a", "b", "b"] }, { npartitions: 2 });
    assertFrameEqual(await df.compute(), { x: big, k: ["a", "a", "b", "b"] });
    assertFrameEqual(await df.filter(dd.col("x").gt(2n ** 53n)).compute(), { x: [2n ** 53n + 1n, 9223372036854775807n], k: ["a", "b"] });
    assertFrameEqual(await df.groupBy("k").agg({ x: ["min", "max"] }).compute(),
      { k: ["a", "b"], x_min: [-(2n ** 62n) - 7n, 9223372036854775807n], x_max: [2n ** 53n + 1n, 9223372036854775807n] });
    assertFrameEqual(await df.groupBy("k").agg({ x: "sum" }).compute(), { k: ["a", "b"], x: [2n ** 53n + 1n - 2n ** 62n - 7n, 9223372036854775807n] });
  });

  it("reports an int64 sum that overflows instead of wrapping", async () => {
    const df = dd.fromColumns({ x: [9223372036854775807n, 1n] }, { npartitions: 2 });
    await expect(df.agg({ x: "sum" }).compute()).rejects.toMatchObject({ code: "INT_OVERFLOW" });
  });
});

describe("frames", () => {
  const df = dd.fromColumns({ id1: ["a", "b", "c", "a"], v1: [1, 2, 3, 4], v3: [0.5, null, 1.5, 2] }, { npartitions: 2 });

  it("know their columns, dtypes and partitions without computing", () => {
    expect(df.columns).toEqual(["id1", "v1", "v3"]);
    expect(df.dtypes).toEqual({ id1: "utf8", v1: "int64", v3: "float64" });
    expect(df.npartitions).toBe(2);
    expect(df.groupBy("id1").sum().columns).toEqual(["id1", "v1", "v3"]);
    expect(df.groupBy("id1").agg({ v3: ["mean", "max"] }).columns).toEqual(["id1", "v3_mean", "v3_max"]);
    expect(String(df)).toBe("DataFrame[id1: utf8, v1: int64, v3: float64] npartitions=2 (Scan memory[2 partitions, 4 rows])");
  });

  it("run nothing before compute", async () => {
    const lazy = dd.fromColumns({ s: ["1", "x"] }).assign({ n: dd.col("s").cast("int32") });
    expect(lazy.columns).toEqual(["s", "n"]);
    await expect(lazy.compute()).rejects.toMatchObject({ code: "CAST_FAILED" });
  });

  it("head computes only what it needs, length counts rows", async () => {
    assertFrameEqual(await df.head(3), { id1: ["a", "b", "c"], v1: [1n, 2n, 3n], v3: [0.5, null, 1.5] });
    assertFrameEqual(await df.head(10), { id1: ["a", "b", "c", "a"], v1: [1n, 2n, 3n, 4n], v3: [0.5, null, 1.5, 2] });
    expect(await df.length()).toBe(4);
    expect(await df.filter(dd.col("v3").isNull()).length()).toBe(1);
    expect(await df.col("v1").sum().compute()).toBe(10n);
    expect(await df.col("v3").mean().compute()).toBeCloseTo(4 / 3);
    expect(Array.from((await df.col("v1").mul(2).compute()).toArray())).toEqual([2n, 4n, 6n, 8n]);
  });

  it("explain shows the logical, optimized and physical plans", () => {
    const text = df.filter(dd.col("v1").gt(1)).groupBy("id1").agg({ v1: "sum" }).explain();
    expect(text).toBe([
      "== Logical plan ==",
      "Aggregate keys=[id1] aggs=[v1 := sum(v1)]",
      "  Filter v1 > 1",
      "    Scan memory[2 partitions, 4 rows]",
      "",
      "== Optimized plan ==",
      "Aggregate keys=[id1] aggs=[v1 := sum(v1)]",
      "  Scan memory[2 partitions, 4 rows] columns=[id1, v1] filter=v1 > 1",
      "",
      "== Physical plan ==",
      "3 tasks",
      "  aggregate: 1 task",
      "    aggregate-partial (scan-memory → aggregate-partial): 2 tasks",
    ].join("\n"));
  });

  it("accept Arrow tables and records", async () => {
    const t = await df.compute();
    assertFrameEqual(await dd.fromArrow(t, { npartitions: 3 }).groupBy("id1").agg({ v1: "sum" }).compute(), { id1: ["a", "b", "c"], v1: [5n, 2n, 3n] });
    const r = dd.fromRecords([{ a: 1, b: "x" }, { a: 2 }, { b: "z", c: true }] as Row[] as never);
    assertFrameEqual(await r.compute(), { a: [1n, 2n, null], b: ["x", null, "z"], c: [null, null, true] });
    expect(tableToColumns(await dd.fromColumns({ x: Float64Array.from([1, NaN, 3]) }).compute())).toEqual({ x: [1, null, 3] });
  });
});

describe("errors name what went wrong", () => {
  const df = dd.fromColumns({ id1: ["a"], id2: ["b"], v1: [1] });
  it("for a missing column", () => {
    expect(() => df.filter(dd.col("v9").gt(1))).toThrow('column "v9" not found in filter(v9 > 1); columns are id1, id2, v1');
    expect(() => df.select("v2")).toThrow('column "v2" not found in select(v2); columns are id1, id2, v1. Did you mean "v1"?');
    expect(() => df.groupBy("idx")).toThrow('column "idx" not found in groupBy(idx)');
  });
  it("for mismatched types", () => {
    expect(() => df.filter(dd.col("id1").gt(5))).toThrow("cannot compare utf8 with int64 in filter(id1 > 5)");
    expect(() => df.groupBy("id1").agg({ id2: "sum" })).toThrow("cannot sum utf8 values in agg(id2 = sum(id2))");
    expect(() => df.filter(dd.col("v1"))).toThrow("filter(v1) needs a bool condition, got int64");
  });
  it("for bad input data", () => {
    expect(() => dd.fromColumns({ a: [1, "x"] })).toThrow('column "a" mixes numbers and strings (first string at row 1)');
    expect(() => dd.fromColumns({ a: [1, 2], b: [1] })).toThrow("columns have different lengths (a: 2, b: 1)");
    expect(() => dd.fromColumns({ a: [300] }, { dtypes: { a: "int8" } })).toThrow('column "a": value 300 at row 0 cannot be stored as int8 (outside -128..127)');
    expect(() => df.groupBy("id1").agg({ v1: "mode" as never })).toThrow('unknown aggregation "mode" for column "v1"');
  });
});
