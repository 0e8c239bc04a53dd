/**
 * std, var, prod, any, all, first and last end to end (agg specs, GroupBy methods, whole-frame agg,
 * aggregate expressions, Series scalars), compared with the plain-JS reference on random data with
 * nulls and skewed keys, over several seeds and 1, 3 and 17 partitions, empty partitions included.
 */
import { describe, expect, it } from "vitest";
import { Dictionary, Int32, Table, Utf8, vectorFromArray } from "apache-arrow";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, column, referenceGroupBy, Rng, type ReferenceAgg } from "@dusk/testing";

type Cell = number | bigint | string | boolean | null;

function randomData(seed: number, rows: number) {
  const rng = new Rng(seed);
  const hot = column("utf8", { length: rows, nullFraction: 0.05, cardinality: 6, rng }) as (string | null)[];
  return {
    // skewed: about half the rows in one group
    k: hot.map((v) => (rng.chance(0.5) ? "hot" : v)),
    row: Array.from({ length: rows }, (_, i) => i),
    i: column("int32", { length: rows, nullFraction: 0.2, rng }) as (number | null)[],
    f: column("float64", { length: rows, nullFraction: 0.2, rng, edges: true }) as (number | null)[],
    big: Array.from({ length: rows }, () => (rng.chance(0.2) ? null : 2n ** 60n + BigInt(rng.int(0, 4095)) * 256n)),
    noisy: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : 1e9 + rng.float())),
    pf: Array.from({ length: rows }, () => (rng.chance(0.2) ? null : (rng.chance(0.5) ? -1 : 1) * (0.5 + 1.5 * rng.float()))),
    // mostly ±1, now and then 2 or 3: products of the big group stay in range
    pi: Array.from({ length: rows }, () => (rng.chance(0.2) ? null : rng.chance(0.04) ? rng.pick([2, 3, -2]) : rng.pick([1, -1]))),
    flag: column("bool", { length: rows, nullFraction: 0.3, rng }) as (boolean | null)[],
    s: Array.from({ length: rows }, () => (rng.chance(0.6) ? null : `s${rng.int(0, 50)}`)),
  };
}

const DTYPES = { k: "utf8", row: "int32", i: "int32", f: "float64", big: "int64", noisy: "float64", pf: "float64", pi: "int32", flag: "bool", s: "utf8" } as const;

const SPEC = {
  i: ["std", "var", "first", "last", "any", "all"],
  f: ["std", "var", "first", "last"],
  big: ["std", "var", "first", "last"],
  noisy: ["std", "var"],
  pf: ["prod"],
  pi: ["prod"],
  flag: ["any", "all", "first", "last", "prod"],
  s: ["first", "last"],
} as const;

function referenceAggs(): ReferenceAgg[] {
  const out: ReferenceAgg[] = [];
  for (const [c, fns] of Object.entries(SPEC)) {
    for (const fn of fns) out.push({ name: `${c}_${fn}`, fn, column: c, integer: c === "pi" || c === "flag" || c === "big" });
  }
  return out;
}

const SEEDS = [1, 2, 3];
const SHAPES: [rows: number, partitions: number][] = [[600, 1], [600, 3], [600, 17], [12, 17], [0, 3]];

describe("std, var, prod, any, all, first, last against the plain-JS reference", () => {
  for (const seed of SEEDS) {
    for (const [rows, npartitions] of SHAPES) {
      it(`seed ${seed}, ${rows} rows in ${npartitions} partitions`, async () => {
        const data = randomData(seed, rows);
        const df = dd.fromColumns(data, { npartitions, dtypes: DTYPES });
        const got = await df.groupBy("k").agg(SPEC).compute();
        assertFrameEqual(got, referenceGroupBy(data, ["k"], referenceAggs()), { rtol: 1e-9, atol: 1e-9 });
      });
    }
  }

  it("keeps row order across partitions when whole partitions are filtered away", async () => {
    const data = randomData(11, 700);
    const df = dd.fromColumns(data, { npartitions: 17, dtypes: DTYPES })
      // rows 0..199 and 350..499 go: several partitions end up empty, others partly
      .filter(dd.col("row").ge(200).and(dd.col("row").lt(350).or(dd.col("row").ge(500))));
    const keep = data.row.map((r) => r >= 200 && (r < 350 || r >= 500));
    const kept = Object.fromEntries(Object.entries(data).map(([c, v]) => [c, (v as Cell[]).filter((_, j) => keep[j])]));
    const got = await df.groupBy("k", { dropna: false }).agg({ s: ["first", "last"], i: ["first", "last"], noisy: "std" }).compute();
    assertFrameEqual(got, referenceGroupBy(kept, ["k"], [
      { name: "s_first", fn: "first", column: "s" }, { name: "s_last", fn: "last", column: "s" },
      { name: "i_first", fn: "first", column: "i" }, { name: "i_last", fn: "last", column: "i" },
      { name: "noisy", fn: "std", column: "noisy" },
    ], { dropna: false }), { rtol: 1e-9 });
  });

  it("first and last of dictionary strings, dates and timestamps", async () => {
    const rng = new Rng(5);
    const n = 400;
    const key = Array.from({ length: n }, () => rng.pick(["a", "b", "c", "d"]));
    const word = Array.from({ length: n }, () => (rng.chance(0.7) ? null : rng.pick(["x", "yy", "zzz", "é"])));
    const table = new Table({
      key: vectorFromArray(key, new Utf8()),
      word: vectorFromArray(word, new Dictionary(new Utf8(), new Int32())),
    });
    const days = Array.from({ length: n }, () => (rng.chance(0.5) ? null : rng.int(0, 20000)));
    const micros = Array.from({ length: n }, () => (rng.chance(0.5) ? null : BigInt(rng.int(0, 2e9)) * 1_000_000n + 7n));
    const df = dd.fromArrow(table, { npartitions: 17 });
    const got = await df.groupBy("key").agg({ word: ["first", "last"] }).compute();
    assertFrameEqual(got, referenceGroupBy({ key, word }, ["key"], [
      { name: "word_first", fn: "first", column: "word" }, { name: "word_last", fn: "last", column: "word" },
    ]));
    const dates = dd.fromColumns({ key, days, micros }, { npartitions: 17, dtypes: { key: "utf8", days: "date32", micros: "timestamp[us]" } });
    const firsts = await dates.groupBy("key").agg({ days: ["first", "last"], micros: ["first", "last"] })
      .assign({ d0: dd.col("days_first").cast("int32"), d1: dd.col("days_last").cast("int32"), t0: dd.col("micros_first").cast("int64"), t1: dd.col("micros_last").cast("int64") })
      .select(["key", "d0", "d1", "t0", "t1"]).compute();
    const ref = referenceGroupBy({ key, days, micros }, ["key"], [
      { name: "d0", fn: "first", column: "days" }, { name: "d1", fn: "last", column: "days" },
      { name: "t0", fn: "first", column: "micros" }, { name: "t1", fn: "last", column: "micros" },
    ]);
    assertFrameEqual(firsts, ref);
  });
});

describe("GroupBy methods, whole-frame agg, expressions and Series", () => {
  const data = randomData(21, 500);
  const df = dd.fromColumns(data, { npartitions: 17, dtypes: DTYPES }).select(["k", "i", "noisy", "flag"]);
  const ref = (fn: ReferenceAgg["fn"], ddof?: number) => referenceGroupBy(data, ["k"], ["i", "noisy", "flag"].map((c) => ({
    name: c, fn, column: c, integer: c !== "noisy", ddof,
  })));

  it("std and var take ddof; prod, any, all, first, last work on every fitting column", async () => {
    assertFrameEqual(await df.groupBy("k").std().compute(), ref("std"), { rtol: 1e-9 });
    assertFrameEqual(await df.groupBy("k").var({ ddof: 0 }).compute(), ref("var", 0), { rtol: 1e-9 });
    assertFrameEqual(await df.groupBy("k").std({ ddof: 3 }).compute(), ref("std", 3), { rtol: 1e-9 });
    assertFrameEqual(await df.groupBy("k").any().compute(), ref("any"));
    assertFrameEqual(await df.groupBy("k").all().compute(), ref("all"));
    assertFrameEqual(await df.groupBy("k").first().compute(), ref("first"));
    assertFrameEqual(await df.groupBy("k").last().compute(), ref("last"));
    const small = dd.fromColumns({ k: data.k, pi: data.pi }, { npartitions: 3, dtypes: { k: "utf8", pi: "int32" } });
    assertFrameEqual(await small.groupBy("k").prod().compute(),
      referenceGroupBy(data, ["k"], [{ name: "pi", fn: "prod", column: "pi", integer: true }]));
  });

  it("aggregate expressions combine with others, and std of 1e9 + noise stays accurate", async () => {
    const got = await df.groupBy("k").agg({
      cv: dd.col("noisy").std().div(dd.col("noisy").mean()),
      pop: dd.col("noisy").std({ ddof: 0 }),
      sample: dd.col("noisy").std(),
    }).compute();
    const r = referenceGroupBy(data, ["k"], [
      { name: "sd", fn: "std", column: "noisy" }, { name: "mean", fn: "mean", column: "noisy" }, { name: "pop", fn: "std", column: "noisy", ddof: 0 },
    ]);
    assertFrameEqual(got, { k: r.k, cv: r.sd.map((s, j) => (s === null ? null : (s as number) / (r.mean[j] as number))), pop: r.pop, sample: r.sd },
      { rtol: 1e-9, atol: 0 });
  });

  it("whole-frame agg and Series scalars, also of an empty frame", async () => {
    const whole = await df.agg({ sd: dd.col("noisy").std(), v: dd.col("i").var(), any: dd.col("flag").any(), all: dd.col("flag").all(), first: dd.col("i").first() }).compute();
    const r = referenceGroupBy(data, [], [
      { name: "sd", fn: "std", column: "noisy" }, { name: "v", fn: "var", column: "i" },
      { name: "any", fn: "any", column: "flag" }, { name: "all", fn: "all", column: "flag" }, { name: "first", fn: "first", column: "i" },
    ]);
    assertFrameEqual(whole, r, { rtol: 1e-9 });
    expect(await df.col("i").last().compute()).toBe(data.i.filter((v) => v !== null).at(-1));
    expect(await df.col("flag").all().compute()).toBe(false);
    const empty = df.filter(dd.col("i").gt(1e12));
    assertFrameEqual(await empty.agg({ sd: dd.col("noisy").std(), p: dd.col("i").prod(), any: dd.col("flag").any(), all: dd.col("flag").all(), l: dd.col("i").last() }).compute(),
      { sd: [null], p: [1n], any: [false], all: [true], l: [null] });
  });

  it("explain shows a ddof other than 1", () => {
    const text = df.groupBy("k").agg({ a: dd.col("i").std({ ddof: 0 }), b: dd.col("i").var().mul(2) }).explain();
    expect(text).toContain("aggs=[a := std(i, ddof=0), b := var(i) * 2]");
  });
});

describe("errors name what went wrong", () => {
  const df = dd.fromColumns({ k: ["a", "b", "b"], s: ["x", "y", "z"], v: [2n ** 40n, 2n ** 40n, 2n ** 40n] }, { npartitions: 2, dtypes: { v: "int64" } });

  it("std of a string column fails when the frame is built, naming the expression", () => {
    expect(() => df.groupBy("k").agg({ s: "std" })).toThrow(/cannot take the std of utf8 values.*agg\(s = std\(s\)\)/);
    expect(() => df.groupBy("k").agg({ s: "any" })).toThrow(/any needs bool or numeric values, got utf8/);
    expect(() => df.groupBy("k").agg({ s: "mode" as never })).toThrow(/unknown aggregation "mode".*std, var, prod, any, all, first, last, median, nunique/);
  });

  it("a bad ddof is an INVALID_ARGUMENT", () => {
    expect(() => dd.col("v").std({ ddof: -1 })).toThrow(/std\(v\): ddof must be a non-negative integer, got -1/);
  });

  it("an int64 product out of range is INT_OVERFLOW naming the group", async () => {
    await expect(df.groupBy("k").agg({ v: "prod" }).compute()).rejects.toThrow(/prod\(v\): the product of group 1 .*outside the int64 range/);
    await expect(df.agg({ v: "prod" }).compute()).rejects.toMatchObject({ code: "INT_OVERFLOW" });
  });
});
