// The 10 db-benchmark groupby questions, written with the public API only.
// Shared by the main job (examples/main.mjs) and the tests that check its answers.
import * as dd from "@dusk/dataframe";

/** @type {{ id: string, title: string, run: (df: dd.DataFrame) => dd.DataFrame }[]} */
export const questions = [
  { id: "q1", title: "sum v1 by id1", run: (df) => df.groupBy("id1").agg({ v1: "sum" }) },
  { id: "q2", title: "sum v1 by id1:id2", run: (df) => df.groupBy(["id1", "id2"]).agg({ v1: "sum" }) },
  { id: "q3", title: "sum v1 mean v3 by id3", run: (df) => df.groupBy("id3").agg({ v1: "sum", v3: "mean" }) },
  { id: "q4", title: "mean v1:v3 by id4", run: (df) => df.groupBy("id4").agg({ v1: "mean", v2: "mean", v3: "mean" }) },
  { id: "q5", title: "sum v1:v3 by id6", run: (df) => df.groupBy("id6").agg({ v1: "sum", v2: "sum", v3: "sum" }) },
  {
    id: "q6", title: "median v3 sd v3 by id4 id5",
    // exact median: the rows are shuffled by key so that each task holds whole groups
    run: (df) => df.groupBy(["id4", "id5"]).agg({ median_v3: dd.col("v3").median(), sd_v3: dd.col("v3").std() }),
  },
  {
    id: "q7", title: "max v1 - min v2 by id3",
    run: (df) => df.groupBy("id3").agg({ range_v1_v2: dd.col("v1").max().sub(dd.col("v2").min()) }),
  },
  {
    id: "q8", title: "largest two v3 by id6",
    // per-group top n (no per-group apply): rows with a null v3 are left out, as pandas' nlargest
    run: (df) => df.groupBy("id6").nlargest(2, "v3"),
  },
  {
    id: "q9", title: "regression v1 v2 by id2 id4",
    // corr has mergeable partial states (co-moments), so this is an ordinary tree reduction
    run: (df) => df.groupBy(["id2", "id4"]).agg({ r2: dd.corr("v1", "v2").pow(2) }),
  },
  {
    id: "q10", title: "sum v3 count by id1:id6",
    // about one group per row: splitOut shuffles the partial results over 4 partitions (Dask's
    // split_out); unsorted, as Dask's split_out result and the SQL answer (sorting each of the 4
    // partitions would order nothing as a whole)
    run: (df) => df.groupBy(["id1", "id2", "id3", "id4", "id5", "id6"], { splitOut: 4, sort: false }).agg({ v3: "sum", count: dd.count() }),
  },
];

/** The answer check of db-benchmark: the sum of each measure (non-key) column. */
export function checksum(table, keys) {
  const chk = {};
  for (const f of table.schema.fields) {
    if (keys.includes(f.name)) continue;
    let s = 0;
    const v = table.getChild(f.name);
    for (let i = 0; i < v.length; i++) { const x = v.get(i); if (x !== null) s += Number(x); }
    chk[f.name] = s;
  }
  return chk;
}

/** Runs every question on `df`; returns answers with timings. */
export async function runQuestions(df) {
  const out = [];
  for (const q of questions) {
    const frame = q.run(df);
    const t0 = performance.now();
    const table = await frame.compute();
    const seconds = (performance.now() - t0) / 1000;
    const keys = frame.columns.filter((c) => df.columns.includes(c) && c.startsWith("id"));
    out.push({ id: q.id, title: q.title, seconds, rows: table.numRows, table, chk: checksum(table, keys) });
  }
  return out;
}
