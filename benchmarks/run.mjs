// pnpm bench [suite] [--size 1e6] [--partitions 8] [--repeat 3] [--format csv|parquet]
// Suites: groupby (the db-benchmark groupby questions, read + query from --format files, beside
// DuckDB), groupby-memory (the same on in-memory data), csv-ingest (MB/s
// parsing the groupby CSV on 1 and 2 workers, beside DuckDB's read_csv and polars' readCSV), json-ingest (MB/s parsing the groupby data as NDJSON
// beside DuckDB's read_ndjson), parquet-read (local disk and the S3 test server),
// join (db-benchmark q1–q5 from Parquet beside DuckDB), task-overhead, scaling, reduction-memory,
// relational-memory (a 1e7-group groupBy over 5e7 rows and a 1e7 × 1e7 merge under 4 GB of workers),
// timeseries (resample("1min").mean() and rolling("5min").mean() from Parquet beside DuckDB).
// Prints a table per suite and writes JSON under benchmarks/results/ (git-ignored).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { groupByDataset } from "@dusk/testing";
import { questions } from "../examples/groupby-questions.mjs";
import { reductionMemory, scaling, taskOverhead } from "./engine-suites.mjs";
import { csvIngest, parquetRead } from "./io-suites.mjs";
import { joinBenchmark } from "./join-suite.mjs";
import { jsonIngest } from "./json-suite.mjs";
import { groupByBenchmark } from "./groupby-suite.mjs";
import { relationalMemory } from "./relational-memory-suite.mjs";
import { hasMallocEnv, MALLOC_ENV, missingV8Flags } from "../scripts/process-settings.mjs";

const argv = process.argv.slice(2);
const opt = (name, fallback) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : fallback; };
const suite = argv.find((a, i) => !a.startsWith("--") && !(i > 0 && argv[i - 1].startsWith("--"))) ?? "groupby-memory";
const size = Number(opt("size", "1e6"));
const npartitions = Number(opt("partitions", "8"));
const repeat = Number(opt("repeat", "3"));

if (!hasMallocEnv()) {
  console.log("note: glibc malloc runs with its defaults here; `pnpm bench` adds Dusk's recommended settings (scripts/process-settings.mjs, docs/performance.md)");
}
if (missingV8Flags().length > 0) {
  console.log(`note: node runs without ${missingV8Flags().join(" ")} here; \`pnpm bench\` adds Dusk's recommended V8 flags (scripts/process-settings.mjs, docs/performance.md)`);
}

const suites = {
  "task-overhead": () => taskOverhead({ repeat }),
  scaling: () => scaling({ repeat }),
  "reduction-memory": () => reductionMemory(),
  "csv-ingest": () => csvIngest({ size, repeat }),
  "json-ingest": () => jsonIngest({ size, repeat }),
  "parquet-read": () => parquetRead({ size, repeat }),
  join: () => joinBenchmark({ size, repeat }),
  "relational-memory": () => relationalMemory({
    rows: Number(opt("rows", "5e7")), groups: Number(opt("groups", "1e7")), mergeRows: Number(opt("merge-rows", "1e7")),
    memoryLimit: opt("memory-limit", "2GB"), splitOut: Number(opt("split-out", "16")),
  }),
  timeseries: async () => (await import("./timeseries-suite.mjs")).timeSeriesBenchmark({ size, repeat }),
  groupby: () => groupByBenchmark({ size, repeat, format: opt("format", "csv") }),
  async "groupby-memory"() {
    const data = groupByDataset({ rows: size, groups: 100, seed: 1 });
    const df = dd.fromColumns(data.columns, { npartitions });
    const rows = [];
    for (const q of questions) {
      const times = [];
      let answerRows = 0;
      for (let r = 0; r < repeat; r++) {
        const t0 = performance.now();
        const t = await q.run(df).compute();
        times.push((performance.now() - t0) / 1000);
        answerRows = t.numRows;
      }
      const best = Math.min(...times);
      rows.push({ question: q.id, title: q.title, seconds: best, rowsPerSecond: size / best, answerRows, peakRssMB: process.resourceUsage().maxRSS / 1024 });
    }
    return { dataset: data.name, npartitions, rows };
  },
};

if (!suites[suite]) { console.error(`unknown suite ${suite}; suites: ${Object.keys(suites).join(", ")}`); process.exit(2); }
const result = await suites[suite]();
if (suite === "groupby-memory") {
  console.log(`${suite}: ${result.dataset}, ${npartitions} partitions, best of ${repeat}`);
  console.log("question  seconds   rows/s        answer rows  peak RSS MB");
  for (const r of result.rows) {
    console.log(`${r.question.padEnd(9)} ${r.seconds.toFixed(3).padStart(7)}  ${Math.round(r.rowsPerSecond).toExponential(2).padStart(10)}  ${String(r.answerRows).padStart(11)}  ${r.peakRssMB.toFixed(0).padStart(11)}`);
  }
  console.log(`sum      ${result.rows.reduce((s, r) => s + r.seconds, 0).toFixed(3).padStart(8)}`);
} else {
  console.log(`${suite} — target: ${result.target}`);
  console.table(result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v]))));
}
const dir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}${suite}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
const malloc = Object.fromEntries(Object.keys(MALLOC_ENV).map((k) => [k, process.env[k] ?? null]));
writeFileSync(file, JSON.stringify({ suite, size, date: new Date().toISOString(), node: process.version, cpus: cpus().length, memoryGB: totalmem() / 2 ** 30, malloc, execArgv: process.execArgv, ...result }, null, 2));
console.log(`wrote ${file}`);
