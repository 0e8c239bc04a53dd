// json-ingest: MB/s parsing the db-benchmark groupby data as newline-delimited JSON into worker
// memory (every column of every row, dd.readJson(...).persist()) on 1 and 2 workers, beside DuckDB's
// read_ndjson materializing the same file into a table (threads = 1 and 2) in the same run. Row
// counts and the sums of v1 and v3 must agree between the two.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { groupByDataset } from "@dusk/testing";
import { duckdbPeer } from "./duckdb-peer.mjs";

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/** The groupby dataset of `rows` rows as one NDJSON file (written once, in slices to bound memory). */
export async function groupByNdjson(rows) {
  const name = `G1_${rows.toExponential().replace("+", "")}_1e2_0_0`;
  const path = join(dataDir, `${name}.v2.ndjson`);
  if (existsSync(path)) return { name, path };
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  const slice = 1_000_000;
  for (let from = 0; from < rows; from += slice) {
    const n = Math.min(slice, rows - from);
    const c = groupByDataset({ rows: n, groups: 100, seed: 1 + from / slice, of: rows }).columns;
    const names = Object.keys(c);
    const keys = names.map((k) => JSON.stringify(k));
    let text = "";
    for (let r = 0; r < n; r++) {
      let line = "{";
      for (let j = 0; j < names.length; j++) {
        const v = c[names[j]][r];
        line += `${j === 0 ? "" : ","}${keys[j]}:${v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "null" : JSON.stringify(v)}`;
      }
      text += `${line}}\n`;
      if (text.length > 1 << 22) { if (!out.write(text)) await once(out, "drain"); text = ""; }
    }
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  renameSync(tmp, path);
  return { name, path };
}

export async function jsonIngest({ size, repeat }) {
  const { name, path } = await groupByNdjson(size);
  const mb = statSync(path).size / 1e6;
  const rows = [];
  let duskCheck = null;
  for (const workers of [1, 2]) {
    const df = dd.readJson(path, { lines: true, blocksize: "16MB" });
    const times = [];
    let check = null;
    for (let r = 0; r < repeat; r++) {
      const client = await dd.Client.start({ workers });
      const t0 = performance.now();
      const held = await df.persist(); // every column of every row parsed into worker memory
      times.push((performance.now() - t0) / 1000);
      const t = await held.agg({ n: dd.count(), v1: "sum", v3: "sum" }).compute();
      check = { rows: Number(t.getChild("n").get(0)), v1: Number(t.getChild("v1").get(0)), v3: Number(t.getChild("v3").get(0)) };
      await client.close();
    }
    duskCheck = check;
    const best = Math.min(...times);
    rows.push({ engine: "dusk", dataset: name, threads: workers, partitions: df.npartitions, rows: check.rows, fileMB: Number(mb.toFixed(1)), seconds: best, MBps: mb / best });
  }
  const con = await duckdbPeer();
  for (const threads of [1, 2]) {
    await con.run(`set threads = ${threads}`);
    const times = [];
    let check = null;
    for (let r = 0; r < repeat; r++) {
      times.push(await con.run(`create or replace table g as select * from read_ndjson('${path}')`));
      const [row] = await con.rows("select count(*)::double as n, sum(v1)::double as v1, sum(v3)::double as v3 from g");
      check = { rows: Number(row.n), v1: Number(row.v1), v3: Number(row.v3) };
    }
    const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (check.rows !== duskCheck.rows || !close(check.v1, duskCheck.v1) || !close(check.v3, duskCheck.v3)) {
      throw new Error(`json-ingest: answers differ: Dusk ${JSON.stringify(duskCheck)}, DuckDB ${JSON.stringify(check)}`);
    }
    const best = Math.min(...times);
    rows.push({ engine: "duckdb read_ndjson", dataset: name, threads, partitions: 0, rows: check.rows, fileMB: Number(mb.toFixed(1)), seconds: best, MBps: mb / best });
  }
  await con.close();
  return { target: "NDJSON ingest MB/s beside DuckDB's read_ndjson (same file, same run; rows and sums of v1, v3 checked equal)", rows };
}
