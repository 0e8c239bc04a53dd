// CSV write throughput on a db-benchmark-like groupby batch, one core, from the built dist:
// `npx tsc -b packages/io && node packages/io/bench/csv-write.mjs [rows]` (NA=0.05 for 5 % nulls
// in every column, RUNS=n for the runs per measure).
// Builds the batch in memory as the reader would give it (id1, id2 dictionary-encoded strings, id3
// plain strings, id4..id6, v1, v2 int64, v3 float64 with 6 decimals), times formatCsv and
// formatCsvChunks over it and reports MB/s of CSV text (by wall time, and by this process's CPU
// time, which is the figure to trust on a loaded machine); then reads the text back with
// CsvBlockParser and checks every value.
import { dtypes } from "@dusk/core";
import { CsvBlockParser, formatCsv, formatCsvChunks, inferCsvSchema } from "../dist/index.js";

const N = Number(process.argv[2] ?? 1e6);
const K = 100;
const RUNS = Number(process.env.RUNS ?? 7);
const NA = Number(process.env.NA ?? 0); // share of nulls per column

/** mulberry32: a small seeded PRNG, so every run formats the same batch. */
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

const enc = new TextEncoder();

function utf8Column(strings) {
  const parts = strings.map((s) => enc.encode(s));
  const offsets = new Int32Array(parts.length + 1);
  let total = 0;
  parts.forEach((p, i) => { total += p.length; offsets[i + 1] = total; });
  const data = new Uint8Array(total);
  parts.forEach((p, i) => data.set(p, offsets[i]));
  return { layout: "utf8", dtype: dtypes.utf8, length: parts.length, offsets, data, validity: null };
}

function generate(n) {
  const r = rng(1);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const nk = Math.max(1, Math.round(n / K));
  const ids = Array.from({ length: K }, (_, i) => `id${String(i + 1).padStart(3, "0")}`);
  const dictionary = utf8Column(ids);
  const codes = () => Int32Array.from({ length: n }, () => int(0, K - 1));
  const id3 = utf8Column(Array.from({ length: n }, () => `id${String(int(1, nk)).padStart(10, "0")}`));
  const ints = (lo, hi) => BigInt64Array.from({ length: n }, () => BigInt(int(lo, hi)));
  const v3 = Float64Array.from({ length: n }, () => Math.round(r() * 100e6) / 1e6);
  const validity = () => {
    if (NA === 0) return null;
    const v = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (r() >= NA) v[i >> 3] |= 1 << (i & 7);
    return v;
  };
  const prim = (dtype, values) => ({ layout: "primitive", dtype, length: n, values, validity: validity() });
  const dict = () => ({ layout: "dict", dtype: dtypes.utf8, length: n, codes: codes(), dictionary, validity: validity() });
  return {
    names: ["id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3"],
    length: n,
    columns: [
      dict(), dict(), { ...id3, validity: validity() },
      prim(dtypes.int64, ints(1, K)), prim(dtypes.int64, ints(1, K)), prim(dtypes.int64, ints(1, nk)),
      prim(dtypes.int64, ints(1, 5)), prim(dtypes.int64, ints(1, 15)), prim(dtypes.float64, v3),
    ],
  };
}

/**
 * Runs `f` RUNS times; reports the best and median wall time and the best CPU time (user + system
 * of this process: on a loaded machine wall time also counts the time other processes ran).
 */
function time(label, f) {
  const wall = [], cpu = [];
  let out;
  for (let run = 0; run < RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    out = f();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mb = out / 1e6;
  const rate = (ms) => `${(mb / ms * 1000).toFixed(0)} MB/s`;
  console.log(`${label}: wall best ${wall[0].toFixed(1)} ms = ${rate(wall[0])}, median ${wall[wall.length >> 1].toFixed(1)} ms = ${rate(wall[wall.length >> 1])}; ` +
    `cpu best ${cpu[0].toFixed(1)} ms = ${rate(cpu[0])} (${RUNS} runs)`);
}

const batch = generate(N);
let bytes = formatCsv(batch);
console.log(`${N} rows${NA ? `, ${NA * 100}% nulls` : ""} → ${(bytes.length / 1e6).toFixed(1)} MB of CSV`);
time("formatCsv", () => (bytes = formatCsv(batch)).length);
time("formatCsvChunks (8 MB chunks)", () => {
  let total = 0;
  for (const chunk of formatCsvChunks(batch, {}, { chunkBytes: 8 << 20 })) total += chunk.length;
  if (total !== bytes.length) throw new Error(`chunks gave ${total} bytes, formatCsv ${bytes.length}`);
  return total;
});

// read back and compare every value
const dtype = { id4: "int64", id5: "int64", id6: "int64", v1: "int64", v2: "int64", v3: "float64", id1: "utf8", id2: "utf8", id3: "utf8" };
const schema = inferCsvSchema(bytes.subarray(0, 1 << 20), { dtype }, "G1.csv");
const p = new CsvBlockParser(schema, { dtype }, { file: "G1.csv", firstLine: schema.headerLines + 1 });
p.push(bytes.subarray(schema.dataStart));
const back = p.finish();
if (back.length !== N) throw new Error(`read back ${back.length} rows, expected ${N}`);
const dec = new TextDecoder();
const str = (c, i) => {
  if (c.validity && !((c.validity[i >> 3] >> (i & 7)) & 1)) return null;
  const d = c.layout === "dict" ? c.dictionary : c;
  const k = c.layout === "dict" ? c.codes[i] : i;
  return dec.decode(d.data.subarray(d.offsets[k], d.offsets[k + 1]));
};
const val = (c, i) => (c.validity && !((c.validity[i >> 3] >> (i & 7)) & 1) ? null : c.values[i]);
for (let k = 0; k < 9; k++) {
  const a = batch.columns[k], b = back.columns[k];
  for (let i = 0; i < N; i++) {
    const x = a.dtype.kind === "utf8" ? str(a, i) : val(a, i);
    const y = b.dtype.kind === "utf8" ? str(b, i) : val(b, i);
    if (!Object.is(x, y)) throw new Error(`${batch.names[k]} row ${i}: wrote ${x}, read back ${y}`);
  }
}
console.log("read back: every value equal");
