/** Splitting one batch into row ranges and wrapping in-memory partitions as a scan. */
import { DuskError, type DType } from "@dusk/core";
import { sliceBatch, type Batch } from "@dusk/kernels";
import { memorySource, scanNode, Schema, type LogicalNode } from "@dusk/plan";
import { dataToken } from "./token.js";
import { shareBatch } from "@dusk/graph";

/** Checks a partition count. */
export function checkNpartitions(n: unknown, where: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: npartitions must be a whole number ≥ 1, got ${String(n)}`);
  }
  return n;
}

/** `npartitions` contiguous row ranges of nearly equal size (some empty when there are fewer rows than partitions). */
export function splitBatch(batch: Batch, npartitions: number): Batch[] {
  const n = batch.length;
  return Array.from({ length: npartitions }, (_, i) =>
    sliceBatch(batch, Math.floor((i * n) / npartitions), Math.floor(((i + 1) * n) / npartitions)));
}

/** A scan over in-memory partitions. */
export function memoryScan(names: readonly string[], dtypes: readonly DType[], partitions: readonly Batch[]): LogicalNode {
  const schema = new Schema(names.map((name, i) => ({ name, dtype: dtypes[i] })));
  const given = partitions.length === 0 ? [{ names, columns: [], length: 0 } as Batch] : partitions;
  // in shared memory: sending a partition to a worker thread then copies nothing
  const parts = given.map(shareBatch);
  return scanNode(memorySource(dataToken(names, dtypes, parts), schema, parts, parts.map((p) => p.length)));
}
