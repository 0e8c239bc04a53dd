/**
 * Moving rows between partitions without reordering them (repartition): `concat` joins
 * neighbouring partitions into one; `split-rows` cuts a partition into k row ranges of near-equal
 * length (decided from its own length, known only when it runs); `split-part` takes one of them.
 */
import type { DType } from "@dusk/core";
import { concatBatches, sliceBatch, type Batch } from "@dusk/kernels";

export interface ConcatParams { readonly names: readonly string[]; readonly dtypes: readonly DType[] }

export function concat(p: ConcatParams, inputs: readonly unknown[]): Batch {
  return concatBatches(inputs as readonly Batch[], p.names, p.dtypes);
}

export interface SplitRowsParams { readonly parts: number }

export function splitRows(p: SplitRowsParams, [input]: readonly unknown[]): Batch[] {
  const b = input as Batch;
  return Array.from({ length: p.parts }, (_, r) =>
    sliceBatch(b, Math.floor((r * b.length) / p.parts), Math.floor(((r + 1) * b.length) / p.parts)));
}

export interface SplitPartParams { readonly part: number }

export function splitPart(p: SplitPartParams, [pieces]: readonly unknown[]): Batch {
  return (pieces as readonly Batch[])[p.part];
}
