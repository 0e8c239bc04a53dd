/**
 * Distinct-value estimates of source columns, for the planner's group estimates (automatic
 * splitOut): the plan package cannot see payloads, this package can.
 *
 * - In-memory data (`fromColumns`, `fromArrow`, `persist`ed frames excepted): a sample of up to
 *   16 384 rows spread evenly over the partitions is grouped by the key columns (the groupBy's own
 *   hash grouping); the distinct count of the sample is scaled to the whole frame with Chao's
 *   estimator (d + f1² / 2f2, f1 and f2 the keys seen once and twice), or taken as the row count when
 *   every sampled key is distinct. All rows are used when there are fewer.
 * - Parquet: footer statistics bound each integer, date or bool key to max − min + 1 values (dense
 *   ids are the common case, so the bound is the estimate); the product over the keys with such a
 *   bound, when at least one has one. Keys without statistics (strings) count as 1.
 * - CSV, JSON, persisted data: unknown (null): no automatic splitOut.
 *
 * @example
 * ```ts
 * estimateGroups(plan, ["id1", "id2"], sourceDistinct); // ≈ 10_000
 * ```
 */
import { concatBatches, groupIds, takeBatch, type Batch } from "@dusk/kernels";
import type { ParquetPiece } from "@dusk/io";
import type { Source } from "@dusk/plan";

const SAMPLE_ROWS = 16_384;

const cache = new WeakMap<Source, Map<string, number | null>>();

/** The estimated number of distinct combinations of `columns` in `source`, or null when unknown. */
export function sourceDistinct(source: Source, columns: readonly string[]): number | null {
  let bySource = cache.get(source);
  if (!bySource) { bySource = new Map(); cache.set(source, bySource); }
  const id = JSON.stringify(columns);
  if (bySource.has(id)) return bySource.get(id)!;
  const est = source.kind === "memory" ? memoryDistinct(source.partitions as readonly Batch[], source.rowCounts, columns)
    : source.kind === "files" && source.format === "parquet" ? parquetDistinct(source.partitions as readonly ParquetPiece[], columns)
    : null;
  bySource.set(id, est);
  return est;
}

function memoryDistinct(parts: readonly Batch[], rowCounts: readonly number[], columns: readonly string[]): number | null {
  const total = rowCounts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const dtypesOf = (b: Batch) => columns.map((c) => b.columns[b.names.indexOf(c)].dtype);
  const samples: Batch[] = [];
  for (const b of parts) {
    if (b.length === 0) continue;
    const sub: Batch = { names: columns, columns: columns.map((c) => b.columns[b.names.indexOf(c)]), length: b.length };
    const want = total <= SAMPLE_ROWS ? b.length : Math.max(1, Math.round((b.length * SAMPLE_ROWS) / total));
    if (want >= b.length) { samples.push(sub); continue; }
    const idx = new Int32Array(want);
    for (let i = 0; i < want; i++) idx[i] = Math.floor((i * b.length) / want);
    samples.push(takeBatch(sub, idx));
  }
  const sample = samples.length === 1 ? samples[0] : concatBatches(samples, columns, dtypesOf(samples[0]));
  const g = groupIds(sample.columns, { dropna: false });
  const d = g.ngroups, n = sample.length;
  if (n >= total) return d;
  const freq = new Int32Array(d);
  for (let i = 0; i < g.ids.length; i++) if (g.ids[i] >= 0) freq[g.ids[i]]++;
  let f1 = 0, f2 = 0;
  for (let j = 0; j < d; j++) { if (freq[j] === 1) f1++; else if (freq[j] === 2) f2++; }
  if (f1 === n) return total; // every sampled key distinct: as many groups as rows, as far as a sample can tell
  const est = f2 > 0 ? d + (f1 * f1) / (2 * f2) : d + (f1 * (f1 - 1)) / 2;
  return Math.min(total, Math.round(est));
}

function parquetDistinct(pieces: readonly ParquetPiece[], columns: readonly string[]): number | null {
  let product = 1, known = false;
  for (const c of columns) {
    let lo: number | bigint | null = null, hi: number | bigint | null = null, ok = pieces.length > 0, bool = false;
    for (const p of pieces) {
      for (const rg of p.stats) {
        const s = rg.columns[c];
        if (!s || s.min === null || s.max === null) { if (rg.numRows > 0 && !(s && s.nullCount === rg.numRows)) ok = false; continue; }
        if (typeof s.min === "boolean") { bool = true; continue; }
        if ((typeof s.min !== "number" && typeof s.min !== "bigint") || typeof s.max !== typeof s.min) { ok = false; continue; }
        if (typeof s.min === "number" && (!Number.isInteger(s.min) || !Number.isInteger(s.max as number))) { ok = false; continue; }
        lo = lo === null || s.min < lo ? s.min : lo;
        hi = hi === null || (s.max as number | bigint) > hi ? (s.max as number | bigint) : hi;
      }
    }
    if (!ok) continue;
    if (bool) { product *= 2; known = true; continue; }
    if (lo === null || hi === null) continue;
    product *= Number(hi) - Number(lo) + 1;
    known = true;
  }
  return known ? product : null;
}
