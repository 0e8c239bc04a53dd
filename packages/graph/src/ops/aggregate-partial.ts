/**
 * First stage of an aggregation, on one partition: group rows by key and compute each primitive's
 * partial states. Output: one row per group, the keys then the state columns.
 *
 * When the keys of a large partition are (nearly) all distinct — a sample of its rows says so —
 * grouping would hash every row only to find one group per row: the partition's rows are then
 * taken as groups of one each (its rows with a null key dropped, with dropna), which gives valid
 * partial states without hashing; the final stage merges equal keys across partitions as always.
 * This is adaptive pre-aggregation, as DuckDB and Polars do for high-cardinality keys.
 */
import { groupIds, take, type Batch, type Column, type Grouping } from "@dusk/kernels";
import { columnOf, evaluateColumn } from "../eval/evaluate.js";
import { decomposable, nullKeyRows, stateName, type AggregateSpec } from "./aggregate-spec.js";

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
  const distinct = keyCols.length > 0 && nearlyDistinct(keyCols, pre.length);
  const grouping = distinct ? rowGroups(keyCols, pre.length, spec.dropna) : groupIds(keyCols, { dropna: spec.dropna, length: pre.length });
  const names: string[] = [...spec.keys];
  // groups of one row each, none dropped: the keys are the rows' keys as they are
  const whole = distinct && grouping.ngroups === pre.length;
  const columns: Column[] = keyCols.map((c) => (whole ? c : take(c, grouping.firstRow)));
  for (const prim of spec.primitives) {
    const col = (name: string | null): Column | null => (name === null ? null : columnOf(pre, name));
    const states = decomposable(prim).partial(col(prim.input), grouping, prim.where, col(prim.other));
    states.forEach((s, j) => { names.push(stateName(prim, j)); columns.push(s); });
  }
  return { names, columns, length: grouping.ngroups };
}

/** Partitions of fewer rows are always grouped by hashing (the sample would cost more than it saves). */
export const DISTINCT_CHECK_ROWS = 1 << 17;
/** Rows sampled to tell whether a partition's keys are nearly all distinct: at least this many, and 1/64 of the rows. */
const DISTINCT_SAMPLE = 1 << 14;
/** The sample is runs of this many consecutive rows, evenly spaced (adjacent repeats show up too). */
const DISTINCT_RUN = 256;
/**
 * Least share of distinct keys in the sample. High on purpose: when every key appears twice in a
 * partition, about 1/128 of the sample (sampling 1/64) meets its twin, and grouping then still
 * halves what is shuffled; only keys that are as good as unique skip the grouping.
 */
const DISTINCT_SHARE = 0.998;

/** Whether the key columns of `n` rows look (nearly) all distinct, from a sample of runs of rows. */
export function nearlyDistinct(keys: readonly Column[], n: number): boolean {
  if (n < DISTINCT_CHECK_ROWS) return false;
  // keys that cannot take that many values (dictionaries, bools) need no sample
  let bound = 1;
  for (const c of keys) bound *= c.layout === "dict" ? c.dictionary.length + 1 : c.layout === "bool" ? 3 : Infinity;
  if (bound < n * DISTINCT_SHARE) return false;
  const runs = Math.ceil(Math.max(DISTINCT_SAMPLE, n >> 6) / DISTINCT_RUN);
  const rows = new Int32Array(runs * DISTINCT_RUN);
  let m = 0;
  for (let r = 0; r < runs; r++) {
    const start = Math.floor((r * n) / runs);
    const end = Math.min(n, start + DISTINCT_RUN);
    for (let i = start; i < end; i++) rows[m++] = i;
  }
  const sample = keys.map((c) => take(c, rows.subarray(0, m)));
  return groupIds(sample, { dropna: false }).ngroups >= m * DISTINCT_SHARE;
}

/**
 * Every row its own group, in row order; with `dropna`, rows with a null key are in none. The
 * partial states of these groups are the rows' own values, as state columns.
 */
function rowGroups(keys: readonly Column[], n: number, dropna: boolean): Grouping {
  const ids = new Int32Array(n);
  const dead = dropna ? nullKeyRows(keys, n) : null;
  if (dead === null) {
    for (let i = 0; i < n; i++) ids[i] = i;
    return { ids, ngroups: n, firstRow: ids };
  }
  const firstRow = new Int32Array(n);
  let g = 0;
  for (let i = 0; i < n; i++) {
    if (dead[i] === 1) { ids[i] = -1; continue; }
    firstRow[g] = i;
    ids[i] = g++;
  }
  return { ids, ngroups: g, firstRow: firstRow.slice(0, g) };
}

/** The inputs of a whole-group aggregation from one partition, to be shuffled by key. */
export function aggregatePrepare(spec: AggregateSpec, [input]: readonly unknown[]): Batch {
  return aggregateInputs(spec, input as Batch);
}
