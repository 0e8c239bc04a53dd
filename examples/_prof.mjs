import * as dd from "@dusk/dataframe";
import { statSync } from "node:fs";
const path = "benchmarks/data/G1_1e7_1e2_0_0.csv";
dd.config.set({ scheduler: process.env.SCHED ?? "inline" });
const df = dd.readCsv(path, { blocksize: process.env.BS ?? "16MB" });
const counts = df.agg(Object.fromEntries(df.columns.map((c) => [c, "count"])));
for (let r = 0; r < 2; r++) {
  const t0 = performance.now();
  await counts.compute();
  const s = (performance.now() - t0) / 1000;
  console.log(`${s.toFixed(3)} s, ${(statSync(path).size / 1e6 / s).toFixed(0)} MB/s`);
}
