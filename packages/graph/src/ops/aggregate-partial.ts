/**
 * First stage of an aggregation, on one partition: group rows by key and compute each primitive's
 * partial states. Output: one row per group, the keys then the state columns.
 */
import { groupIds, take, type Batch, type Column } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { decomposable, stateName, type AggregateSpec } from "./aggregate-spec.js";

/** The keys and every primitive's input, computed from a partition (the `inputs` of the spec). */
export function aggregateInputs(spec: AggregateSpec, batch: Batch): Batch {
  return {
    names: spec.inputs.map((ne) => ne.name),
    columns: spec.inputs.map((ne) => evaluateColumn(ne.expr, batch)),
    length: batch.length,
  };
}

export function aggregatePartial(spec: AggregateSpec, [input]: readonly unknown[]): Batch {
  const pre = aggregateInputs(spec, input as Batch);
  const keyCols = spec.keys.map((k) => columnOf(pre, k));
  const grouping = groupIds(keyCols, { dropna: spec.dropna, length: pre.length });
  const names: string[] = [...spec.keys];
  const columns: Column[] = keyCols.map((c) => take(c, grouping.firstRow));
  for (const prim of spec.primitives) {
    const col = (name: string | null): Column | null => (name === null ? null : columnOf(pre, name));
    const states = decomposable(prim).partial(col(prim.input), grouping, prim.where, col(prim.other));
    states.forEach((s, j) => { names.push(stateName(prim, j)); columns.push(s); });
  }
  return { names, columns, length: grouping.ngroups };
}

/** The inputs of a whole-group aggregation from one partition, to be shuffled by key. */
export function aggregatePrepare(spec: AggregateSpec, [input]: readonly unknown[]): Batch {
  return aggregateInputs(spec, input as Batch);
}
