/** The first n rows of a partition, and the first n rows over partitions in order. */
import { concatBatches, sliceBatch, type Batch } from "@dusk/kernels";
import type { DType } from "@dusk/core";

export interface LimitParams { readonly n: number }
export interface ConcatLimitParams { readonly n: number; readonly names: readonly string[]; readonly dtypes: readonly DType[] }

export function limit(p: LimitParams, [input]: readonly unknown[]): Batch {
  return sliceBatch(input as Batch, 0, p.n);
}

export function concatLimit(p: ConcatLimitParams, inputs: readonly unknown[]): Batch {
  const parts: Batch[] = [];
  let rows = 0;
  for (const b of inputs as Batch[]) {
    if (rows >= p.n) break;
    const take = sliceBatch(b, 0, p.n - rows);
    parts.push(take);
    rows += take.length;
  }
  return concatBatches(parts, p.names, p.dtypes);
}
