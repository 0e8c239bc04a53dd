// The ingest suites' common runs (csv-ingest, json-ingest): Dusk persisting every column of a file
// into worker memory on 1 and 2 workers, and DuckDB materializing the same file into a table on 1
// and 2 threads, each reporting wall time, its process's CPU time and peak RSS, with the row count
// and the sums of v1 and v3 as the check that every engine read the same values.
import * as dd from "@dusk/dataframe";
import { duckdbPeer } from "./duckdb-peer.mjs";
import { mb as toMB, peakRssSampler } from "./peak-rss.mjs";

/** The run of least wall time among `{ seconds, cpuSeconds, peakRss }`. */
export const fastest = (times) => times.reduce((a, b) => (b.seconds < a.seconds ? b : a));

/**
 * A run's rates: MB/s of wall time, and MB per CPU second (every thread of the engine's process:
 * the rate per core, which time the VM's other tenants take from us disturbs less).
 */
export const rates = (mb, { seconds, cpuSeconds, peakRss }) => ({ seconds, MBps: mb / seconds, cpuSeconds, MBperCpuS: mb / cpuSeconds, peakMB: toMB(peakRss) });

/**
 * Dusk: `frame()` (a lazy read of the file) persisted on fresh workers, best of `repeat` for 1 and
 * 2 workers. Returns table rows, checks and Dusk's MB/s by worker count (`rate`).
 */
export async function duskIngest({ name, mb, frame, repeat }) {
  const rows = [], checks = [], rate = {};
  for (const workers of [1, 2]) {
    const df = frame();
    const times = [];
    let check = null;
    for (let r = 0; r < repeat; r++) {
      const client = await dd.Client.start({ workers });
      const peak = peakRssSampler();
      const t0 = performance.now(), c0 = process.cpuUsage();
      const held = await df.persist(); // every column of every row parsed into worker memory
      const c = process.cpuUsage(c0);
      times.push({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, peakRss: peak.stop() });
      const t = await held.agg({ n: dd.count(), v1: "sum", v3: "sum" }).compute();
      check = { rows: Number(t.getChild("n").get(0)), v1: Number(t.getChild("v1").get(0)), v3: Number(t.getChild("v3").get(0)) };
      await client.close(); // frees the partitions
    }
    checks.push({ engine: `dusk, ${workers} workers`, ...check });
    const best = fastest(times);
    rate[workers] = mb / best.seconds;
    rows.push({ engine: "dusk", dataset: name, threads: workers, partitions: df.npartitions, rows: check.rows, fileMB: Number(mb.toFixed(1)), ...rates(mb, best) });
  }
  return { rows, checks, rate };
}

/**
 * DuckDB (in its own process) running `create table g as <select>` (`select`: every column of the
 * file), best of `repeat` on 1 and 2 threads; `dusk` is Dusk's MB/s by thread count, for the ratio.
 */
export async function duckdbIngest({ name, mb, engine, select, repeat, dusk }) {
  const rows = [], checks = [];
  const con = await duckdbPeer();
  try {
    for (const threads of [1, 2]) {
      await con.run(`set threads = ${threads}`);
      const times = [];
      let check = null;
      for (let r = 0; r < repeat; r++) {
        times.push(await con.timed(`create or replace table g as ${select}`));
        const [row] = await con.rows("select count(*)::double as n, sum(v1)::double as v1, sum(v3)::double as v3 from g");
        check = { rows: Number(row.n), v1: Number(row.v1), v3: Number(row.v3) };
      }
      await con.run("drop table g");
      checks.push({ engine: `duckdb, ${threads} threads`, ...check });
      const best = fastest(times);
      rows.push({ engine, dataset: name, threads, partitions: 0, rows: check.rows, fileMB: Number(mb.toFixed(1)), ...rates(mb, best), duskRatio: dusk[threads] / (mb / best.seconds) });
    }
  } finally {
    await con.close();
  }
  return { rows, checks };
}

/** Throws, naming `suite` and every engine's answer, unless all checks agree (sums to 1e-9 relative). */
export function checkAgree(suite, checks) {
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const [first] = checks;
  for (const c of checks) {
    if (c.rows !== first.rows || !close(c.v1, first.v1) || !close(c.v3, first.v3)) {
      throw new Error(`${suite}: answers differ (row count, sum of v1, sum of v3): ${JSON.stringify(checks)}`);
    }
  }
}
