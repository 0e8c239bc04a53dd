/** Reads an in-memory partition: rows where the pushed-down predicate holds, then the selected columns. */
import type { Batch } from "@dusk/kernels";
import { filterBatch } from "@dusk/kernels";
import type { TypedExpr } from "@dusk/plan";
import { columnOf, evaluatePredicate } from "../eval/evaluate.js";

export interface ScanMemoryParams {
  readonly payload: Batch;
  readonly columns: readonly string[];
  readonly predicate: TypedExpr | null;
}

export function scanMemory(p: ScanMemoryParams): Batch {
  const rows = p.predicate ? filterBatch(p.payload, evaluatePredicate(p.predicate, p.payload)) : p.payload;
  return { names: p.columns, columns: p.columns.map((c) => columnOf(rows, c)), length: rows.length };
}

export type ScanInputParams = Omit<ScanMemoryParams, "payload">;

/** The same selection over a partition another task computed (a persisted partition). */
export function scanInput(p: ScanInputParams, [input]: readonly unknown[]): Batch {
  return scanMemory({ ...p, payload: input as Batch });
}
