/**
 * Splits a batch into `nparts` batches by a partition id per row (rows keep their order within
 * each part): the send side of a hash shuffle. The rows are gathered once, part after part, into
 * shared memory; the parts are ranges of that (other threads read them without a copy).
 *
 * @example
 * ```ts
 * const parts = splitBatch(batch, partitionIds([keyColumn], 4), 4); // 4 batches
 * ```
 */
import type { Batch } from "../column.js";
import { sliceBatch } from "../slice.js";
import { take } from "../take.js";

export function splitBatch(batch: Batch, ids: Int32Array, nparts: number): Batch[] {
  const counts = new Int32Array(nparts + 1);
  for (let i = 0; i < ids.length; i++) counts[ids[i] + 1]++;
  for (let p = 0; p < nparts; p++) counts[p + 1] += counts[p];
  const order = new Int32Array(ids.length);
  const next = counts.slice(0, nparts);
  for (let i = 0; i < ids.length; i++) order[next[ids[i]]++] = i;
  const all: Batch = { names: batch.names, columns: batch.columns.map((c) => take(c, order, true)), length: ids.length };
  const out: Batch[] = [];
  for (let p = 0; p < nparts; p++) out.push(sliceBatch(all, counts[p], counts[p + 1]));
  return out;
}
