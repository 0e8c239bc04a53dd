/**
 * df.resample(freq).agg(...) against a plain-JS reference over random, unevenly spaced timestamps:
 * ms / us / ns units, nulls in the values and in the time column (dropped), bins straddling
 * partition edges, many partitions, empty bins (count/size 0, others null), tz-aware columns across
 * a daylight-saving change ("1h", "1D"), weeks and months; on worker threads and inline.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { Rng } from "@dusk/testing";

type Unit = "ms" | "us" | "ns";
const PER_MS: Record<Unit, bigint> = { ms: 1n, us: 1_000n, ns: 1_000_000n };
const MIN = 60_000, HOUR = 3_600_000, DAY = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
/** Local minus UTC, in ms, of the instant `ms` in `tz` (plain Intl, whole seconds). */
function offsetMs(ms: number, tz: string): number {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}
const fmod = (a: number, b: number): number => ((a % b) + b) % b;

/** The left edge of the bin of `ms`, in ms: pandas' floor on the local wall clock, keeping the offset when it can. */
function refFloor(ms: number, freq: string, tz: string | null): number {
  const off = tz === null ? 0 : offsetMs(ms, tz);
  const local = ms + off;
  let fl: number;
  if (freq === "1W") { const day = Math.floor(local / DAY); fl = (day - fmod(day + 3, 7)) * DAY; }
  else if (freq === "1M") { const d = new Date(local); fl = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); }
  else {
    const step = { "1min": MIN, "5min": 5 * MIN, "20min": 20 * MIN, "1h": HOUR, "1D": DAY }[freq]!;
    fl = local - fmod(local, step);
  }
  if (tz === null) return fl;
  const r = fl - off;
  return offsetMs(r, tz) === off ? r : fl - offsetMs(r, tz);
}

interface Row { ts: bigint | null; v: number | null }
interface Expected { ts: bigint; mean: number | null; sum: number | null; count: bigint; min: number | null; max: number | null; first: number | null; last: number | null; n: bigint }

/** Every bin from the first to the last (probing every 15 minutes at most), with its aggregates in row order. */
function reference(rows: readonly Row[], unit: Unit, freq: string, tz: string | null): Expected[] {
  const per = PER_MS[unit];
  const byBin = new Map<number, Row[]>();
  for (const r of rows) {
    if (r.ts === null) continue;
    const ms = Number(r.ts / per - (r.ts % per < 0n ? 1n : 0n));
    const b = refFloor(ms, freq, tz);
    if (!byBin.has(b)) byBin.set(b, []);
    byBin.get(b)!.push(r);
  }
  if (byBin.size === 0) return [];
  const keys = [...byBin.keys()];
  const lo = Math.min(...keys), hi = Math.max(...keys);
  const probe = freq === "1W" || freq === "1M" ? HOUR : freq === "1D" ? 15 * MIN : MIN;
  const bins: number[] = [lo];
  for (let p = lo + probe; p <= hi + probe; p += probe) {
    const b = refFloor(p, freq, tz);
    if (b > bins[bins.length - 1] && b <= hi) bins.push(b);
  }
  // a floor into a skipped wall time moves forward (dt.floor), so a row's bin may be no probe's bin
  for (const k of keys) if (!bins.includes(k)) bins.push(k);
  bins.sort((a, b) => a - b);
  return bins.map((b) => {
    const rs = byBin.get(b) ?? [];
    const vs = rs.map((r) => r.v).filter((v): v is number => v !== null);
    const sum = vs.reduce((a, x) => a + x, 0);
    return {
      ts: BigInt(b) * per, count: BigInt(vs.length), n: BigInt(rs.length),
      mean: vs.length ? sum / vs.length : null, sum: rs.length ? sum : null, // a bin of null values sums to 0 (groupBy), an empty bin is null
      min: vs.length ? Math.min(...vs) : null, max: vs.length ? Math.max(...vs) : null,
      first: vs.length ? vs[0] : null, last: vs.length ? vs[vs.length - 1] : null,
    };
  });
}

/** Uneven times from `startMs` (mostly small steps, sometimes a gap of several bins), nulls in both columns. */
function series(seed: number, rows: number, unit: Unit, startMs: number, meanStepMs: number, gapMs: number, shuffle = false): Row[] {
  const rng = new Rng(seed);
  const per = PER_MS[unit];
  let t = BigInt(startMs) * per;
  const out: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const stepMs = rng.chance(0.02) ? gapMs * (1 + rng.float() * 3) : meanStepMs * 2 * rng.float();
    t += BigInt(Math.floor(stepMs)) * per + BigInt(rng.int(0, Number(per) - 1));
    out.push({ ts: rng.chance(0.05) ? null : t, v: rng.chance(0.15) ? null : Math.round(rng.float() * 2000 - 1000) / 8 });
  }
  if (shuffle) for (let i = out.length - 1; i > 0; i--) { const j = rng.int(0, i); [out[i], out[j]] = [out[j], out[i]]; }
  return out;
}

const frameOf = (rows: readonly Row[], unit: Unit, tz: string | null, npartitions: number): dd.DataFrame =>
  dd.fromColumns(
    { ts: rows.map((r) => r.ts), v: rows.map((r) => r.v) },
    { npartitions, dtypes: { ts: tz === null ? `timestamp[${unit}]` : `timestamp[${unit}, ${tz}]`, v: "float64" } },
  );

const SPEC = { v: ["mean", "sum", "count", "min", "max", "first", "last"], n: dd.count() } as const;

async function check(rows: readonly Row[], unit: Unit, freq: string, tz: string | null, npartitions: number): Promise<void> {
  const out = frameOf(rows, unit, tz, npartitions).resample(freq, { on: "ts" }).agg(SPEC);
  expect(out.columns).toEqual(["ts", "v_mean", "v_sum", "v_count", "v_min", "v_max", "v_first", "v_last", "n"]);
  expect(out.dtypes.ts).toBe(tz === null ? `timestamp[${unit}]` : `timestamp[${unit}, ${tz}]`);
  const t = await out.assign({ ts: dd.col("ts").cast("int64") }).compute();
  const expected = reference(rows, unit, freq, tz);
  const got = t.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  expect(got.map((r) => r.ts)).toEqual(expected.map((e) => e.ts));
  expect(expected.some((e) => e.n === 0n)).toBe(true); // the data has empty bins
  const close = (a: unknown, b: number | null): void => {
    if (b === null) expect(a).toBeNull();
    else expect(a as number).toBeCloseTo(b, 6);
  };
  expected.forEach((e, i) => {
    const r = got[i];
    close(r.v_mean, e.mean); close(r.v_sum, e.sum); close(r.v_min, e.min); close(r.v_max, e.max);
    close(r.v_first, e.first); close(r.v_last, e.last);
    expect(r.v_count).toBe(e.count);
    expect(r.n).toBe(e.n);
  });
}

const START = Date.UTC(2024, 2, 29, 21, 7, 13); // before Berlin's spring-forward (2024-03-31 01:00 UTC)
const FALL = Date.UTC(2024, 9, 25, 0, 0, 0);     // before Berlin's fall-back (2024-10-27 01:00 UTC)

describe("resample against a plain-JS reference", () => {
  for (const unit of ["ms", "us", "ns"] as const) {
    it(`"1min" on timestamp[${unit}], nulls, empty bins, bins at partition edges`, async () => {
      await check(series(1, 1500, unit, START, 9_000, 4 * MIN), unit, "1min", null, 7);
    });
  }
  it(`"5min" over 16 partitions, rows out of time order`, async () => {
    await check(series(2, 2000, "us", START, 40_000, 30 * MIN, true), "us", "5min", null, 16);
  });
  it(`"1h" and "1D" tz-aware across the spring-forward and the fall-back (Europe/Berlin)`, async () => {
    await check(series(3, 800, "us", START, 8 * 60_000, 5 * HOUR), "us", "1h", "Europe/Berlin", 5);
    await check(series(4, 800, "ns", FALL, 8 * 60_000, 5 * HOUR), "ns", "1h", "Europe/Berlin", 5);
    await check(series(5, 900, "ms", START - 10 * DAY, 40 * 60_000, 3 * DAY), "ms", "1D", "Europe/Berlin", 6);
    await check(series(6, 900, "us", FALL - 10 * DAY, 40 * 60_000, 3 * DAY), "us", "1D", "America/New_York", 6);
  });
  it(`"20min" where a 30-minute daylight-saving shift cuts a bin short (Australia/Lord_Howe)`, async () => {
    const shift = Date.UTC(2024, 9, 5, 15, 30); // 2024-10-06 02:00 local becomes 02:30
    await check(series(13, 700, "us", shift - 12 * HOUR, 2 * 60_000, 2 * HOUR), "us", "20min", "Australia/Lord_Howe", 4);
  });
  it(`"1W" (Monday) and "1M", naive and tz-aware`, async () => {
    await check(series(7, 600, "ms", START, 4 * HOUR, 20 * DAY), "ms", "1W", null, 4);
    await check(series(8, 600, "us", START, 4 * HOUR, 20 * DAY), "us", "1W", "Europe/Berlin", 4);
    await check(series(9, 700, "ms", START - 400 * DAY, 20 * HOUR, 70 * DAY), "ms", "1M", null, 5);
    await check(series(10, 700, "ns", START - 400 * DAY, 20 * HOUR, 70 * DAY), "ns", "1M", "Europe/Berlin", 5);
  });
  it("inline gives what worker threads give", async () => {
    const prev = dd.config.set({ scheduler: "inline" });
    try {
      await check(series(11, 1200, "us", START, 9_000, 4 * MIN), "us", "1min", null, 9);
      await check(series(12, 600, "us", FALL, 8 * 60_000, 5 * HOUR), "us", "1h", "Europe/Berlin", 3);
    } finally { dd.config.set(prev); }
  });
});

describe("resample API", () => {
  const rows = series(20, 300, "ms", START, 20_000, 10 * MIN);
  const df = frameOf(rows, "ms", null, 3);

  it("uses the index by default and says what to do without one", async () => {
    const byIndex = await df.setIndex("ts").resample("1min").size().compute();
    const byOn = await df.resample("1min", { on: "ts" }).size().compute();
    expect(byIndex.numRows).toBe(byOn.numRows);
    expect(byOn.schema.fields.map((f) => f.name)).toEqual(["ts", "size"]);
    const sizes = byOn.getChild("size")!.toArray() as BigInt64Array;
    expect([...sizes].reduce((a, b) => a + b, 0n)).toBe(BigInt(rows.filter((r) => r.ts !== null).length));
    expect([...sizes]).toContain(0n);
    expect(() => df.resample("1min")).toThrow(/no index.*on: "ts".*setIndex/);
    expect(() => df.resample("1min", { on: "v" })).toThrow(/timestamp or date32/);
    expect(() => df.resample("1parsec", { on: "ts" })).toThrow(/unknown frequency/);
  });

  it("shortcuts: mean, count (0 for empty bins), median; lazy frames", async () => {
    const r = df.resample("1min", { on: "ts" });
    const ref = reference(rows, "ms", "1min", null);
    const mean = await r.mean().compute();
    expect(mean.schema.fields.map((f) => f.name)).toEqual(["ts", "v"]);
    expect(mean.numRows).toBe(ref.length);
    const count = (await r.count().compute()).getChild("v")!.toArray() as BigInt64Array;
    expect([...count]).toEqual(ref.map((e) => e.count));
    expect((await r.median().compute()).numRows).toBe(ref.length);
    expect(r.max().explain()).toContain("Aggregate keys=[ts]");
  });

  it("an empty frame (or only null times) gives no rows", async () => {
    const empty = frameOf([{ ts: null, v: 1 }, { ts: null, v: 2 }], "ms", null, 2);
    expect((await empty.resample("1h", { on: "ts" }).agg({ v: "sum" }).compute()).numRows).toBe(0);
  });

  it("date32 columns: days, weeks and months", async () => {
    const days = [0, 3, 17, 40, 41, null, 95].map((d) => (d === null ? null : 19_800 + d));
    const f = dd.fromColumns({ d: days, v: [1, 2, 3, 4, 5, 6, 7] }, { npartitions: 3, dtypes: { d: "date32" } });
    const w = await f.resample("1W", { on: "d" }).agg({ v: "sum" }).compute();
    expect(f.resample("1W", { on: "d" }).agg({ v: "sum" }).dtypes.d).toBe("date32");
    expect(w.numRows).toBe(14); // Mondays from day 19800 (2024-03-18, a Monday) to the week of 19895
    const m = await f.resample("1M", { on: "d" }).count().compute();
    expect([...(m.getChild("v")!.toArray() as BigInt64Array)]).toEqual([2n, 3n, 0n, 1n]);
    expect(() => f.resample("1h", { on: "d" })).toThrow(/whole days/);
  });
});
