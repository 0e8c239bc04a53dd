// The main job: generate the db-benchmark groupby dataset (1e6 rows by default, in memory, as 8
// partitions), answer the groupby questions lazily through Dusk, print each answer and its time.
//   node examples/main.mjs [--rows N] [--partitions P] [--json]
import * as dd from "@dusk/dataframe";
import { groupByDataset } from "@dusk/testing";
import { runQuestions } from "./groupby-questions.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const rows = Number(arg("rows", 1e6));
const npartitions = Number(arg("partitions", 8));
const json = process.argv.includes("--json");

const t0 = performance.now();
const data = groupByDataset({ rows, groups: 100, seed: 1 });
const df = dd.fromColumns(data.columns, { npartitions });
const genSeconds = (performance.now() - t0) / 1000;
const answers = await runQuestions(df);

if (json) {
  console.log(JSON.stringify({ dataset: data.name, rows, npartitions, answers: answers.map(({ table, ...a }) => a) }));
} else {
  const fmt = (x) => (typeof x === "number" && !Number.isInteger(x) ? x.toFixed(3) : String(x));
  console.log(`Dusk — db-benchmark groupby on ${data.name}: ${rows.toLocaleString("en")} rows in ${npartitions} partitions, generated in memory in ${genSeconds.toFixed(2)} s`);
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
