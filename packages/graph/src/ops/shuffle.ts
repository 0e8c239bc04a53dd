/**
 * A hash shuffle as tasks: each input partition is split by a hash of its key columns into
 * `nparts` pieces (`shuffle-split`); output partition j gathers piece j of every split
 * (`shuffle-gather`). Equal keys meet in one output partition. A split writes its rows once, piece
 * after piece, into shared memory and stays on the worker that made it; a gather reads the pieces
 * it needs from other workers' shared memory, copying nothing on the way.
 */
import type { DType } from "@dusk/core";
import { cast, concatBatches, partitionIds, splitBatch, type Batch } from "@dusk/kernels";
import { columnOf } from "../eval/evaluate.js";

export interface ShuffleSplitParams {
  readonly keys: readonly string[];
  /** The dtype each key is hashed in (both sides of a join hash alike). */
  readonly keyTypes: readonly DType[];
  readonly nparts: number;
}

export function shuffleSplit(p: ShuffleSplitParams, [input]: readonly unknown[]): Batch[] {
  const b = input as Batch;
  const keys = p.keys.map((k, i) => cast(columnOf(b, k), p.keyTypes[i], `shuffle key ${k}`));
  return splitBatch(b, partitionIds(keys, p.nparts), p.nparts);
}

export interface ShuffleGatherParams {
  readonly part: number;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

export function shuffleGather(p: ShuffleGatherParams, splits: readonly unknown[]): Batch {
  const pieces = (splits as readonly Batch[][]).map((s) => s[p.part]).filter((b) => b.length > 0);
  if (pieces.length === 1) return pieces[0];
  // in shared memory: what the next step passes on as it is (an aggregation's distinct groups, say)
  // then reaches other threads without a copy
  return concatBatches(pieces, p.names, p.dtypes, true);
}
