// db-benchmark join questions q1–q5 from Parquet files, Dusk beside DuckDB on the same files; the
// answers' checksums (rows, sum v1, sum v2) must agree or the run fails. Per question: best times
// and their ratio, Dusk's rows of x per second, and each engine's peak RSS (as in groupby-suite.mjs).
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { joinDataset } from "@dusk/testing";
import { joinChecksum, joinQuestions } from "../examples/join-questions.mjs";
import { duckdbPeer } from "./duckdb-peer.mjs";
import { mb, peakRssSampler } from "./peak-rss.mjs";

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/** J1 as Parquet: x and big in `parts` files each, small and medium one file. Written once. */
async function joinParquet(rows, parts) {
  const name = `J1_${rows.toExponential().replace("+", "")}_NA_0_0`;
  const dir = join(dataDir, `${name}_parquet`);
  if (!existsSync(join(dir, "_SUCCESS"))) {
    const j = joinDataset({ rows, seed: 1 });
    for (const t of ["x", "small", "medium", "big"]) {
      const n = t === "x" || t === "big" ? parts : 1;
      await dd.fromColumns(j[t], { npartitions: n }).toParquet(join(dir, t));
    }
    writeFileSync(join(dir, "_SUCCESS"), "");
  }
  return { name, dir };
}

const SQL = {
  q1: "select x.*, small.id4 as small_id4, small.v2 from x join small using (id1)",
  q2: "select x.*, medium.id1 as medium_id1, medium.id4 as medium_id4, medium.id5 as medium_id5, medium.v2 from x join medium using (id2)",
  q3: "select x.*, medium.id1 as medium_id1, medium.id4 as medium_id4, medium.id5 as medium_id5, medium.v2 from x left join medium using (id2)",
  q4: "select x.*, medium.id1 as medium_id1, medium.id2 as medium_id2, medium.id4 as medium_id4, medium.v2 from x join medium using (id5)",
  q5: "select x.*, big.id1 as big_id1, big.id2 as big_id2, big.id4 as big_id4, big.id5 as big_id5, big.id6 as big_id6, big.v2 from x join big using (id3)",
};

export async function joinBenchmark({ size, repeat }) {
  const { name, dir } = await joinParquet(size, 8);
  const con = await duckdbPeer();
  for (const t of ["x", "small", "medium", "big"]) await con.run(`create view ${t} as select * from read_parquet('${join(dir, t)}/*.parquet')`);
  const client = await dd.Client.start({ workers: 2 });
  const rows = [];
  try {
    const frames = Object.fromEntries(["x", "small", "medium", "big"].map((t) => [t, dd.readParquet(join(dir, t))]));
    for (const q of joinQuestions) {
      const ours = [], theirs = [];
      let chk = null, peer = null, duskPeak = 0, duckdbPeak = 0;
      for (let r = 0; r < repeat; r++) {
        const peak = peakRssSampler();
        const t0 = performance.now();
        const table = await q.run(frames).compute();
        ours.push((performance.now() - t0) / 1000);
        duskPeak = Math.max(duskPeak, peak.stop());
        chk = joinChecksum(table);
        const t = await con.timed(`create or replace table ans as ${SQL[q.id]}`);
        theirs.push(t.seconds);
        duckdbPeak = Math.max(duckdbPeak, t.peakRss);
        const [row] = await con.rows("select count(*)::double as rows, sum(v1) as v1, sum(v2) as v2 from ans");
        peer = { rows: Number(row.rows), v1: Number(row.v1), v2: Number(row.v2 ?? 0) };
      }
      const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      if (chk.rows !== peer.rows || !close(chk.v1, peer.v1) || !close(chk.v2, peer.v2)) {
        throw new Error(`join ${q.id}: answers differ: Dusk ${JSON.stringify(chk)}, DuckDB ${JSON.stringify(peer)}`);
      }
      const dusk = Math.min(...ours), duck = Math.min(...theirs);
      rows.push({ dataset: name, question: q.id, title: q.title, answerRows: chk.rows, duskSeconds: dusk, duckdbSeconds: duck, ratio: dusk / duck,
        duskRowsPerS: size / dusk, duskPeakMB: mb(duskPeak), duckdbPeakMB: mb(duckdbPeak) });
    }
  } finally {
    await client.close();
    await con.close();
  }
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const max = (k) => Math.max(...rows.map((r) => r[k]));
  rows.push({ dataset: name, question: "Σ", title: "q1–q5", answerRows: 0, duskSeconds: sum("duskSeconds"), duckdbSeconds: sum("duckdbSeconds"), ratio: sum("duskSeconds") / sum("duckdbSeconds"),
    duskRowsPerS: (size * joinQuestions.length) / sum("duskSeconds"), duskPeakMB: max("duskPeakMB"), duckdbPeakMB: max("duckdbPeakMB") });
  return { target: "Σ q1–q5 ≤ 2× DuckDB's, from Parquet, answers checked against DuckDB's", rows };
}
