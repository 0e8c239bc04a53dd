/**
 * Aggregation over whole groups, for specs with a holistic primitive (median, quantile, nunique):
 * the inputs hold every row of the groups they contain (one partition, or one output partition of
 * a shuffle by key), so each primitive runs once on all of a group's values: holistic kernels
 * directly, the others as partial then finalize.
 */
import type { DType } from "@dusk/core";
import { concatBatches, groupIds, holisticKernels, isHolistic, take, type Batch, type Column } from "@dusk/kernels";
import { columnOf } from "../eval/evaluate.js";
import { aggregateOutputs, sortedByKeys } from "./aggregate-final.js";
import { decomposable, type AggregateSpec } from "./aggregate-spec.js";

/** Names and dtypes of the prepared inputs (keys and aggregate inputs). */
export function inputLayout(spec: AggregateSpec): { names: string[]; dtypes: DType[] } {
  return { names: spec.inputs.map((ne) => ne.name), dtypes: spec.inputs.map((ne) => ne.expr.dtype) };
}

export function aggregateWhole(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  const batches = inputs as readonly Batch[];
  const { names, dtypes } = inputLayout(spec);
  const all = batches.length === 1 ? batches[0] : concatBatches(batches, names, dtypes);
  const keyCols = spec.keys.map((k) => columnOf(all, k));
  const grouping = groupIds(keyCols, { dropna: spec.dropna, length: all.length });
  const col = (name: string | null): Column | null => (name === null ? null : columnOf(all, name));
  const values = spec.primitives.map((prim) => {
    if (isHolistic(prim.fn)) return holisticKernels[prim.fn].whole(col(prim.input), grouping, prim.where, prim.options);
    const k = decomposable(prim);
    return k.finalize(k.partial(col(prim.input), grouping, prim.where, col(prim.other)), prim.where, prim.options);
  });
  return aggregateOutputs(spec, keyCols.map((c) => take(c, grouping.firstRow)), values, grouping.ngroups);
}

/** The results of several whole-group partitions as one, sorted by key when the spec asks. */
export function aggregateConcat(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  const names = [...spec.keys, ...spec.outputs.map((ne) => ne.name)];
  const dtypes = [...spec.keyTypes, ...spec.outputs.map((ne) => ne.expr.dtype)];
  return sortedByKeys(spec, concatBatches(inputs as readonly Batch[], names, dtypes));
}
