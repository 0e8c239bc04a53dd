/**
 * Sorting one partition (`sort`), and the last step of a distributed sort (`sort-gather`): output
 * partition j takes range j of every range split, in input partition order, and sorts it. The
 * kernel's sort is stable, so rows with equal keys keep their order across the whole frame.
 */
import type { DType } from "@dusk/core";
import { concatBatches, sortIndices, takeBatch, type Batch } from "@dusk/kernels";
import type { NaPosition } from "@dusk/plan";
import { columnOf } from "../eval/evaluate.js";

export interface SortParams {
  readonly by: readonly string[];
  readonly ascending: readonly boolean[];
  readonly naPosition: NaPosition;
}

/** `b` ordered by the sort keys (stable). */
export function sortBatch(p: SortParams, b: Batch): Batch {
  if (b.length < 2) return b;
  const order = sortIndices(p.by.map((k) => columnOf(b, k)), { ascending: p.ascending, nullsLast: p.naPosition === "last" });
  return takeBatch(b, order);
}

export function sort(p: SortParams, [input]: readonly unknown[]): Batch {
  return sortBatch(p, input as Batch);
}

export interface SortGatherParams extends SortParams {
  readonly part: number;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

export function sortGather(p: SortGatherParams, splits: readonly unknown[]): Batch {
  const pieces = (splits as readonly Batch[][]).map((s) => s[p.part]);
  return sortBatch(p, concatBatches(pieces, p.names, p.dtypes));
}
