// I/O benchmarks: CSV ingest (MB/s parsing the db-benchmark groupby CSV into worker memory, beside
// DuckDB's read_csv and polars' readCSV reading the same file in the same run; row counts and the
// sums of v1 and v3 must agree) and Parquet read (local disk and the S3 test server).
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { csvText, groupByDataset } from "@dusk/testing";
import { checkAgree, duckdbIngest, duskIngest, fastest, rates } from "./ingest-runs.mjs";
import { polarsPeer } from "./polars-peer.mjs";

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));

/** The groupby dataset of `rows` rows as one CSV file (written once, in slices to bound memory). */
export async function groupByCsv(rows) {
  const name = `G1_${rows.toExponential().replace("+", "")}_1e2_0_0`;
  // v2: id3 and id6 range over 1..N/K of the whole dataset (v1 files ranged per 1e6-row slice)
  const path = join(dataDir, `${name}.v2.csv`);
  if (existsSync(path)) return { name, path };
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  const slice = 1_000_000;
  for (let from = 0; from < rows; from += slice) {
    // each slice its own seed: the file is deterministic; values follow the h2o distributions
    const n = Math.min(slice, rows - from);
    const g = groupByDataset({ rows: n, groups: 100, seed: 1 + from / slice, of: rows });
    if (!out.write(csvText(g.columns, { header: from === 0 }))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  renameSync(tmp, path);
  return { name, path };
}

export async function csvIngest({ size, repeat }) {
  const { name, path } = await groupByCsv(size);
  const mb = statSync(path).size / 1e6;
  const dusk = await duskIngest({ name, mb, repeat, frame: () => dd.readCsv(path, { blocksize: "16MB" }) });
  // the peers, each materializing every column of the same file in the same run
  const duck = await duckdbIngest({ name, mb, repeat, engine: "duckdb read_csv", select: `select * from read_csv('${path}')`, dusk: dusk.rate });
  const rows = [...dusk.rows, ...duck.rows];
  const checks = [...dusk.checks, ...duck.checks];
  let polarsVersion = "";
  for (const threads of [1, 2]) {
    const polars = polarsPeer(threads);
    try {
      polarsVersion = (await polars.info()).version;
      const times = [];
      let check = null;
      for (let r = 0; r < repeat; r++) {
        const got = await polars.readCsv(path, ["v1", "v3"]);
        times.push({ seconds: got.seconds, cpuSeconds: got.cpuSeconds, peakRss: got.peakRss });
        check = { rows: got.rows, v1: got.sums.v1, v3: got.sums.v3 };
      }
      checks.push({ engine: `polars, ${threads} threads`, ...check });
      const best = fastest(times);
      rows.push({ engine: "polars readCSV", dataset: name, threads, partitions: 0, rows: check.rows, fileMB: Number(mb.toFixed(1)), ...rates(mb, best), duskRatio: dusk.rate[threads] / (mb / best.seconds) });
    } finally {
      await polars.close();
    }
  }
  checkAgree("csv-ingest", checks);
  return {
    target: "≥ 300 MB/s per core; on all cores ≥ polars' rate (its readCSV in the same run: duskRatio ≥ 1 on 2 threads; ≈ 565 MB/s measured once on these 2-core machines; DuckDB ≈ 260)",
    polars: `nodejs-polars ${polarsVersion}`,
    rows,
  };
}

/** The groupby dataset as Parquet files (one per million rows, snappy), written once. */
export async function groupByParquet(rows) {
  const name = `G1_${rows.toExponential().replace("+", "")}_1e2_0_0`;
  // v3: written with 16 MB dictionary pages (id3's 100,000 values stay dictionary-encoded);
  // v4: v3 (nearly all distinct floats) written as plain pages, without a dictionary
  const dir = join(dataDir, `${name}_v4_parquet`);
  if (existsSync(join(dir, "_SUCCESS"))) return { name, dir };
  const slice = 1_000_000;
  for (let from = 0, f = 0; from < rows; from += slice, f++) {
    const g = groupByDataset({ rows: Math.min(slice, rows - from), groups: 100, seed: 1 + f, of: rows });
    await dd.fromColumns(g.columns).toParquet(join(dir, `part-${String(f).padStart(5, "0")}-*.parquet`));
  }
  (await import("node:fs")).writeFileSync(join(dir, "_SUCCESS"), "");
  return { name, dir };
}

export async function parquetRead({ size, repeat }) {
  const { name, dir } = await groupByParquet(size);
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(dir).filter((f) => f.endsWith(".parquet"));
  const mb = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 1e6;
  const { startS3Server } = await import("@dusk/testing");
  const { fileSystemFor } = await import("@dusk/io");
  const server = await startS3Server();
  const rows = [];
  try {
    await server.createBucket("bench");
    const storageOptions = server.storageOptions;
    for (const f of files) {
      const url = `s3://bench/${name}/${f}`;
      await fileSystemFor(url, storageOptions).write(url, (await import("node:fs")).readFileSync(join(dir, f)));
    }
    for (const [where, location, opts] of [["local", dir, {}], ["s3 (test server)", `s3://bench/${name}/`, { storageOptions }]]) {
      for (const workers of [1, 2]) {
        const times = [];
        let n = 0;
        for (let r = 0; r < repeat; r++) {
          const client = await dd.Client.start({ workers });
          const t0 = performance.now();
          const df = dd.readParquet(location, opts); // footers read here: part of the time
          const held = await df.persist();
          times.push((performance.now() - t0) / 1000);
          n = await held.length();
          await client.close();
        }
        const best = Math.min(...times);
        rows.push({ dataset: name, where, workers, files: files.length, rows: n, fileMB: Number(mb.toFixed(1)), seconds: best, rowsPerSecond: n / best, MBps: mb / best });
      }
    }
  } finally {
    await server.stop();
  }
  return { target: "rows/s reading every column into worker memory; S3 (local test server) against local disk", rows };
}
