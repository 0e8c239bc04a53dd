// The main job: generate the db-benchmark groupby dataset once (1e6 rows by default) as 8 CSV files
// under data/ (git-ignored), read them lazily with dd.readCsv, answer the groupby questions, and print
// each answer with its time.
//   node examples/main.mjs [--rows N] [--files F] [--data-dir DIR] [--json]
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { csvText, groupByDataset } from "@dusk/testing";
import { runQuestions } from "./groupby-questions.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const rows = Number(arg("rows", 1e6));
const files = Number(arg("files", 8));
const dataRoot = arg("data-dir", fileURLToPath(new URL("../data/", import.meta.url)));
const json = process.argv.includes("--json");

/** Writes the dataset as `files` CSV files, once: a finished directory has a _SUCCESS marker. */
function ensureDataset() {
  const name = `G1_${rows.toExponential().replace("+", "")}_1e2_0_0`;
  const dir = join(dataRoot, `${name}_seed1_${files}files`);
  if (existsSync(join(dir, "_SUCCESS"))) return { dir, name, generated: false };
  const data = groupByDataset({ rows, groups: 100, seed: 1 });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const names = Object.keys(data.columns);
  for (let f = 0; f < files; f++) {
    const from = Math.floor((f * rows) / files), to = Math.floor(((f + 1) * rows) / files);
    const part = Object.fromEntries(names.map((n) => [n, data.columns[n].slice(from, to)]));
    writeFileSync(join(tmp, `part-${String(f).padStart(3, "0")}.csv`), csvText(part));
  }
  writeFileSync(join(tmp, "_SUCCESS"), "");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, name, generated: true };
}

const t0 = performance.now();
const dataset = ensureDataset();
const prepSeconds = (performance.now() - t0) / 1000;
// id4..id6 hold small integers: int32 is enough (as the db-benchmark's own readers use)
const df = dd.readCsv(join(dataset.dir, "*.csv"), { dtype: { id4: "int32", id5: "int32", id6: "int32" } });
const npartitions = df.npartitions;
const answers = await runQuestions(df);

if (json) {
  console.log(JSON.stringify({ dataset: dataset.name, dir: dataset.dir, generated: dataset.generated, rows, npartitions, answers: answers.map(({ table, ...a }) => a) }));
} else {
  const fmt = (x) => (typeof x === "number" && !Number.isInteger(x) ? x.toFixed(3) : String(x));
  console.log(`Dusk — db-benchmark groupby on ${dataset.name}: ${rows.toLocaleString("en")} rows in ${files} CSV files under ${dataset.dir} ` +
    `(${dataset.generated ? `generated in ${prepSeconds.toFixed(2)} s` : "generated earlier"}), read as ${npartitions} partitions`);
  console.log(`columns: ${Object.entries(df.dtypes).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
  for (const a of answers) {
    const chk = Object.entries(a.chk).map(([k, v]) => `${k}=${fmt(v)}`).join(" ");
    console.log(`${a.id.padEnd(4)} ${a.title.padEnd(26)} ${a.seconds.toFixed(3).padStart(7)} s  ${String(a.rows).padStart(7)} rows  chk ${chk}`);
    const names = a.table.schema.fields.map((f) => f.name);
    const show = Math.min(3, a.table.numRows);
    for (let i = 0; i < show; i++) {
      const row = a.table.get(i);
      console.log(`       ${names.map((n) => `${n}=${fmt(row[n])}`).join("  ")}`);
    }
  }
  const total = answers.reduce((s, a) => s + a.seconds, 0);
  console.log(`\ntotal ${total.toFixed(3)} s`);
}
