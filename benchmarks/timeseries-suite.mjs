// Time series from Parquet, Dusk beside DuckDB on the same files (issue #9):
// `resample("1min").agg({ v: "mean" })` against `time_bucket(INTERVAL 1 minute, ts) ... GROUP BY 1`,
// and, once the time-based rolling API exists (`dd.col("v").rolling("5min", { on: "ts" })`),
// `rolling("5min").mean()` against a RANGE window. Answers are checked against each other: DuckDB
// omits empty bins, so bins with a mean are compared (count, sum of means, first and last bin).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { Rng } from "@dusk/testing";
import { duckdbPeer } from "./duckdb-peer.mjs";
import { mb, peakRssSampler } from "./peak-rss.mjs";

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/**
 * `rows` rows of (ts timestamp[us], id int32, v float64), ts ascending at irregular steps of 0.5–1.5 s
 * with a gap of 2–10 minutes about every 20 000 rows (so some minutes are empty), from
 * 2024-01-01T00:00Z; Parquet files of 1e6 rows (snappy), written once.
 */
export async function timeSeriesParquet(rows) {
  const name = `TS_${rows.toExponential().replace("+", "")}_1s`;
  const dir = join(dataDir, `${name}_parquet`);
  if (existsSync(join(dir, "_SUCCESS"))) return { name, dir };
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(9);
  const slice = 1_000_000;
  let t = BigInt(Date.UTC(2024, 0, 1)) * 1000n;
  for (let from = 0, f = 0; from < rows; from += slice, f++) {
    const n = Math.min(slice, rows - from);
    const ts = new BigInt64Array(n), id = new Int32Array(n), v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const gap = rng.chance(0.00005) ? rng.int(120, 600) * 1_000_000 : 0;
      t += BigInt(500_000 + Math.floor(rng.float() * 1_000_000) + gap);
      ts[i] = t;
      id[i] = rng.int(1, 100);
      v[i] = Math.round(rng.float() * 1e6) / 100;
    }
    await dd.fromColumns({ ts, id, v }, { dtypes: { ts: "timestamp[us]" } }).toParquet(join(dir, `part-${String(f).padStart(5, "0")}-*.parquet`));
  }
  writeFileSync(join(dir, "_SUCCESS"), "");
  return { name, dir };
}

/** Whether `dd.col("v").rolling("5min", { on: "ts" })` is there (another change adds it). */
function hasTimeRolling() {
  try {
    const r = dd.col("v").rolling("5min", { on: "ts" });
    return typeof r?.mean === "function";
  } catch {
    return false;
  }
}

const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

export async function timeSeriesBenchmark({ size, repeat, workers = 2 }) {
  const data = await timeSeriesParquet(size);
  const scan = `read_parquet('${data.dir}/*.parquet')`;
  const con = await duckdbPeer();
  const client = await dd.Client.start({ workers });
  const rows = [];
  const queries = [{
    id: "resample",
    title: 'resample("1min").agg({ v: "mean" })',
    dusk: (df) => df.resample("1min", { on: "ts" }).agg({ v: "mean" }),
    sql: `select time_bucket(interval 1 minute, ts) as ts, avg(v) as v from ${scan} group by 1 order by 1`,
    // Dusk keeps empty bins (v null); DuckDB has the non-empty ones
    ours: (t) => {
      const ts = t.getChild("ts"), v = t.getChild("v");
      let n = 0, sum = 0, first = null, last = null;
      for (let i = 0; i < t.numRows; i++) {
        const x = v.get(i);
        if (x === null) continue;
        n++; sum += x;
        const at = ts.get(i); // Arrow gives ms as a number (or the unit as a bigint, by version)
        const us = typeof at === "bigint" ? Number(at) : at * 1000;
        if (first === null) first = us;
        last = us;
      }
      return { n, sum, first, last, rows: t.numRows };
    },
    theirs: "select count(*)::double as n, sum(v)::double as sum, min(epoch_us(ts))::double as first, max(epoch_us(ts))::double as last from ans",
  }];
  if (hasTimeRolling()) {
    queries.push({
      id: "rolling",
      title: 'rolling("5min", { on: "ts" }).mean()',
      dusk: (df) => df.setIndex("ts", { sorted: true }).assign({ m: dd.col("v").rolling("5min", { on: "ts" }).mean() }).agg({ n: dd.count(), sum: dd.col("m").sum() }),
      // pandas' time window (t − 5min, t]: on microseconds, 5 minutes less 1 µs back, inclusive
      sql: `select avg(v) over (order by ts range between interval '299999999 microseconds' preceding and current row) as m from ${scan}`,
      ours: (t) => ({ n: Number(t.getChild("n").get(0)), sum: t.getChild("sum").get(0), rows: Number(t.getChild("n").get(0)) }),
      theirs: "select count(*)::double as n, sum(m)::double as sum from ans",
    });
  }
  try {
    for (const q of queries) {
      const ours = [], theirs = [];
      let mine = null, peer = null, duskPeak = 0, duckdbPeak = 0;
      for (let r = 0; r < repeat; r++) {
        const peak = peakRssSampler();
        const t0 = performance.now();
        const table = await q.dusk(dd.readParquet(data.dir)).compute();
        ours.push((performance.now() - t0) / 1000);
        duskPeak = Math.max(duskPeak, peak.stop());
        mine = q.ours(table);
        const t = await con.timed(`create or replace table ans as ${q.sql}`);
        theirs.push(t.seconds);
        duckdbPeak = Math.max(duckdbPeak, t.peakRss);
        const [row] = await con.rows(q.theirs);
        peer = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
      }
      const differs = Object.keys(peer).filter((k) => !close(mine[k], peer[k]));
      if (differs.length > 0) throw new Error(`timeseries ${q.id}: answers differ in ${differs.join(", ")}: Dusk ${JSON.stringify(mine)}, DuckDB ${JSON.stringify(peer)}`);
      const dusk = Math.min(...ours), duck = Math.min(...theirs);
      rows.push({ dataset: data.name, query: q.id, title: q.title, answerRows: mine.rows, duckdbRows: peer.n, duskSeconds: dusk, duckdbSeconds: duck, ratio: dusk / duck,
        duskRowsPerS: size / dusk, duskPeakMB: mb(duskPeak), duckdbPeakMB: mb(duckdbPeak) });
    }
  } finally {
    await client.close();
    await con.close();
  }
  const skipped = queries.some((q) => q.id === "rolling") ? "" : "; rolling(\"5min\") skipped: the time-based rolling API is not there yet";
  return { target: `read + query from Parquet beside DuckDB; Dusk's answer includes empty bins (answerRows), DuckDB's does not${skipped}`, rows };
}
