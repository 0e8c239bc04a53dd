/**
 * Last stage of an aggregation: merge the remaining partial results, finalize each primitive,
 * compute the output expressions, and sort by the keys when asked (pandas' default).
 */
import { aggKernels, sortIndices, takeBatch, type Batch, type Column } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { combinePartials } from "./aggregate-combine.js";
import { stateName, type AggregateSpec } from "./aggregate-spec.js";

export function aggregateFinal(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  const merged = combinePartials(spec, inputs as Batch[]);
  const names: string[] = [...spec.keys];
  const columns: Column[] = spec.keys.map((k) => columnOf(merged, k));
  for (const prim of spec.primitives) {
    const k = aggKernels[prim.fn];
    const states = k.stateTypes(prim.inputType, prim.where).map((_, j) => columnOf(merged, stateName(prim, j)));
    names.push(prim.name);
    columns.push(k.finalize(states, prim.where, prim.options));
  }
  const finals: Batch = { names, columns, length: merged.length };
  const out: Batch = {
    names: [...spec.keys, ...spec.outputs.map((ne) => ne.name)],
    columns: [...spec.keys.map((k) => columnOf(finals, k)), ...spec.outputs.map((ne) => evaluateColumn(ne.expr, finals))],
    length: finals.length,
  };
  if (!spec.sort || spec.keys.length === 0 || out.length < 2) return out;
  const order = sortIndices(spec.keys.map((k) => columnOf(out, k)), { ascending: true, nullsLast: true });
  return takeBatch(out, order);
}
