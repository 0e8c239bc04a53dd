/**
 * First stage of an aggregation, on one partition: group rows by key and compute each primitive's
 * partial states. Output: one row per group, the keys then the state columns.
 */
import { aggKernels, groupIds, take, type Batch, type Column } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { stateName, type AggregateSpec } from "./aggregate-spec.js";

export function aggregatePartial(spec: AggregateSpec, [input]: readonly unknown[]): Batch {
  const batch = input as Batch;
  const pre: Batch = {
    names: spec.inputs.map((ne) => ne.name),
    columns: spec.inputs.map((ne) => evaluateColumn(ne.expr, batch)),
    length: batch.length,
  };
  const keyCols = spec.keys.map((k) => columnOf(pre, k));
  const grouping = groupIds(keyCols, { dropna: spec.dropna, length: pre.length });
  const names: string[] = [...spec.keys];
  const columns: Column[] = keyCols.map((c) => take(c, grouping.firstRow));
  for (const prim of spec.primitives) {
    const states = aggKernels[prim.fn].partial(prim.input === null ? null : columnOf(pre, prim.input), grouping, prim.where);
    states.forEach((s, j) => { names.push(stateName(prim, j)); columns.push(s); });
  }
  return { names, columns, length: grouping.ngroups };
}
