/**
 * Filtering: a predicate yields a selection (indices of the rows to keep); copying happens once, in take.
 */
import type { Batch, BoolColumn } from "./column.js";
import { take } from "./take.js";

/** Indices of rows where the mask is valid and true (SQL/pandas semantics: null keeps nothing). */
export function maskToIndices(mask: BoolColumn): Int32Array {
  const v = mask.values;
  const validity = mask.validity;
  const n = mask.length;
  let count = 0;
  if (validity === null) {
    for (let i = 0; i < n; i++) count += v[i];
  } else {
    for (let i = 0; i < n; i++) count += v[i] & (validity[i >> 3] >> (i & 7));
  }
  const out = new Int32Array(count);
  let k = 0;
  if (validity === null) {
    for (let i = 0; i < n; i++) if (v[i] !== 0) out[k++] = i;
  } else {
    for (let i = 0; i < n; i++) if ((v[i] & (validity[i >> 3] >> (i & 7))) !== 0) out[k++] = i;
  }
  return out;
}

/** The rows of `batch` at `indices`. */
export function takeBatch(batch: Batch, indices: Int32Array): Batch {
  return { names: batch.names, columns: batch.columns.map((c) => take(c, indices)), length: indices.length };
}

/** The rows of `batch` where `mask` is true; the batch itself when every row passes. */
export function filterBatch(batch: Batch, mask: BoolColumn): Batch {
  const idx = maskToIndices(mask);
  if (idx.length === batch.length) return batch;
  return takeBatch(batch, idx);
}
