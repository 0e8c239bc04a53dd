/** Adds or replaces columns of a partition (replaced columns keep their place; new ones go last). */
import type { Batch, Column } from "@dusk/kernels";
import type { NamedExpr } from "@dusk/plan";
import { evaluateColumn } from "../eval/evaluate.js";

export interface AssignParams { readonly exprs: readonly NamedExpr[] }

export function assign(p: AssignParams, [input]: readonly unknown[]): Batch {
  const batch = input as Batch;
  const names = [...batch.names];
  const columns: Column[] = [...batch.columns];
  const computed = p.exprs.map((ne) => evaluateColumn(ne.expr, batch)); // every expression reads the input
  p.exprs.forEach((ne, k) => {
    const i = names.indexOf(ne.name);
    if (i >= 0) columns[i] = computed[k];
    else { names.push(ne.name); columns.push(computed[k]); }
  });
  return { names, columns, length: batch.length };
}
