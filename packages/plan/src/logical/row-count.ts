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
import { assertNever } from "@dusk/core";
import type { LogicalNode } from "./node.js";
import { sourceRows } from "./sources.js";

export function knownRowCount(n: LogicalNode): number | null {
  switch (n.kind) {
    case "scan": return n.predicate === null ? sourceRows(n.source) : null;
    case "project": case "assign": return knownRowCount(n.input);
    case "limit": { const r = knownRowCount(n.input); return r === null ? null : Math.min(r, n.n); }
    case "sort": case "repartition": return knownRowCount(n.input);
    case "top-n": { const r = knownRowCount(n.input); return r === null ? null : Math.min(r, n.n); }
    case "concat": {
      let total = 0;
      for (const x of n.inputs) { const r = knownRowCount(x); if (r === null) return null; total += r; }
      return total;
    }
    case "filter": case "aggregate": case "merge": return null;
    default: return assertNever(n);
  }
}
