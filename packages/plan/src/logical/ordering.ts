/**
 * The index of a plan's output: which column it is sorted by (partition after partition, nulls
 * last) and, when known at plan time, its divisions — one [min, max] of non-null index values per
 * output partition. Derived per node kind from the `set-index` node below:
 * - kept by Filter (the bounds still bound what is left), by Assign unless it replaces the index
 *   column, by Project when it passes the column on (under its new name, if renamed);
 * - by Limit as one partition spanning the bounds of all;
 * - lost by everything that moves rows between partitions or reorders them: Sort (an ordinary
 *   `sortValues`), TopN, Aggregate, Merge, Concat, Repartition, DropDuplicates, and by a Scan.
 *
 * @example
 * ```ts
 * indexOf(filterNode(setIndexNode(scan, "ts", "sorted", [[1, 5], [6, 9]]), p));
 * // { column: "ts", divisions: [[1, 5], [6, 9]] }
 * ```
 */
import { assertNever } from "@dusk/core";
import { compareScalars } from "./divisions.js";
import type { LogicalNode, PartitionBounds } from "./node.js";
import { partitionCount } from "./partitions.js";

export interface IndexInfo {
  readonly column: string;
  /** One entry per output partition; null when the bounds are not known without running the plan. */
  readonly divisions: readonly PartitionBounds[] | null;
}

const cache = new WeakMap<LogicalNode, IndexInfo | null>();

/** The index of `n`'s output, or null when it has none. */
export function indexOf(n: LogicalNode): IndexInfo | null {
  if (cache.has(n)) return cache.get(n)!;
  const out = derive(n);
  cache.set(n, out);
  return out;
}

function derive(n: LogicalNode): IndexInfo | null {
  switch (n.kind) {
    case "set-index": {
      if (n.reset) return null;
      const ds = n.divisions;
      return { column: n.column, divisions: ds === null || n.keep === null ? ds : n.keep.map((i) => ds[i]) };
    }
    case "filter": return indexOf(n.input);
    case "window": {
      // window functions keep every partition and its rows in order
      const inner = indexOf(n.input);
      return inner !== null && n.calls.every((c) => c.name !== inner.column) ? inner : null;
    }
    case "assign": {
      const inner = indexOf(n.input);
      return inner !== null && n.exprs.every((ne) => ne.name !== inner.column) ? inner : null;
    }
    case "project": {
      const inner = indexOf(n.input);
      if (inner === null) return null;
      const passed = n.exprs.find((ne) => ne.expr.kind === "col" && ne.expr.name === inner.column);
      return passed === undefined ? null : { column: passed.name, divisions: inner.divisions };
    }
    case "limit": {
      const inner = indexOf(n.input);
      if (inner === null) return null;
      return { column: inner.column, divisions: inner.divisions === null ? null : [spanOf(inner.divisions)] };
    }
    case "merge-asof": {
      // the left partitions and their rows stay as they are
      const inner = indexOf(n.left);
      const c = inner === null ? undefined : n.columns.find((x) => x.from === "left" && x.column === inner.column);
      return inner === null || c === undefined ? null : { column: c.name, divisions: inner.divisions };
    }
    case "scan": case "sort": case "top-n": case "aggregate": case "merge": case "concat": case "repartition": case "drop-duplicates":
      return null;
    default: return assertNever(n);
  }
}

/** One bound holding every partition's bounds (null when none has a value). */
function spanOf(ds: readonly PartitionBounds[]): PartitionBounds {
  let lo: PartitionBounds = null, hi: PartitionBounds = null;
  for (const b of ds) {
    if (b === null) continue;
    if (lo === null || compareScalars(b[0], lo[0]) < 0) lo = b;
    if (hi === null || compareScalars(b[1], hi[1]) > 0) hi = b;
  }
  return lo === null || hi === null ? null : [lo[0], hi[1]];
}

/** Divisions of `n` when known, checked against its partition count (null otherwise). */
export function knownDivisions(n: LogicalNode): readonly PartitionBounds[] | null {
  const info = indexOf(n);
  if (info === null || info.divisions === null) return null;
  return info.divisions.length === partitionCount(n) ? info.divisions : null;
}
