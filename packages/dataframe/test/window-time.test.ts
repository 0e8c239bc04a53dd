/**
 * Time-window rolling (`rolling("5min", { on: "ts" })`) in assign across partitions, against a
 * plain-JS reference of pandas' rule (row at time t over the rows up to it with time in
 * (t − w, t]): random unevenly spaced timestamps in several units, duplicate times, nulls in the
 * values, windows spanning many partitions, empty partitions, minPeriods; on worker threads and
 * inline; explain text and errors.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng, windowAggregate } from "@dusk/testing";

type Num = number | null;
type Agg = "sum" | "mean" | "count" | "min" | "max" | "std" | "var";
const present = (v: Num): v is number => v !== null && !Number.isNaN(v);

function timeRolling(xs: Num[], ts: bigint[], span: bigint, minPeriods: number, agg: Agg): (number | bigint | null)[] {
  return xs.map((_, i) => {
    const win: number[] = [];
    for (let k = 0; k <= i; k++) if (ts[k] > ts[i] - span && present(xs[k])) win.push(xs[k] as number);
    return windowAggregate(agg, win, minPeriods);
  });
}

const PER_SECOND = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n } as const;

/** Rows with times `maxGapSeconds` apart at most (in `unit`), 20 % duplicates, 15 % null values. */
function data(seed: number, rows: number, unit: keyof typeof PER_SECOND, maxGapSeconds: number) {
  const rng = new Rng(seed);
  const per = PER_SECOND[unit];
  let t = 1_700_000_000n * per;
  const ts = Array.from({ length: rows }, () => {
    if (!rng.chance(0.2)) t += BigInt(Math.max(1, Math.round(rng.float() * maxGapSeconds * Number(per))));
    return t;
  });
  const v = Array.from({ length: rows }, () => (rng.chance(0.15) ? null : Math.round(rng.float() * 800 - 400) / 8));
  const i = Array.from({ length: rows }, () => (rng.chance(0.15) ? null : rng.int(-50, 50)));
  return { ts, v, i };
}

describe("time-window rolling across partitions", () => {
  const cases = [
    // unit, rows, partitions, max gap (s), window
    ["s", 300, 7, 90, "5min"],
    ["ms", 400, 40, 20, "5min"], // windows spanning many partitions
    ["us", 250, 3, 2, "1500ms"],
    ["ns", 300, 11, 0.5, "3s"],
    ["s", 5, 4, 60, "1h"],
    ["ms", 0, 3, 1, "1s"],
  ] as const;
  for (const [unit, rows, npartitions, gap, window] of cases) {
    it(`timestamp[${unit}], ${rows} rows in ${npartitions} partitions, window ${window}`, async () => {
      const d = data(rows * 31 + npartitions, rows, unit, gap);
      const df = dd.fromColumns(d, { npartitions, dtypes: { ts: `timestamp[${unit}]`, v: "float64", i: "int32" } });
      const got = await df.assign({
        s: dd.col("v").rolling(window, { on: "ts" }).sum(),
        m: dd.col("v").rolling(window, { on: "ts" }).mean(),
        n: dd.col("v").rolling(dd.duration(window), { on: "ts" }).count(),
        lo: dd.col("i").rolling(window, { on: "ts", minPeriods: 2 }).min(),
        hi: dd.col("i").rolling(window, { on: "ts" }).max(),
        sd: dd.col("v").rolling(window, { on: "ts", minPeriods: 3 }).std(),
        va: dd.col("v").rolling(window, { on: "ts" }).var(),
        z: dd.col("v").rolling(window, { on: "ts", minPeriods: 0 }).count(),
      }).select(["s", "m", "n", "lo", "hi", "sd", "va", "z"]).compute();
      const span = dd.duration(window).nanos / (1_000_000_000n / PER_SECOND[unit]);
      const num = (xs: (number | bigint | null)[]) => xs.map((x) => (x === null ? null : Number(x)));
      assertFrameEqual(got, {
        s: timeRolling(d.v, d.ts, span, 1, "sum"),
        m: timeRolling(d.v, d.ts, span, 1, "mean"),
        n: timeRolling(d.v, d.ts, span, 1, "count"),
        lo: num(timeRolling(d.i, d.ts, span, 2, "min")),
        hi: num(timeRolling(d.i, d.ts, span, 1, "max")),
        sd: timeRolling(d.v, d.ts, span, 3, "std"),
        va: timeRolling(d.v, d.ts, span, 1, "var"),
        z: timeRolling(d.v, d.ts, span, 0, "count"),
      }, { rtol: 1e-9, atol: 1e-9 });
    });
  }

  it("a window finer than the column's unit rounds up (timestamp[s], 1500ms is 2s)", async () => {
    const df = dd.fromColumns({ ts: [0n, 1n, 2n, 3n, 5n], v: [1, 2, 4, 8, 16] }, { npartitions: 2, dtypes: { ts: "timestamp[s]", v: "float64" } });
    const got = await df.assign({ s: dd.col("v").rolling("1500ms", { on: "ts" }).sum() }).select(["s"]).compute();
    assertFrameEqual(got, { s: [1, 3, 6, 12, 16] });
  });

  it("date32 times (whole days)", async () => {
    const df = dd.fromColumns({ d: ["2024-01-01", "2024-01-02", "2024-01-02", "2024-01-05"], v: [1, 2, 3, 4] },
      { npartitions: 3, dtypes: { d: "date32", v: "float64" } });
    const got = await df.assign({ s: dd.col("v").rolling("2D", { on: "d" }).sum() }).select(["s"]).compute();
    assertFrameEqual(got, { s: [1, 3, 6, 4] });
  });

  it("after a filter that empties partitions, inline as on threads, Series, and with count windows", async () => {
    const d = data(9, 500, "ms", 30);
    const row = d.ts.map((_, k) => k);
    const df = dd.fromColumns({ ...d, row }, { npartitions: 12, dtypes: { ts: "timestamp[ms, UTC]", v: "float64", i: "int32", row: "int32" } })
      .filter(dd.col("row").lt(120).or(dd.col("row").ge(380)));
    const keep = row.map((k) => k < 120 || k >= 380);
    const kv = d.v.filter((_, k) => keep[k]), kt = d.ts.filter((_, k) => keep[k]);
    const q = df.assign({
      m: dd.col("v").rolling("10min", { on: "ts" }).mean(),
      c3: dd.col("v").rolling(3, { minPeriods: 1 }).count(),
      rel: dd.col("v").sub(dd.col("v").rolling("10min", { on: "ts" }).mean()),
    }).select(["m", "c3", "rel"]);
    const threads = await q.compute();
    const m = timeRolling(kv, kt, 600_000n, 1, "mean");
    const c3 = kv.map((_, i) => BigInt(kv.slice(Math.max(0, i - 2), i + 1).filter(present).length));
    assertFrameEqual(threads, { m, c3, rel: kv.map((v, i) => (v === null || m[i] === null ? null : v - (m[i] as number))) }, { rtol: 1e-9, atol: 1e-9 });
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await q.compute(), threads); } finally { dd.config.set(prev); }
    const s = await df.col("v").rolling("10min", { on: "ts" }).mean().compute();
    expect(s.toArray().length).toBe(kv.length);
  });

  it("explain text, and the time column kept through projection pushdown", async () => {
    const df = dd.fromColumns({ ts: [0n, 60n, 400n], v: [1, 2, 3], w: [0, 0, 0] }, { npartitions: 2, dtypes: { ts: "timestamp[s]", v: "float64", w: "int32" } });
    const q = df.assign({ m: dd.col("v").rolling("5min", { on: "ts" }).mean(), s: dd.col("v").rolling("5min", { on: "ts", minPeriods: 2 }).sum() });
    const text = q.explain();
    expect(text).toContain("rolling_mean(v, 5min, on=ts)");
    expect(text).toContain("rolling_sum(v, 5min, on=ts, min_periods=2)");
    assertFrameEqual(await q.select(["m"]).compute(), { m: [1, 1.5, 3] });
    expect(dd.col("v").rolling("5min", { on: "ts" }).mean().toString()).toBe("rolling_mean(v, 5min, on=ts)");
  });

  it("calls that differ only in their time column or window stay apart", async () => {
    const df = dd.fromColumns({ a: [0n, 1n, 2n], b: [0n, 10n, 20n], v: [1, 2, 4] }, { npartitions: 2, dtypes: { a: "timestamp[s]", b: "timestamp[s]", v: "float64" } });
    const got = await df.assign({
      x: dd.col("v").rolling("5s", { on: "a" }).sum(),
      y: dd.col("v").rolling("5s", { on: "b" }).sum(),
      z: dd.col("v").rolling("2s", { on: "a" }).sum(),
    }).select(["x", "y", "z"]).compute();
    assertFrameEqual(got, { x: [1, 3, 7], y: [1, 2, 4], z: [1, 3, 6] });
  });

  it("errors: missing on, unsorted times (in a partition and across partitions), null times, bad column or window", async () => {
    const mk = (ts: (bigint | null)[], npartitions: number) =>
      dd.fromColumns({ ts, v: ts.map(() => 1) }, { npartitions, dtypes: { ts: "timestamp[s]", v: "float64" } });
    const df = mk([0n, 1n, 2n, 3n], 2);
    expect(() => dd.col("v").rolling("5min").mean()).toThrow(/rolling\("5min"\) is a time window: pass the time column it runs on, e\.g\. rolling\("5min", \{ on: "ts" \}\)/);
    expect(() => dd.col("v").rolling(3, { on: "ts" }).mean()).toThrow(/on is for time windows/);
    expect(() => dd.col("v").rolling("5 parsecs", { on: "ts" })).toThrow(/cannot read duration/);
    expect(() => dd.col("v").rolling("-5min", { on: "ts" }).sum()).toThrow(/positive time window/);
    expect(() => df.assign({ x: dd.col("v").rolling("5min", { on: "nope" }).sum() })).toThrow(/nope/);
    expect(() => df.assign({ x: dd.col("ts").rolling("5min", { on: "v" }).sum() })).toThrow(/numbers or bools|timestamp or date32/);
    expect(() => df.assign({ x: dd.col("v").rolling("5min", { on: "v" }).sum() })).toThrow(/timestamp or date32 column on=v, got float64/);
    const within = mk([0n, 5n, 3n, 9n], 1).assign({ x: dd.col("v").rolling("5min", { on: "ts" }).sum() });
    await expect(within.compute()).rejects.toThrow(/sorted by ts ascending, but 1970-01-01 00:00:03 comes after 1970-01-01 00:00:05; sort first with sortValues\("ts"\) or setIndex\("ts"\)/);
    const across = mk([0n, 5n, 3n, 9n], 2).assign({ x: dd.col("v").rolling("5min", { on: "ts" }).sum() });
    await expect(across.compute()).rejects.toThrow(/sorted by ts ascending, but 1970-01-01 00:00:03 comes after 1970-01-01 00:00:05/);
    const nulls = mk([0n, null, 3n, 9n], 2).assign({ x: dd.col("v").rolling("5min", { on: "ts" }).sum() });
    await expect(nulls.compute()).rejects.toThrow(/column ts has a null time/);
    // sorting first fixes it
    const sorted = await mk([0n, 5n, 3n, 9n], 2).sortValues("ts").assign({ x: dd.col("v").rolling("5s", { on: "ts" }).sum() }).select(["x"]).compute();
    assertFrameEqual(sorted, { x: [1, 2, 2, 2] });
  });
});
