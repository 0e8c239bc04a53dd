// The README's quickstart, run by examples/quickstart.test.ts so it stays true.
import * as dd from "@dusk/dataframe";

const df = dd.fromColumns(
  { id1: ["a", "b", "a", "c"], v1: [1, 2, 3, 4], v3: [0.5, null, 1.5, 2.5] },
  { npartitions: 2 },
);

const out = df
  .filter(dd.col("v1").gt(1))
  .assign({ v4: dd.col("v1").mul(dd.col("v3")) })
  .groupBy("id1")
  .agg({ v1: "sum", v3: ["mean", "max"], n: dd.count(), range: dd.col("v1").max().sub(dd.col("v1").min()) });

console.log(out.columns);   // [ 'id1', 'v1', 'v3_mean', 'v3_max', 'n', 'range' ]  — known without computing
console.log(out.explain()); // logical, optimized and physical plans
const table = await out.compute(); // an apache-arrow Table
console.log(table.toArray());
console.log(await df.length(), (await df.head(2)).toArray());
