/** A lazy DataFrame over an Arrow table: its record batches as partitions, or re-split into `npartitions`. */
import { concatBatches, tableToBatches } from "@dusk/kernels";
import type { LogicalNode } from "@dusk/plan";
import type { Table } from "apache-arrow";
import { checkNpartitions, memoryScan, splitBatch } from "./partition.js";

export interface FromArrowOptions {
  /** Number of partitions; by default one per record batch. */
  readonly npartitions?: number;
}

export function fromArrowPlan(table: Table, options: FromArrowOptions = {}): LogicalNode {
  const { names, dtypes, batches } = tableToBatches(table);
  if (options.npartitions === undefined) return memoryScan(names, dtypes, batches);
  const n = checkNpartitions(options.npartitions, "fromArrow");
  return memoryScan(names, dtypes, splitBatch(concatBatches(batches, names, dtypes), n));
}
