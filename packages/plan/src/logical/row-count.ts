/**
 * The number of rows a plan gives when it is known without running it: from sources that know
 * their rows (in-memory data, Parquet footers) through nodes that keep every row. `df.length()`
 * answers from this when it can, reading no data.
 *
 * @example
 * ```ts
 * knownRowCount(scanOfParquet); // 10_000_000 (from the footers)
 * knownRowCount(filterNode(scanOfParquet, p)); // null: only running the filter tells
 * ```
 */
import { assertNever, type DType } from "@dusk/core";
import type { Schema } from "../schema.js";
import type { LogicalNode } from "./node.js";
import { sourceRows, type Source } from "./sources.js";

export function knownRowCount(n: LogicalNode): number | null {
  switch (n.kind) {
    case "scan": return n.predicate === null ? sourceRows(n.source) : null;
    case "project": case "assign": case "window": return knownRowCount(n.input);
    case "merge-asof": return knownRowCount(n.left); // every left row once
    case "limit": { const r = knownRowCount(n.input); return r === null ? null : Math.min(r, n.n); }
    case "sort": case "repartition": return knownRowCount(n.input);
    case "set-index": return n.keep === null ? knownRowCount(n.input) : null;
    case "top-n": {
      // per group: how many groups there are is known only by running it (unless there are no rows)
      const r = knownRowCount(n.input);
      if (r === null) return null;
      if (n.group === null) return Math.min(r, n.n);
      return r === 0 || n.n === 0 ? 0 : null;
    }
    case "drop-duplicates": { const r = knownRowCount(n.input); return r === 0 ? 0 : null; }
    case "concat": {
      let total = 0;
      for (const x of n.inputs) { const r = knownRowCount(x); if (r === null) return null; total += r; }
      return total;
    }
    case "filter": case "aggregate": case "merge": return null;
    default: return assertNever(n);
  }
}

/**
 * An upper bound of the rows a plan gives, when one is known without running it: the known count,
 * or through row-dropping nodes (filter, limit, aggregate, drop-duplicates) the input's bound.
 * Planning decisions that need "is this side small?" (broadcast joins) use it, so it never
 * underestimates. Null when nothing bounds it (CSV without row counts, merges).
 *
 * @example
 * ```ts
 * estimateRows(filterNode(scanOfParquet, p)); // 10_000_000: at most the file's rows
 * ```
 */
export function estimateRows(n: LogicalNode): number | null {
  const known = knownRowCount(n);
  if (known !== null) return known;
  switch (n.kind) {
    case "scan": return sourceRows(n.source);
    case "project": case "assign": case "filter": case "sort": case "repartition": case "drop-duplicates": case "set-index": case "window":
      return estimateRows(n.input);
    case "limit": { const r = estimateRows(n.input); return r === null ? n.n : Math.min(r, n.n); }
    case "top-n": { const r = estimateRows(n.input); return n.group === null ? (r === null ? n.n : Math.min(r, n.n)) : r; }
    case "aggregate": return n.keys.length === 0 ? 1 : estimateRows(n.input);
    case "concat": {
      let total = 0;
      for (const x of n.inputs) { const r = estimateRows(x); if (r === null) return null; total += r; }
      return total;
    }
    case "merge": return null;
    case "merge-asof": return estimateRows(n.left);
    default: return assertNever(n);
  }
}

/** Bytes one value of a dtype takes in memory (strings: a guess of 24 including the offset). */
export function dtypeWidth(t: DType): number {
  switch (t.kind) {
    case "bool": case "int8": case "uint8": return 1;
    case "int16": case "uint16": return 2;
    case "int32": case "uint32": case "float32": case "date32": return 4;
    case "int64": case "uint64": case "float64": case "timestamp": return 8;
    case "utf8": return 24;
    default: return assertNever(t);
  }
}

/** Bytes of one row of a schema (see {@link dtypeWidth}). */
export const rowWidth = (schema: Schema): number => schema.fields.reduce((a, f) => a + dtypeWidth(f.dtype), 0);

/**
 * An upper bound of a plan's size in memory: {@link estimateRows} × {@link rowWidth}; null when
 * the rows are not bounded.
 *
 * @example
 * ```ts
 * estimateBytes(dimensionTable); // 1_000 rows × (4 + 24) bytes = 28_000
 * ```
 */
export function estimateBytes(n: LogicalNode): number | null {
  const r = estimateRows(n);
  return r === null ? null : r * rowWidth(n.schema);
}

/**
 * What the plan cannot see in a source (its payloads are opaque here): an estimate of the distinct
 * combinations of some of its columns, given by the package that knows the payloads (sampled from
 * in-memory data, bounded by Parquet statistics), or null when it cannot tell.
 */
export type DistinctEstimator = (source: Source, columns: readonly string[]) => number | null;

/**
 * An estimate of the groups `keys` make in a plan's output: the source's distinct estimate for the
 * key columns, followed up through nodes that pass the keys' values on unchanged (renames included),
 * capped by {@link estimateRows}. Null when a key is computed or a node in between hides it.
 *
 * @example
 * ```ts
 * estimateGroups(scanOfMemory, ["id1", "id2"], sampleDistinct); // ≈ 9_800
 * ```
 */
export function estimateGroups(n: LogicalNode, keys: readonly string[], distinct: DistinctEstimator): number | null {
  const est = groupsThrough(n, keys, distinct);
  if (est === null) return null;
  const r = estimateRows(n);
  return r === null ? est : Math.min(est, r);
}

function groupsThrough(n: LogicalNode, keys: readonly string[], distinct: DistinctEstimator): number | null {
  switch (n.kind) {
    case "scan": return keys.every((k) => n.columns.includes(k)) ? distinct(n.source, keys) : null;
    case "project": {
      const mapped: string[] = [];
      for (const k of keys) {
        const ne = n.exprs.find((e) => e.name === k);
        if (!ne || ne.expr.kind !== "col") return null;
        mapped.push(ne.expr.name);
      }
      return estimateGroups(n.input, mapped, distinct);
    }
    case "assign":
      return keys.some((k) => n.exprs.some((e) => e.name === k)) ? null : estimateGroups(n.input, keys, distinct);
    case "window":
      return keys.some((k) => n.calls.some((c) => c.name === k)) ? null : estimateGroups(n.input, keys, distinct);
    case "filter": case "sort": case "repartition": case "limit": case "set-index": case "drop-duplicates": case "top-n":
      return estimateGroups(n.input, keys, distinct);
    case "aggregate": return keys.every((k) => n.keys.includes(k)) ? estimateGroups(n.input, keys, distinct) : null;
    case "concat": {
      let total = 0;
      for (const x of n.inputs) { const g = estimateGroups(x, keys, distinct); if (g === null) return null; total += g; }
      return total;
    }
    case "merge": return null;
    case "merge-asof": {
      // left columns pass through; the right ones are looked up
      const mapped: string[] = [];
      for (const k of keys) {
        const c = n.columns.find((x) => x.name === k);
        if (c === undefined || c.from !== "left") return null;
        mapped.push(c.column);
      }
      return estimateGroups(n.left, mapped, distinct);
    }
    default: return assertNever(n);
  }
}

/**
 * Planner thresholds that hold for the whole process (set through the dataframe package's
 * `config.set({ broadcastThreshold })`): a merge side whose {@link estimateBytes} is below
 * `broadcastBytes` is broadcast (see `mergeStrategy`).
 */
export interface PlannerSettings { readonly broadcastBytes: number }

let planner: PlannerSettings = Object.freeze({ broadcastBytes: 64e6 });

/** The current planner thresholds. @example `plannerSettings().broadcastBytes // 64e6` */
export const plannerSettings = (): PlannerSettings => planner;

/** Changes planner thresholds. @example `setPlannerSettings({ broadcastBytes: 0 }) // never broadcast by size` */
export function setPlannerSettings(patch: Partial<PlannerSettings>): void {
  planner = Object.freeze({ ...planner, ...patch });
}
