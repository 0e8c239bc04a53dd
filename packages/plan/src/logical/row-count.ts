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
