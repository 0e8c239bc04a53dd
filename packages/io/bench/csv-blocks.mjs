// CSV parse throughput of a real file cut into blocks the way dd.readCsv cuts it (each block ends
// at the first line break after blocksize bytes, and is parsed by a fresh CsvBlockParser, so every
// block builds its own dictionaries), on one core, from the built dist, without the engine:
// `npx tsc -b packages/io && node packages/io/bench/csv-blocks.mjs benchmarks/data/G1_1e7_1e2_0_0.csv [blocksize]`.
// The file is read into memory first; RUNS passes over all blocks (default 3); MB/s over the file,
// by wall time and by this process's CPU time (which other processes on the machine disturb less).
import { readFileSync } from "node:fs";
import { CsvBlockParser, inferCsvSchema } from "../dist/index.js";
import { formatDType } from "@dusk/core";

const path = process.argv[2];
if (!path) { console.error("usage: csv-blocks.mjs <file.csv> [blocksize]"); process.exit(2); }
const BLOCK = Number(process.argv[3] ?? 1 << 24);
const RUNS = Number(process.env.RUNS ?? 3);
// RETAIN=1 keeps every batch of a pass alive, as persist does (fresh memory for every column)
const RETAIN = process.env.RETAIN === "1";

const bytes = readFileSync(path);
const mb = bytes.length / 1e6;
const inferred = inferCsvSchema(bytes.subarray(0, 1 << 20), {}, path);
// USECOLS=id4,v1 parses only those columns (the others are skipped, as a projection does)
const usecols = process.env.USECOLS?.split(",");
const schema = usecols ? { ...inferred, columns: inferred.columns.filter((c) => usecols.includes(c.name)) } : inferred;
const starts = [schema.dataStart];
for (let at = BLOCK; at < bytes.length; at += BLOCK) {
  const i = bytes.indexOf(10, at);
  if (i < 0 || i + 1 >= bytes.length) break;
  if (i + 1 > starts[starts.length - 1]) starts.push(i + 1);
}
starts.push(bytes.length);
console.log(`${path}: ${mb.toFixed(1)} MB, ${starts.length - 1} blocks; schema: ${schema.columns.map((c) => `${c.name}:${formatDType(c.dtype)}`).join(" ")}`);

const times = [], cpu = [];
let rows = 0, layouts = "";
for (let run = 0; run < RUNS; run++) {
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  rows = 0;
  const kept = [];
  for (let b = 0; b + 1 < starts.length; b++) {
    const p = new CsvBlockParser(schema, {}, { file: path, firstLine: b === 0 ? schema.headerLines + 1 : 2 });
    p.push(bytes.subarray(starts[b], starts[b + 1]));
    const batch = p.finish();
    rows += batch.length;
    if (RETAIN) kept.push(batch);
    if (b === 0) layouts = batch.columns.map((c) => c.layout).join(" ");
  }
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e3);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const best = times[0], median = times[times.length >> 1];
console.log(`${rows} rows; block 0 layouts: ${layouts}`);
console.log(`parse: best ${best.toFixed(0)} ms = ${(mb / best * 1000).toFixed(0)} MB/s; median ${median.toFixed(0)} ms = ${(mb / median * 1000).toFixed(0)} MB/s (${RUNS} runs, ${BLOCK}-byte blocks); ` +
  `per CPU second: best ${(mb / cpu[0] * 1000).toFixed(0)} MB/s, median ${(mb / cpu[cpu.length >> 1] * 1000).toFixed(0)} MB/s (all threads of the process, GC helpers included; less disturbed by other load)`);
