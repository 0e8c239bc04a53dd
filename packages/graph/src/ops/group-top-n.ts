/**
 * Top n rows per group (`groupBy(keys).nlargest(n, col)`), one op for every step: its inputs (one
 * partition, or several partial results in partition order) are concatenated and cut to the first
 * n rows of each group by rank (`groupTopN`). The kernel's sort is stable and partial results keep
 * tied rows in input order, so among equal values the earliest row of the frame wins, as pandas'
 * keep="first". The last step also orders the rows by key, then rank.
 */
import type { DType } from "@dusk/core";
import { concatBatches, groupTopN, takeBatch, type Batch } from "@dusk/kernels";
import { columnOf } from "../eval/evaluate.js";

export interface GroupTopNParams {
  readonly n: number;
  readonly keys: readonly string[];
  readonly by: readonly string[];
  readonly ascending: readonly boolean[];
  readonly dropna: boolean;
  /** The last step: rows ordered by key, then rank (otherwise rank order only). */
  readonly sortByKeys: boolean;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

export function groupTopNOp(p: GroupTopNParams, inputs: readonly unknown[]): Batch {
  const b = inputs.length === 1 ? inputs[0] as Batch : concatBatches(inputs as readonly Batch[], p.names, p.dtypes);
  const rows = groupTopN(p.keys.map((k) => columnOf(b, k)), p.by.map((k) => columnOf(b, k)), p.n,
    { ascending: p.ascending, dropna: p.dropna, sortByKeys: p.sortByKeys });
  return takeBatch(b, rows);
}
