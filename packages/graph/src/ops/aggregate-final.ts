/**
 * Last stage of an aggregation: merge the remaining partial results, finalize each primitive,
 * compute the output expressions, and sort by the keys when asked (pandas' default).
 */
import { sortIndices, takeBatch, type Batch, type Column } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { combinePartials } from "./aggregate-combine.js";
import { decomposable, stateName, type AggregateSpec } from "./aggregate-spec.js";

export function aggregateFinal(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  const merged = combinePartials(spec, inputs as Batch[]);
  const values = spec.primitives.map((prim) => {
    const k = decomposable(prim);
    const states = k.stateTypes(prim.inputType, prim.where).map((_, j) => columnOf(merged, stateName(prim, j)));
    return k.finalize(states, prim.where, prim.options);
  });
  return aggregateOutputs(spec, spec.keys.map((k) => columnOf(merged, k)), values, merged.length);
}

/**
 * The result from one row per group: the key columns and each primitive's final value become the
 * output expressions, sorted by the keys when the spec asks.
 */
export function aggregateOutputs(spec: AggregateSpec, keys: readonly Column[], values: readonly Column[], length: number): Batch {
  const finals: Batch = {
    names: [...spec.keys, ...spec.primitives.map((p) => p.name)],
    columns: [...keys, ...values],
    length,
  };
  const out: Batch = {
    names: [...spec.keys, ...spec.outputs.map((ne) => ne.name)],
    columns: [...keys, ...spec.outputs.map((ne) => evaluateColumn(ne.expr, finals))],
    length,
  };
  return sortedByKeys(spec, out);
}

/** `out` sorted by the spec's keys when it asks for sorting (nulls last), else unchanged. */
export function sortedByKeys(spec: AggregateSpec, out: Batch): Batch {
  if (!spec.sort || spec.keys.length === 0 || out.length < 2) return out;
  const order = sortIndices(spec.keys.map((k) => columnOf(out, k)), { ascending: true, nullsLast: true });
  return takeBatch(out, order);
}
