/**
 * Top n rows by sort keys: each partition keeps its own first n (`top-n`), then one task keeps the
 * first n of those, taken in partition order (`concat-top-n`). Both sorts are stable, so among
 * equal keys the earliest row wins, as pandas' `keep="first"`.
 */
import type { DType } from "@dusk/core";
import { concatBatches, sliceBatch, type Batch } from "@dusk/kernels";
import { sortBatch, type SortParams } from "./sort.js";

export interface TopNParams extends SortParams { readonly n: number }
export interface ConcatTopNParams extends TopNParams { readonly names: readonly string[]; readonly dtypes: readonly DType[] }

export function topN(p: TopNParams, [input]: readonly unknown[]): Batch {
  return sliceBatch(sortBatch(p, input as Batch), 0, p.n);
}

export function concatTopN(p: ConcatTopNParams, inputs: readonly unknown[]): Batch {
  return sliceBatch(sortBatch(p, concatBatches(inputs as readonly Batch[], p.names, p.dtypes)), 0, p.n);
}
