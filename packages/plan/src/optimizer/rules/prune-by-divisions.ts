/**
 * Reads only the partitions of an indexed frame that a filter on the index can match. At a
 * SetIndex with known divisions, the conditions below it (filters, and a scan's predicate, looking
 * through Assigns and Projects that pass the index column on unchanged) are compared with each
 * partition's [min, max]; the partitions no row of which can match are dropped (`keep`), so their
 * reads and tasks never exist. Filters above the SetIndex get here through pushdown-predicate.
 *
 * Must not fire when the divisions are unknown (a sample sort decides them while running), when the
 * index was reset, or when no condition below tests the index column with a literal of its dtype.
 *
 * @example
 * ```
 * SetIndex ts sorted divisions=known                       SetIndex ts sorted divisions=known partitions 1 of 3 (divisions)
 *   Scan memory[3 partitions, 30 rows] filter=ts >= 25  →    Scan memory[3 partitions, 30 rows] filter=ts >= 25
 * ```
 */
import type { TypedExpr } from "../../expr/typed.js";
import { partitionsMatching } from "../../logical/divisions.js";
import { setIndexNode, type LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

/** Conditions applied to `n`'s rows, partition by partition, that read `column` as it is at `n`. */
function conditionsBelow(n: LogicalNode, column: string): TypedExpr[] {
  switch (n.kind) {
    case "filter": return [n.predicate, ...conditionsBelow(n.input, column)];
    case "scan": return n.predicate === null ? [] : [n.predicate];
    case "assign": return n.exprs.some((ne) => ne.name === column) ? [] : conditionsBelow(n.input, column);
    case "project":
      return n.exprs.some((ne) => ne.name === column && ne.expr.kind === "col" && ne.expr.name === column) ? conditionsBelow(n.input, column) : [];
    default: return [];
  }
}

export const pruneByDivisions: Rule = {
  name: "prune-by-divisions",
  order: "bottom-up",
  apply(n: LogicalNode) {
    if (n.kind !== "set-index" || n.reset || n.divisions === null) return undefined;
    const conds = conditionsBelow(n.input, n.column);
    if (conds.length === 0) return undefined;
    let keep = n.keep ?? n.divisions.map((_, i) => i);
    for (const c of conds) {
      const ok = new Set(partitionsMatching(n.divisions, c, n.column));
      keep = keep.filter((i) => ok.has(i));
    }
    if (keep.length === (n.keep ?? n.divisions).length) return undefined;
    return setIndexNode(n.input, n.column, n.mode, n.divisions, keep, n.reset);
  },
};
