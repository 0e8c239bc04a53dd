// CSV parse throughput on the db-benchmark groupby data (G1_<N>_1e2_0_0), one core, from the built
// dist: `npx tsc -b packages/io && node --expose-gc packages/io/bench/csv-parse.mjs [rows] [chunkBytes]`.
// Generates the CSV in memory (1e6 rows ≈ 51 MB), infers the schema from the first MiB, then times
// CsvBlockParser over the whole file (pushed whole, or in chunks of chunkBytes) and reports MB/s.
import { CsvBlockParser, inferCsvSchema } from "../dist/index.js";
import { formatDType } from "@dusk/core";

const N = Number(process.argv[2] ?? 1e6);
const CHUNK = Number(process.argv[3] ?? 0);
const K = 100;
const RUNS = Number(process.env.RUNS ?? 7);

/** mulberry32: a small seeded PRNG, so every run parses the same bytes. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n) {
  const r = rng(1);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const nk = Math.max(1, Math.round(n / K));
  const enc = new TextEncoder();
  const parts = [enc.encode("id1,id2,id3,id4,id5,id6,v1,v2,v3\n")];
  let lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      `id${String(int(1, K)).padStart(3, "0")},id${String(int(1, K)).padStart(3, "0")},id${String(int(1, nk)).padStart(10, "0")},` +
      `${int(1, K)},${int(1, K)},${int(1, nk)},${int(1, 5)},${int(1, 15)},${(Math.round(r() * 100e6) / 1e6).toFixed(6)}\n`);
    if (lines.length === 65536) { parts.push(enc.encode(lines.join(""))); lines = []; }
  }
  parts.push(enc.encode(lines.join("")));
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) { out.set(p, pos); pos += p.length; }
  return out;
}

const bytes = generate(N);
// the generator's strings are garbage now: collect them before timing (run with --expose-gc), or
// a major GC triggered during the parse marks them all
globalThis.gc?.();
if (process.env.DUMP) (await import("node:fs")).writeFileSync(process.env.DUMP, bytes);
const mb = bytes.length / 1e6;
const schema = inferCsvSchema(bytes.subarray(0, 1 << 20), {}, "G1.csv");
console.log(`${N} rows, ${mb.toFixed(1)} MB; schema: ${schema.columns.map((c) => `${c.name}:${formatDType(c.dtype)}`).join(" ")}`);

const times = [];
let batch;
for (let run = 0; run < RUNS; run++) {
  const t0 = process.hrtime.bigint();
  const data = bytes.subarray(schema.dataStart);
  // the bytes to come, as readCsv tells the parser (HINT=0: not told, columns grow chunk by chunk)
  const p = new CsvBlockParser(schema, {}, { file: "G1.csv", firstLine: schema.headerLines + 1 }, process.env.HINT === "0" ? 0 : data.length);
  if (CHUNK > 0) for (let i = 0; i < data.length; i += CHUNK) p.push(data.subarray(i, i + CHUNK));
  else p.push(data);
  batch = p.finish();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
if (batch.length !== N) throw new Error(`parsed ${batch.length} rows, expected ${N}`);
times.sort((a, b) => a - b);
const best = times[0], median = times[times.length >> 1];
console.log(`layouts: ${batch.columns.map((c) => c.layout).join(" ")}`);
console.log(`parse: best ${best.toFixed(1)} ms = ${(mb / best * 1000).toFixed(0)} MB/s; median ${median.toFixed(1)} ms = ${(mb / median * 1000).toFixed(0)} MB/s (${RUNS} runs${CHUNK ? `, ${CHUNK}-byte chunks` : ", one push"})`);
