// db-benchmark groupby questions Dusk answers, read + query from CSV or Parquet files, Dusk beside
// DuckDB on the same files; each answer's checksum (sum of every measure column) must agree. Per
// question: best times and their ratio, Dusk's input rows per second, and each engine's peak RSS
// (its own process, sampled every 20 ms, the highest of the repetitions; Dusk's process also holds
// what earlier questions left in its heap).
import * as dd from "@dusk/dataframe";
import { checksum, questions } from "../examples/groupby-questions.mjs";
import { duckdbPeer } from "./duckdb-peer.mjs";
import { mb, peakRssSampler } from "./peak-rss.mjs";
import { groupByCsv, groupByParquet } from "./io-suites.mjs";

const SQL = {
  q1: "select id1, sum(v1) as v1 from x group by id1",
  q2: "select id1, id2, sum(v1) as v1 from x group by id1, id2",
  q3: "select id3, sum(v1) as v1, avg(v3) as v3 from x group by id3",
  q4: "select id4, avg(v1) as v1, avg(v2) as v2, avg(v3) as v3 from x group by id4",
  q5: "select id6, sum(v1) as v1, sum(v2) as v2, sum(v3) as v3 from x group by id6",
  q6: "select id4, id5, median(v3) as median_v3, stddev(v3) as sd_v3 from x group by id4, id5",
  q7: "select id3, max(v1) - min(v2) as range_v1_v2 from x group by id3",
  q8: "select id6, v3 from (select id6, v3, row_number() over (partition by id6 order by v3 desc) as r from x where v3 is not null) where r <= 2",
  q9: "select id2, id4, pow(corr(v1, v2), 2) as r2 from x group by id2, id4",
  q10: "select id1, id2, id3, id4, id5, id6, sum(v3) as v3, count(*) as count from x group by id1, id2, id3, id4, id5, id6",
};

export async function groupByBenchmark({ size, repeat, format }) {
  const data = format === "parquet" ? await groupByParquet(size) : await groupByCsv(size);
  const location = format === "parquet" ? `${data.dir}/*.parquet` : data.path;
  const scan = format === "parquet" ? `read_parquet('${location}')` : `read_csv('${location}', header = true)`;
  const con = await duckdbPeer();
  const client = await dd.Client.start({ workers: 2 });
  const rows = [];
  try {
    for (const q of questions) {
      const ours = [], theirs = [];
      let chk = null, peer = null, answerRows = 0, duskPeak = 0, duckdbPeak = 0;
      for (let r = 0; r < repeat; r++) {
        const peak = peakRssSampler();
        const t0 = performance.now();
        const df = format === "parquet" ? dd.readParquet(data.dir) : dd.readCsv(location);
        const frame = q.run(df);
        const table = await frame.compute();
        ours.push((performance.now() - t0) / 1000);
        duskPeak = Math.max(duskPeak, peak.stop());
        answerRows = table.numRows;
        chk = checksum(table, frame.columns.filter((c) => df.columns.includes(c) && c.startsWith("id")));
        const t = await con.timed(`create or replace table ans as ${SQL[q.id].replace("from x", `from ${scan}`)}`);
        theirs.push(t.seconds);
        duckdbPeak = Math.max(duckdbPeak, t.peakRss);
        const names = Object.keys(chk);
        const [row] = await con.rows(`select count(*)::double as n, ${names.map((n) => `sum("${n}")::double as "${n}"`).join(", ")} from ans`);
        peer = { n: Number(row.n), ...Object.fromEntries(names.map((n) => [n, Number(row[n])])) };
      }
      const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
      if (answerRows !== peer.n || Object.keys(chk).some((k) => !close(chk[k], peer[k]))) {
        throw new Error(`groupby ${q.id}: answers differ: Dusk ${answerRows} rows ${JSON.stringify(chk)}, DuckDB ${JSON.stringify(peer)}`);
      }
      const dusk = Math.min(...ours), duck = Math.min(...theirs);
      rows.push({ dataset: data.name, format, question: q.id, title: q.title, answerRows, duskSeconds: dusk, duckdbSeconds: duck, ratio: dusk / duck,
        duskRowsPerS: size / dusk, duskPeakMB: mb(duskPeak), duckdbPeakMB: mb(duckdbPeak) });
    }
  } finally {
    await client.close();
    await con.close();
  }
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const max = (k) => Math.max(...rows.map((r) => r[k]));
  rows.push({ dataset: data.name, format, question: "Σ", title: `${questions.length} questions`, answerRows: 0, duskSeconds: sum("duskSeconds"), duckdbSeconds: sum("duckdbSeconds"), ratio: sum("duskSeconds") / sum("duckdbSeconds"),
    duskRowsPerS: (size * questions.length) / sum("duskSeconds"), duskPeakMB: max("duskPeakMB"), duckdbPeakMB: max("duckdbPeakMB") });
  return { target: format === "parquet" ? "Σ ≤ 1.5× DuckDB's (read + query from Parquet)" : "Σ ≤ 1.0× DuckDB's (read + query from CSV)", rows };
}
