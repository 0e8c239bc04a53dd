/**
 * The sampling half of a distributed sort. Each sorted partition gives evenly spaced key rows
 * (`sort-sample`), each weighted by how many partition rows it stands for; one small task
 * (`sort-boundaries`) sorts all samples and picks the nparts − 1 weighted quantiles as boundaries;
 * every sorted partition is then cut into nparts key ranges by them (`sort-split`).
 */
import { dtypes as T, type DType } from "@dusk/core";
import { concatBatches, rangeIds, sortIndices, splitBatch, takeBatch, type Batch, type Column, type PrimitiveColumn } from "@dusk/kernels";
import { columnOf } from "../eval/evaluate.js";
import type { SortParams } from "./sort.js";

/** The sample's weight column (rows of the partition one sample row stands for). */
const WEIGHT = "__weight";

export interface SortSampleParams {
  readonly by: readonly string[];
  /** Sample rows per partition, at most. */
  readonly size: number;
}

/** Evenly spaced rows of a sorted partition: its keys, and a weight column. */
export function sortSample(p: SortSampleParams, [input]: readonly unknown[]): Batch {
  const b = input as Batch;
  const m = b.length;
  const k = Math.min(m, p.size);
  const idx = new Int32Array(k);
  for (let i = 0; i < k; i++) idx[i] = Math.floor(((i + 0.5) * m) / k);
  const keys = takeBatch({ names: p.by, columns: p.by.map((name) => columnOf(b, name)), length: m }, idx);
  const w = new Float64Array(k).fill(k === 0 ? 0 : m / k);
  const weight: Column = { layout: "primitive", dtype: T.float64, length: k, values: w, validity: null };
  return { names: [...p.by, WEIGHT], columns: [...keys.columns, weight], length: k };
}

export interface SortBoundariesParams extends SortParams {
  readonly nparts: number;
  /** The key dtypes (for when every sample is empty). */
  readonly keyTypes: readonly DType[];
}

/** Up to nparts − 1 boundary rows (key columns only), sorted: the weighted quantiles of the samples. */
export function sortBoundaries(p: SortBoundariesParams, samples: readonly unknown[]): Batch {
  const all = concatBatches(samples as readonly Batch[], [...p.by, WEIGHT], [...p.keyTypes, T.float64]);
  const keys = p.by.map((_, j) => all.columns[j]);
  const order = sortIndices(keys, { ascending: p.ascending, nullsLast: p.naPosition === "last" });
  const w = (all.columns[p.by.length] as PrimitiveColumn).values as Float64Array;
  let total = 0;
  for (let i = 0; i < all.length; i++) total += w[i];
  const picks: number[] = [];
  let acc = 0, next = 1;
  for (let r = 0; r < order.length && next < p.nparts; r++) {
    acc += w[order[r]];
    while (next < p.nparts && acc >= (total * next) / p.nparts) { picks.push(order[r]); next++; }
  }
  const bounds = takeBatch({ names: p.by, columns: keys, length: all.length }, Int32Array.from(picks));
  return bounds;
}

export interface SortSplitParams extends SortParams {
  readonly nparts: number;
}

/** A sorted partition cut into nparts key ranges by the boundaries (each piece stays sorted). */
export function sortSplit(p: SortSplitParams, [input, boundaries]: readonly unknown[]): Batch[] {
  const b = input as Batch, bounds = boundaries as Batch;
  const ids = rangeIds(p.by.map((k) => columnOf(b, k)), bounds.columns, { ascending: p.ascending, nullsLast: p.naPosition === "last" });
  return splitBatch(b, ids, p.nparts);
}
