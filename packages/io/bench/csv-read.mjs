// CSV read throughput on one core, from the file through readCsvBlock (reading included, as a
// worker does it, but without the engine): `npx tsc -b packages/io && node packages/io/bench/csv-read.mjs
// benchmarks/data/G1_1e7_1e2_0_0.csv [blocksize]`. Blocks are read one after another; RUNS passes
// (default 3), timed by wall clock and by this process's CPU time. PIECES="<bytes>,<bytes>" alternates piece sizes between passes (setCsvReadPieceSize),
// so that two settings are compared under the same machine load; RETAIN=0 drops each batch at once
// (by default a pass keeps its batches, as persist does).
import { statSync } from "node:fs";
import { planCsvRead, readCsvBlock } from "../dist/index.js";
import { setCsvReadPieceSize } from "../dist/csv/read-block.js";

const path = process.argv[2];
if (!path) { console.error("usage: csv-read.mjs <file.csv> [blocksize]"); process.exit(2); }
const blocksize = Number(process.argv[3] ?? 1 << 24);
const RUNS = Number(process.env.RUNS ?? 3);
const RETAIN = process.env.RETAIN !== "0";
const pieces = (process.env.PIECES ?? String(1 << 22)).split(",").map(Number);
const mb = statSync(path).size / 1e6;
const plan = planCsvRead(path, { blocksize });
console.log(`${path}: ${mb.toFixed(1)} MB, ${plan.blocks.length} blocks`);

const times = new Map(pieces.map((p) => [p, []]));
const cpu = new Map(pieces.map((p) => [p, []]));
for (let run = 0; run < RUNS; run++) {
  for (const piece of pieces) {
    setCsvReadPieceSize(piece);
    const t0 = performance.now(), c0 = process.cpuUsage();
    const kept = [];
    for (const b of plan.blocks) {
      const batch = await readCsvBlock(b, plan.read);
      if (RETAIN) kept.push(batch);
    }
    times.get(piece).push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.get(piece).push((c.user + c.system) / 1e3);
  }
}
for (const [piece, ts] of times) {
  ts.sort((a, b) => a - b);
  const cs = cpu.get(piece).sort((a, b) => a - b);
  console.log(`pieces of ${piece} bytes: best ${(mb / ts[0] * 1000).toFixed(0)} MB/s, median ${(mb / ts[ts.length >> 1] * 1000).toFixed(0)} MB/s (${ts.length} passes); ` +
    `per CPU second (all threads of the process): best ${(mb / cs[0] * 1000).toFixed(0)}, median ${(mb / cs[cs.length >> 1] * 1000).toFixed(0)} MB/s`);
}
