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
import { checkAgree, duckdbIngest, duskIngest } from "./ingest-runs.mjs";

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
  const dusk = await duskIngest({ name, mb, repeat, frame: () => dd.readJson(path, { lines: true, blocksize: "16MB" }) });
  const duck = await duckdbIngest({ name, mb, repeat, engine: "duckdb read_ndjson", select: `select * from read_ndjson('${path}')`, dusk: dusk.rate });
  checkAgree("json-ingest", [...dusk.checks, ...duck.checks]);
  return { target: "NDJSON ingest MB/s beside DuckDB's read_ndjson (same file, same run; rows and sums of v1, v3 checked equal)", rows: [...dusk.rows, ...duck.rows] };
}
