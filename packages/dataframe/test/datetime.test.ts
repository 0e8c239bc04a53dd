/**
 * Datetimes end to end: dt accessors on expressions and Series, durations, date and timestamp
 * literals in filters, and Parquet row-group pruning on date and timestamp columns — on worker
 * threads and inline, against plain-JS references.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { REF_UPS, refParts, refRoundTo, refStrftime } from "@dusk/testing";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-datetime-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function caught(f: () => unknown): Promise<dd.DuskError> {
  try { await f(); } catch (e) { if (dd.isDuskError(e)) return e; throw e; }
  throw new Error("expected a DuskError");
}

/** Unevenly spaced ns instants from 1901 to 2260 around DST switches, with nulls. */
function instants(n: number): (bigint | null)[] {
  let a = 12345;
  const r = (): number => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; };
  return Array.from({ length: n }, (_, i) => {
    if (i % 11 === 5) return null;
    const base = i % 3 === 0 ? Date.UTC(2024, 2, 31, 1) / 1000 : i % 3 === 1 ? Date.UTC(2024, 10, 3, 6) / 1000 : -2_170_000_000 + r() * 9_000_000_000;
    return BigInt(Math.floor(base + (r() - 0.5) * 14400)) * 1_000_000_000n + BigInt(Math.floor(r() * 1e9));
  });
}

const N = 900;
const ns = instants(N);
const frame = (npartitions: number): dd.DataFrame => dd.fromColumns(
  { id: Array.from({ length: N }, (_, i) => i), ts: ns, tz: ns, d: ns.map((v) => (v === null ? null : Number(v / 86_400_000_000_000n))) },
  { npartitions, dtypes: { ts: "timestamp[ns]", tz: "timestamp[ns, Europe/Berlin]", d: "date32" } },
);
const values = (t: dd.Table, name: string): unknown[] => Array.from({ length: t.numRows }, (_, i) => t.getChild(name)!.get(i) ?? null);

for (const scheduler of ["threads", "inline"] as const) {
  describe(`datetimes (${scheduler})`, () => {
    let prev: dd.Config;
    beforeAll(() => { prev = dd.config.set({ scheduler }); });
    afterAll(() => { dd.config.set(prev); });

    it("dt fields, date, floor and strftime match the reference, naive and tz-aware", async () => {
      const out = frame(4).assign({
        y: dd.col("ts").dt.year(), h: dd.col("tz").dt.hour(), dow: dd.col("tz").dt.dayOfWeek(), q: dd.col("d").dt.quarter(),
        f: dd.col("tz").dt.floor("1h").cast("int64"), r: dd.col("ts").dt.round("15min").cast("int64"),
        s: dd.col("tz").dt.strftime("%Y-%m-%d %H:%M:%S%z"), dd_: dd.col("tz").dt.date().cast("int32"),
      });
      expect(out.dtypes).toMatchObject({ y: "int32", h: "int32", dow: "int32", q: "int32", f: "int64", s: "utf8", dd_: "int32" });
      const t = await out.sortValues("id").compute();
      const id = values(t, "id").map((x) => Number(x));
      const src = id.map((i) => ns[i]);
      const berlin = src.map((v) => (v === null ? null : refParts(v, "ns", "Europe/Berlin")));
      expect(values(t, "y")).toEqual(src.map((v) => (v === null ? null : refParts(v, "ns", null).year)));
      expect(values(t, "h")).toEqual(berlin.map((p) => p?.hour ?? null));
      expect(values(t, "dow")).toEqual(berlin.map((p) => p?.dayOfWeek ?? null));
      expect(values(t, "s")).toEqual(berlin.map((p) => (p === null ? null : refStrftime(p, "%Y-%m-%d %H:%M:%S%z", "Europe/Berlin"))));
      expect(values(t, "r")).toEqual(src.map((v) => (v === null ? null : refRoundTo(v, 900n * REF_UPS.ns, "round"))));
      // 1h floors: offsets are whole hours, so local and UTC floors agree
      expect(values(t, "f")).toEqual(src.map((v) => (v === null ? null : refRoundTo(v, 3600n * REF_UPS.ns, "floor"))));
      expect(values(t, "q")).toEqual(src.map((v) => (v === null ? null : refParts((v / 86_400_000_000_000n) * 86_400_000_000_000n - (v < 0n && v % 86_400_000_000_000n !== 0n ? 86_400_000_000_000n : 0n), "ns", null).quarter)));
    });

    it("Series.dt gives Series of the same frame", async () => {
      const df = frame(3);
      const v = await df.col("tz").dt.month().compute();
      expect(v.length).toBe(N);
      expect(df.col("ts").dt.strftime("%Y").dtype).toBe("utf8");
      const years = await df.filter(df.col("ts").dt.year().ge(2100)).length();
      expect(years).toBe(ns.filter((x) => x !== null && refParts(x, "ns", null).year >= 2100).length);
    });

    it("durations: timestamp ± duration, date ± days, timestamp - timestamp", async () => {
      const df = dd.fromColumns({ ts: [0n, 1_700_000_000_000n, null], d: ["2024-02-28", "1969-12-31", null] },
        { dtypes: { ts: "timestamp[ms, UTC]", d: "date32" }, npartitions: 2 });
      const out = df.assign({
        later: dd.col("ts").add(dd.duration("1h30min")),
        earlier: dd.col("ts").sub(dd.duration(500, "us")),
        next: dd.col("d").add(dd.duration("2D")),
        gap: dd.col("ts").add(dd.duration("1D")).sub(dd.col("ts")),
      });
      expect(out.dtypes).toEqual({ ts: "timestamp[ms, UTC]", d: "date32", later: "timestamp[ms, UTC]", earlier: "timestamp[us, UTC]", next: "date32", gap: "int64" });
      const t = await out.assign({ later: dd.col("later").cast("int64"), earlier: dd.col("earlier").cast("int64"), next: dd.col("next").dt.strftime("%F") }).compute();
      expect(values(t, "later")).toEqual([5_400_000n, 1_700_005_400_000n, null]);
      expect(values(t, "earlier")).toEqual([-500n, 1_699_999_999_999_500n, null]);
      expect(values(t, "next")).toEqual(["2024-03-01", "1970-01-02", null]);
      expect(values(t, "gap")).toEqual([86_400_000n, 86_400_000n, null]);
      const viaLit = await df.assign({ x: dd.col("ts").add(dd.lit(dd.duration("1s"))).cast("int64") }).compute();
      expect(values(viaLit, "x")).toEqual([1000n, 1_700_000_001_000n, null]);
      expect(out.explain()).toContain("later := ts + duration'1h30min'");
      const e = await caught(() => dd.fromColumns({ ts: [9_223_372_036_854_775_000n] }, { dtypes: { ts: "timestamp[ns]" } })
        .assign({ x: dd.col("ts").add(dd.duration("1s")) }).compute());
      expect(e.code).toBe("INT_OVERFLOW");
      expect(e.message).toContain("row 0");
    });

    it("compares date32 and timestamp columns with dd.date, dd.timestamp, strings and Dates", async () => {
      const df = frame(5);
      const cut = Date.UTC(2024, 2, 31, 1, 0, 0);
      const want = ns.filter((v) => v !== null && v >= BigInt(cut) * 1_000_000n).length;
      expect(await df.filter(dd.col("ts").ge(dd.timestamp("2024-03-31T01:00:00Z"))).length()).toBe(want);
      expect(await df.filter(dd.col("tz").ge(new Date(cut))).length()).toBe(want);
      expect(await df.filter(dd.col("ts").ge("2024-03-31T03:00:00+02:00")).length()).toBe(want);
      const day = Math.floor(cut / 86_400_000);
      const wantDays = ns.filter((v) => v !== null && Number(v / 86_400_000_000_000n) >= day).length;
      expect(await df.filter(dd.col("d").ge(dd.date("2024-03-31"))).length()).toBe(wantDays);
      expect(await df.filter(dd.col("d").ge(new Date("2024-03-31"))).length()).toBe(wantDays);
    });
  });
}

describe("errors", () => {
  it("dt on a non-datetime column is TYPE_MISMATCH naming the expression and what works", async () => {
    const df = dd.fromColumns({ n: [1, 2] });
    const e = await caught(() => df.assign({ y: dd.col("n").dt.year() }));
    expect(e.code).toBe("TYPE_MISMATCH");
    expect(e.message).toContain("n.dt.year()");
    expect(e.message).toContain("date32 or timestamp");
    expect((await caught(() => dd.col("ts").dt.floor("7 parsecs"))).code).toBe("INVALID_ARGUMENT");
    expect((await caught(() => dd.col("ts").dt.ceil("1M"))).message).toContain("dt.floor only");
    expect((await caught(() => dd.duration(5))).message).toContain("needs a unit");
  });
});

describe("Parquet row-group pruning on dates and timestamps", () => {
  it("a filter on a date or timestamp column skips row groups (explain says N of M)", async () => {
    const n = 4000;
    const start = Date.UTC(2023, 0, 1);
    const ts = Array.from({ length: n }, (_, i) => BigInt(start + i * 3_600_000) * 1000n); // hourly, sorted
    const d = ts.map((v) => Number(v / 86_400_000_000n));
    const out = join(dir, "times");
    await dd.fromColumns({ ts, tz: ts, d, i: Array.from({ length: n }, (_, i) => i) },
      { dtypes: { ts: "timestamp[us]", tz: "timestamp[us, UTC]", d: "date32" }, npartitions: 1 })
      .toParquet(out, { rowGroupSize: 500 });
    const pq = dd.readParquet(out, { blocksize: 1 });
    expect(pq.dtypes).toMatchObject({ ts: "timestamp[us]", d: "date32" });
    const lo = new Date(start + 1000 * 3_600_000), hi = new Date(start + 1400 * 3_600_000);
    const byTs = pq.filter(dd.col("ts").ge(dd.timestamp(lo)).and(dd.col("ts").lt(hi)));
    expect(byTs.explain()).toMatch(/1 of 8 row groups/);
    expect(await byTs.length()).toBe(400);
    const byTz = pq.filter(dd.col("tz").ge(dd.timestamp(lo.toISOString())).and(dd.col("tz").lt(new Date(start + 1400 * 3_600_000))));
    expect(byTz.explain()).toMatch(/1 of 8 row groups/);
    expect(await byTz.length()).toBe(400);
    expect(pq.filter(dd.col("tz").lt(new Date(start))).explain()).toMatch(/0 of 8 row groups/);
    const byDate = pq.filter(dd.col("d").between(dd.date("2023-02-12"), dd.date("2023-02-14")));
    expect(byDate.explain()).toMatch(/1 of 8 row groups/);
    expect(await byDate.length()).toBe(72);
    // a date column against a timestamp: bound on whole days (ceil for >=), still pruned
    const dateVsTs = pq.filter(dd.col("d").ge(dd.timestamp("2023-02-12T06:00:00Z")).and(dd.col("d").le(new Date("2023-02-13T18:00:00Z"))));
    expect(dateVsTs.explain()).toMatch(/1 of 8 row groups/);
    expect(await dateVsTs.length()).toBe(24); // days >= 02-13 (after 06:00 on the 12th) and <= 02-13
    const viaDt = pq.filter(dd.col("ts").dt.year().eq(2024));
    expect(viaDt.explain()).toMatch(/8 of 8 row groups/); // a dt field is not a statistics bound: everything is read, then filtered
    expect(await viaDt.length()).toBe(ts.filter((v) => new Date(Number(v / 1000n)).getUTCFullYear() === 2024).length);
  });
});
