/**
 * Folds constant sub-expressions in every expression of a node (see expr/fold.ts), and removes
 * filters whose condition folds to `true`.
 *
 * Must not fire on anything whose value is uncertain at plan time (integer overflow, casts that may
 * fail): those are left for the kernels to compute or report.
 */
import { assertNever } from "@dusk/core";
import { foldExpr } from "../../expr/fold.js";
import type { NamedExpr } from "../../expr/typed.js";
import { aggregateNode, assignNode, filterNode, projectNode, scanNode, type LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

function foldAll(xs: readonly NamedExpr[]): readonly NamedExpr[] | undefined {
  let changed = false;
  const out = xs.map((ne) => {
    const e = foldExpr(ne.expr);
    if (e === ne.expr) return ne;
    changed = true;
    return { name: ne.name, expr: e };
  });
  return changed ? out : undefined;
}

export const constantFolding: Rule = {
  name: "constant-folding",
  order: "bottom-up",
  apply(n: LogicalNode) {
    switch (n.kind) {
      case "filter": {
        const p = foldExpr(n.predicate);
        if (p.kind === "lit" && p.value === true) return n.input;
        return p === n.predicate ? undefined : filterNode(n.input, p);
      }
      case "scan": {
        if (!n.predicate) return undefined;
        const p = foldExpr(n.predicate);
        if (p.kind === "lit" && p.value === true) return scanNode(n.source, n.columns, null);
        return p === n.predicate ? undefined : scanNode(n.source, n.columns, p);
      }
      case "project": { const e = foldAll(n.exprs); return e && projectNode(n.input, e); }
      case "assign": { const e = foldAll(n.exprs); return e && assignNode(n.input, e); }
      case "aggregate": { const e = foldAll(n.aggs); return e && aggregateNode(n.input, n.keys, e, n.options); }
      case "limit": case "merge": case "merge-asof": case "sort": case "top-n": case "concat": case "repartition": case "drop-duplicates": case "set-index": case "window": return undefined;
      default: return assertNever(n);
    }
  },
};
