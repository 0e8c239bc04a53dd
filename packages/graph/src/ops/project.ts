/** Computes a partition's output columns (select, rename, computed columns). */
import type { Batch } from "@dusk/kernels";
import type { NamedExpr } from "@dusk/plan";
import { evaluateColumn } from "../eval/evaluate.js";

export interface ProjectParams { readonly exprs: readonly NamedExpr[] }

export function project(p: ProjectParams, [input]: readonly unknown[]): Batch {
  const batch = input as Batch;
  return { names: p.exprs.map((ne) => ne.name), columns: p.exprs.map((ne) => evaluateColumn(ne.expr, batch)), length: batch.length };
}
