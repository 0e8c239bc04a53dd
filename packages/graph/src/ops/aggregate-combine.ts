/**
 * Middle stage of an aggregation: merge partial results (several partitions' groups) into one
 * partial result with one row per group.
 */
import { concatBatches, groupIds, take, type Batch, type Column, type Grouping } from "@dusk/kernels";
import type { DType } from "@dusk/core";
import { columnOf } from "../eval/evaluate.js";
import { decomposable, stateName, type AggregateSpec } from "./aggregate-spec.js";

/** Names and dtypes of a partial result's columns. */
export function partialLayout(spec: AggregateSpec): { names: string[]; dtypes: DType[] } {
  const names: string[] = [...spec.keys];
  const dtypes: DType[] = [...spec.keyTypes];
  for (const prim of spec.primitives) {
    decomposable(prim).stateTypes(prim.inputType, prim.where).forEach((t, j) => { names.push(stateName(prim, j)); dtypes.push(t); });
  }
  return { names, dtypes };
}

export function combinePartials(spec: AggregateSpec, partials: readonly Batch[]): Batch {
  const { names, dtypes } = partialLayout(spec);
  return combineBatch(spec, concatBatches(partials, names, dtypes));
}

/** One row per group of `all` (partial results concatenated), grouped by `grouping` when given. */
export function combineBatch(spec: AggregateSpec, all: Batch, given?: Grouping): Batch {
  const { names } = partialLayout(spec);
  const keyCols = spec.keys.map((k) => columnOf(all, k));
  const grouping = given ?? groupIds(keyCols, { dropna: spec.dropna, length: all.length });
  // every row its own group (ids dense in first-seen order, none dropped: group i is row i): merging
  // one row's states gives those states, so the rows are the result as they are, copying nothing
  if (given === undefined && grouping.ngroups === all.length) return { names, columns: all.columns, length: all.length };
  const columns: Column[] = keyCols.map((c) => take(c, grouping.firstRow));
  for (const prim of spec.primitives) {
    const k = decomposable(prim);
    const states = k.stateTypes(prim.inputType, prim.where).map((_, j) => columnOf(all, stateName(prim, j)));
    columns.push(...k.combine(states, grouping, prim.where));
  }
  return { names, columns, length: grouping.ngroups };
}

export function aggregateCombine(spec: AggregateSpec, inputs: readonly unknown[]): Batch {
  return combinePartials(spec, inputs as Batch[]);
}
