// Relational operations on more data than the workers may hold: a groupBy with `groups` distinct
// keys over `rows` rows (default 1e7 groups over 5e7 rows, splitOut) and an inner merge of two
// frames of `mergeRows` rows each (default 1e7, one match per key), both read from Parquet and
// written back to Parquet, on 2 workers holding at most `memoryLimit` each (default 2 GB: 4 GB in
// all) before spilling. Reports time, the process's peak RSS (worker threads live in the process,
// so it counts them) and checks every answer: group count and sums, merged rows and sums.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as dd from "@dusk/dataframe";
import { peakRssSampler } from "./peak-rss.mjs";

const dataDir = fileURLToPath(new URL("./data/", import.meta.url));
const SLICE = 1_000_000;

/** groupBy data: k = a scrambled id in [0, groups), v = k mod 1000 (so each group's sum is known). */
async function groupData(rows, groups) {
  const dir = join(dataDir, `groupmem_${rows.toExponential().replace("+", "")}_${groups.toExponential().replace("+", "")}_parquet`);
  const expected = { rows, v: 0 };
  let x = 88172645463325252n;
  const seen = new Uint8Array(groups);
  let distinct = 0;
  const make = !existsSync(join(dir, "_SUCCESS"));
  for (let from = 0, f = 0; from < rows; from += SLICE, f++) {
    const n = Math.min(SLICE, rows - from);
    const k = new Int32Array(n), v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // xorshift64: deterministic, uniform enough for keys
      x ^= (x << 13n) & 0xffffffffffffffffn; x ^= x >> 7n; x ^= (x << 17n) & 0xffffffffffffffffn;
      const key = Number(x % BigInt(groups));
      k[i] = key; v[i] = key % 1000;
      expected.v += key % 1000;
      if (seen[key] === 0) { seen[key] = 1; distinct++; }
    }
    if (make) await dd.fromColumns({ k, v }).toParquet(join(dir, `part-${String(f).padStart(5, "0")}-*.parquet`));
  }
  if (make) writeFileSync(join(dir, "_SUCCESS"), "");
  return { dir, expected: { ...expected, groups: distinct } };
}

/** merge data: side s holds every key of [0, n) once, in a scrambled order (k = i·A mod n), and a value. */
async function mergeData(n) {
  const sides = [];
  for (const [side, a, col] of [["left", 3_000_017, "v1"], ["right", 7_000_003, "v2"]]) {
    const dir = join(dataDir, `mergemem_${n.toExponential().replace("+", "")}_${side}_parquet`);
    if (!existsSync(join(dir, "_SUCCESS"))) {
      for (let from = 0, f = 0; from < n; from += SLICE, f++) {
        const m = Math.min(SLICE, n - from);
        const k = new Int32Array(m), v = new Float64Array(m);
        for (let i = 0; i < m; i++) { k[i] = ((from + i) * a) % n; v[i] = side === "left" ? k[i] % 1000 : k[i] % 7; }
        await dd.fromColumns({ k, [col]: v }).toParquet(join(dir, `part-${String(f).padStart(5, "0")}-*.parquet`));
      }
      writeFileSync(join(dir, "_SUCCESS"), "");
    }
    sides.push(dir);
  }
  let v1 = 0, v2 = 0;
  for (let k = 0; k < n; k++) { v1 += k % 1000; v2 += k % 7; }
  return { left: sides[0], right: sides[1], expected: { rows: n, v1, v2 } };
}


function check(what, got, want) {
  for (const [k, w] of Object.entries(want)) {
    const g = got[k];
    if (Math.abs(Number(g) - w) > 1e-6 * Math.max(1, Math.abs(w))) throw new Error(`${what}: ${k} is ${g}, expected ${w}`);
  }
}

export async function relationalMemory({ rows = 5e7, groups = 1e7, mergeRows = 1e7, memoryLimit = "2GB", splitOut = 16 }) {
  mkdirSync(dataDir, { recursive: true });
  const g = await groupData(rows, groups);
  const m = await mergeData(mergeRows);
  const out = join(dataDir, "relmem_out");
  const client = await dd.Client.start({ workers: 2, memoryLimit });
  const results = [];
  let spilled = 0;
  const onProgress = (p) => { spilled = Math.max(spilled, p.spilledBytes); };
  try {
    {
      rmSync(out, { recursive: true, force: true });
      const peak = peakRssSampler();
      spilled = 0;
      const t0 = performance.now();
      await dd.readParquet(`${g.dir}/*.parquet`).groupBy("k", { splitOut }).agg({ v: "sum", n: dd.count() }).toParquet(`${out}/groups`, { onProgress });
      const seconds = (performance.now() - t0) / 1000;
      const peakRss = peak.stop();
      const t = await dd.readParquet(`${out}/groups`).agg({ groups: dd.count(), v: dd.col("v").sum(), rows: dd.col("n").sum() }).compute();
      const got = t.get(0).toJSON();
      check("groupBy", got, { groups: g.expected.groups, v: g.expected.v, rows });
      results.push({ operation: `groupBy k (${groups.toExponential()} keys) over ${rows.toExponential()} rows, splitOut ${splitOut}`, seconds, peakRssGB: peakRss / 2 ** 30, spilledGB: spilled / 2 ** 30, answerRows: Number(got.groups) });
    }
    {
      rmSync(out, { recursive: true, force: true });
      const peak = peakRssSampler();
      spilled = 0;
      const t0 = performance.now();
      await dd.readParquet(`${m.left}/*.parquet`).merge(dd.readParquet(`${m.right}/*.parquet`), { on: "k" }).toParquet(`${out}/merged`, { onProgress });
      const seconds = (performance.now() - t0) / 1000;
      const peakRss = peak.stop();
      const t = await dd.readParquet(`${out}/merged`).agg({ rows: dd.count(), v1: dd.col("v1").sum(), v2: dd.col("v2").sum() }).compute();
      const got = t.get(0).toJSON();
      check("merge", got, m.expected);
      results.push({ operation: `inner merge ${mergeRows.toExponential()} × ${mergeRows.toExponential()} rows on k`, seconds, peakRssGB: peakRss / 2 ** 30, spilledGB: spilled / 2 ** 30, answerRows: Number(got.rows) });
    }
  } finally {
    await client.close();
    rmSync(out, { recursive: true, force: true });
  }
  return { target: `complete on 2 workers holding ≤ ${memoryLimit} each before spilling; peak RSS (sampled every 20 ms) under 4 GB`, rows: results };
}
