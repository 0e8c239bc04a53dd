/**
 * Moves filters towards the scan, so fewer rows flow through the plan and sources can skip data:
 * - through Project and Assign, rewriting the condition in terms of their inputs
 *   (`Filter(Assign(x, v4 := v1 * v2), v4 > 3)` → `Assign(Filter(x, v1 * v2 > 3), v4 := v1 * v2)`);
 * - into a Scan, whose predicate it joins with `and`;
 * - below an Aggregate, for the conjuncts that read only group keys (the groups they keep are
 *   made of exactly the rows they keep).
 * Does not move a filter below a Limit (that would change which rows are first).
 */
import { dtypes } from "@dusk/core";
import { exprColumns } from "../../expr/columns.js";
import { conjuncts, substitute } from "../../expr/substitute.js";
import { tBinary, type NamedExpr, type TypedExpr } from "../../expr/typed.js";
import { aggregateNode, assignNode, filterNode, projectNode, scanNode, type LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

const defsOf = (exprs: readonly NamedExpr[]): Map<string, TypedExpr> => new Map(exprs.map((ne) => [ne.name, ne.expr]));
const andAll = (xs: readonly TypedExpr[]): TypedExpr => xs.reduce((a, b) => tBinary("and", a, b, dtypes.bool));

export const pushdownPredicate: Rule = {
  name: "pushdown-predicate",
  order: "top-down",
  apply(n: LogicalNode) {
    if (n.kind !== "filter") return undefined;
    const input = n.input;
    const p = n.predicate;
    switch (input.kind) {
      case "project":
        return projectNode(filterNode(input.input, substitute(p, defsOf(input.exprs))), input.exprs);
      case "assign":
        return assignNode(filterNode(input.input, substitute(p, defsOf(input.exprs))), input.exprs);
      case "scan":
        return scanNode(input.source, input.columns, input.predicate ? andAll([input.predicate, p]) : p);
      case "aggregate": {
        const keys = new Set(input.keys);
        const parts = conjuncts(p);
        const down = parts.filter((c) => [...exprColumns(c)].every((name) => keys.has(name)));
        if (down.length === 0) return undefined;
        const up = parts.filter((c) => !down.includes(c));
        const agg = aggregateNode(filterNode(input.input, andAll(down)), input.keys, input.aggs, input.options);
        return up.length === 0 ? agg : filterNode(agg, andAll(up));
      }
      case "filter": case "limit":
        return undefined;
    }
  },
};
