/** Keeps the rows of a partition where the predicate is true. */
import { filterBatch, type Batch } from "@dusk/kernels";
import type { TypedExpr } from "@dusk/plan";
import { evaluatePredicate } from "../eval/evaluate.js";

export interface FilterParams { readonly predicate: TypedExpr }

export function filter(p: FilterParams, [input]: readonly unknown[]): Batch {
  const batch = input as Batch;
  return filterBatch(batch, evaluatePredicate(p.predicate, batch));
}
