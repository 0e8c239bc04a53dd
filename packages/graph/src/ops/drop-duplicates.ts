/**
 * Distinct rows by a subset of columns (`dropDuplicates`), one op for every step: its inputs (one
 * partition, or several partial results in partition order) are concatenated and cut to the first
 * (or last) row of every distinct subset combination, in row order (`distinctRows`). Applied to
 * partial results taken in partition order, this keeps the frame's first (last) occurrence.
 */
import type { DType } from "@dusk/core";
import { concatBatches, distinctRows, takeBatch, type Batch, type DistinctKeep } from "@dusk/kernels";
import { columnOf } from "../eval/evaluate.js";

export interface DropDuplicatesParams {
  readonly subset: readonly string[];
  readonly keep: DistinctKeep;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

export function dropDuplicates(p: DropDuplicatesParams, inputs: readonly unknown[]): Batch {
  const b = inputs.length === 1 ? inputs[0] as Batch : concatBatches(inputs as readonly Batch[], p.names, p.dtypes);
  const rows = distinctRows(p.subset.map((k) => columnOf(b, k)), p.keep);
  return rows.length === b.length ? b : takeBatch(b, rows);
}
