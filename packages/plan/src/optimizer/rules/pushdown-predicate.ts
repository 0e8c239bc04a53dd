/**
 * Moves filters towards the scan, so fewer rows flow through the plan and sources can skip data:
 * - through Project and Assign, rewriting the condition in terms of their inputs
 *   (`Filter(Assign(x, v4 := v1 * v2), v4 > 3)` → `Assign(Filter(x, v1 * v2 > 3), v4 := v1 * v2)`);
 * - into a Scan, whose predicate it joins with `and`;
 * - below an Aggregate, for the conjuncts that read only group keys (the groups they keep are
 *   made of exactly the rows they keep).
 * - below a Merge, to the side whose columns a conjunct reads, where the join keeps that side's rows;
 * - below a MergeAsof, to the left side, for the conjuncts that read only left columns;
 * - below a Sort and a Repartition (they keep every row, and filtering keeps the order of the rest);
 * - into every input of a Concat (each input has the concat's columns and dtypes);
 * - below a SetIndex (a filter keeps each partition's rows in place and in order);
 * - below a per-group TopN, for the conjuncts that read only its group keys, and below a
 *   DropDuplicates, for the conjuncts that read only its subset: such a conjunct keeps or drops
 *   every row of a group (of a set of duplicates) together, so the rows kept of the rest are the same.
 * Does not move a filter below a Limit or a whole-frame TopN (that would change which rows are
 * first), nor conjuncts on other columns below a per-group TopN or a DropDuplicates (they would
 * change which row of a group ranks first, or which duplicate is kept).
 */
import { assertNever, dtypes } from "@dusk/core";
import { exprColumns } from "../../expr/columns.js";
import { conjuncts, substitute } from "../../expr/substitute.js";
import { tBinary, tCol, type NamedExpr, type TypedExpr } from "../../expr/typed.js";
import {
  aggregateNode, assignNode, concatNode, dropDuplicatesNode, filterNode, mergeAsofNode, mergeNode, projectNode, repartitionNode, scanNode, setIndexNode, sortNode, topNNode, type LogicalNode, type MergeNode,
} from "../../logical/node.js";
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
      case "aggregate":
        return pushOnKeys(p, input.keys, (below) => aggregateNode(filterNode(input.input, below), input.keys, input.aggs, input.options));
      case "top-n": {
        const g = input.group;
        if (g === null) return undefined;
        return pushOnKeys(p, g.keys, (below) => topNNode(filterNode(input.input, below), input.n, input.by, input.ascending, g));
      }
      case "drop-duplicates":
        return pushOnKeys(p, input.subset, (below) => dropDuplicatesNode(filterNode(input.input, below), input.subset, input.keep, input.splitOut));
      case "merge": return pushIntoMerge(input, conjuncts(p));
      // each left row's match does not depend on other left rows: conjuncts on left columns go to the left side
      case "merge-asof": {
        const toLeft = new Map<string, TypedExpr>();
        for (const c of input.columns) if (c.from === "left") toLeft.set(c.name, tCol(c.column, input.left.schema.require(c.column).dtype));
        return pushOnKeys(p, [...toLeft.keys()], (below) => mergeAsofNode(filterNode(input.left, substitute(below, toLeft)), input.right, input));
      }
      case "sort": return sortNode(filterNode(input.input, p), input.by, input.ascending, input.naPosition);
      case "repartition": return repartitionNode(filterNode(input.input, p), input.npartitions);
      case "concat": return concatNode(input.inputs.map((x) => filterNode(x, p)));
      // filtering keeps every partition in place and its rows in order; prune-by-divisions then reads the index conjuncts below
      case "set-index": return setIndexNode(filterNode(input.input, p), input.column, input.mode, input.divisions, input.keep, input.reset);
      // a filter below a window function would change which rows come before each row
      case "filter": case "limit": case "window":
        return undefined;
      default:
        return assertNever(input);
    }
  },
};

/**
 * The conjuncts of `p` that read only `keys` go below (rebuilt by `rebuild` over a filter on them);
 * the rest stay above. Undefined when none can move.
 */
function pushOnKeys(p: TypedExpr, keys: readonly string[], rebuild: (below: TypedExpr) => LogicalNode): LogicalNode | undefined {
  const set = new Set(keys);
  const parts = conjuncts(p);
  const down = parts.filter((c) => [...exprColumns(c)].every((name) => set.has(name)));
  if (down.length === 0) return undefined;
  const up = parts.filter((c) => !down.includes(c));
  const moved = rebuild(andAll(down));
  return up.length === 0 ? moved : filterNode(moved, andAll(up));
}

/**
 * Conjuncts reading only columns taken from one side move below the merge to that side, where the
 * join keeps that side's rows as they are: the left side for inner, left, semi and anti joins, the
 * right side for inner and right joins (elsewhere a filter on null-extended rows differs below).
 */
function pushIntoMerge(m: MergeNode, parts: readonly TypedExpr[]): LogicalNode | undefined {
  const leftOk = m.how === "inner" || m.how === "left" || m.how === "semi" || m.how === "anti";
  const rightOk = m.how === "inner" || m.how === "right";
  const toLeft = new Map<string, TypedExpr>(), toRight = new Map<string, TypedExpr>();
  for (const c of m.columns) {
    if (c.from === "left") toLeft.set(c.name, tCol(c.column, m.left.schema.require(c.column).dtype));
    if (c.from === "right") toRight.set(c.name, tCol(c.column, m.right.schema.require(c.column).dtype));
  }
  const reads = (e: TypedExpr, side: Map<string, TypedExpr>): boolean => [...exprColumns(e)].every((name) => side.has(name));
  const left: TypedExpr[] = [], right: TypedExpr[] = [], up: TypedExpr[] = [];
  for (const c of parts) {
    if (leftOk && reads(c, toLeft)) left.push(substitute(c, toLeft));
    else if (rightOk && reads(c, toRight)) right.push(substitute(c, toRight));
    else up.push(c);
  }
  if (left.length === 0 && right.length === 0) return undefined;
  const merged = mergeNode(
    left.length ? filterNode(m.left, andAll(left)) : m.left, right.length ? filterNode(m.right, andAll(right)) : m.right,
    m.how, m.leftOn, m.rightOn, m.suffixes,
  );
  return up.length === 0 ? merged : filterNode(merged, andAll(up));
}
