/**
 * Reads and computes only the columns that are used. At a Project or an Aggregate, the columns it
 * reads are worked out and the plan below is narrowed to them, looking through filters and limits
 * (which pass columns through and add the ones their own conditions read):
 * - a Scan reads fewer columns;
 * - an Assign or Project drops outputs nobody reads (an Assign left with none disappears);
 * - an Aggregate drops aggregates nobody reads (its keys always stay);
 * - a Merge (and a MergeAsof) narrows both sides to the columns read above it, its keys, and names both sides have;
 * - a Sort and a TopN pass columns through and add their keys (and a per-group TopN its group
 *   keys); a DropDuplicates passes them through and adds its subset; a Repartition passes them through;
 *   a SetIndex passes them through and adds its index column;
 * - a Concat narrows every input, then selects the columns they all still have so their schemas
 *   stay equal.
 * No Project is inserted under a Filter: predicate pushdown would move the filter below it and
 * merge-projections would undo it, forever.
 */
import { exprColumns, namedExprColumns } from "../../expr/columns.js";
import { named, tCol, type NamedExpr } from "../../expr/typed.js";
import { assertNever } from "@dusk/core";
import {
  aggregateNode, assignNode, concatNode, dropDuplicatesNode, filterNode, limitNode, mergeAsofNode, mergeNode, projectNode, repartitionNode, scanNode, setIndexNode, sortNode, topNNode, windowNode,
  type ConcatNode, type LogicalNode,
} from "../../logical/node.js";
import type { Rule } from "../rule.js";

/** `n` narrowed so that its schema still holds every column in `needed` (and possibly fewer others). */
export function narrow(n: LogicalNode, needed: ReadonlySet<string>): LogicalNode {
  switch (n.kind) {
    case "scan": {
      const cols = n.columns.filter((c) => needed.has(c));
      return cols.length === n.columns.length ? n : scanNode(n.source, cols, n.predicate);
    }
    case "filter": {
      const inner = narrow(n.input, exprColumns(n.predicate, new Set(needed)));
      return inner === n.input ? n : filterNode(inner, n.predicate);
    }
    case "limit": {
      const inner = narrow(n.input, needed);
      return inner === n.input ? n : limitNode(inner, n.n);
    }
    case "project": {
      const kept = n.exprs.filter((ne) => needed.has(ne.name));
      return kept.length === n.exprs.length ? n : projectNode(n.input, kept);
    }
    case "assign": {
      const kept = n.exprs.filter((ne) => needed.has(ne.name));
      const assigned = new Set(kept.map((ne) => ne.name));
      const below = namedExprColumns(kept, new Set([...needed].filter((c) => !assigned.has(c))));
      const inner = narrow(n.input, below);
      if (kept.length === 0) return inner;
      return inner === n.input && kept.length === n.exprs.length ? n : assignNode(inner, kept);
    }
    case "aggregate": {
      const kept = n.aggs.filter((ne) => needed.has(ne.name));
      return kept.length === n.aggs.length ? n : aggregateNode(n.input, n.keys, kept, n.options);
    }
    case "merge": {
      // keys stay, and so do names present on both sides: dropping one would change the suffixes
      const leftKeep = new Set(n.leftOn), rightKeep = new Set(n.rightOn);
      for (const name of n.left.schema.names) if (n.right.schema.names.includes(name)) { leftKeep.add(name); rightKeep.add(name); }
      for (const c of n.columns) {
        if (!needed.has(c.name)) continue;
        if (c.from === "left") leftKeep.add(c.column);
        else if (c.from === "right") rightKeep.add(c.column);
      }
      const left = narrow(n.left, leftKeep), right = narrow(n.right, rightKeep);
      return left === n.left && right === n.right ? n : mergeNode(left, right, n.how, n.leftOn, n.rightOn, n.suffixes);
    }
    case "merge-asof": {
      // keys stay, and so do names present on both sides: dropping one would change the suffixes
      const leftKeep = new Set([n.leftOn, ...n.leftBy]), rightKeep = new Set([n.rightOn, ...n.rightBy]);
      for (const name of n.left.schema.names) if (n.right.schema.names.includes(name)) { leftKeep.add(name); rightKeep.add(name); }
      for (const c of n.columns) if (needed.has(c.name)) (c.from === "left" ? leftKeep : rightKeep).add(c.column);
      const left = narrow(n.left, leftKeep), right = narrow(n.right, rightKeep);
      return left === n.left && right === n.right ? n : mergeAsofNode(left, right, n);
    }
    case "sort": {
      const inner = narrow(n.input, new Set([...needed, ...n.by]));
      return inner === n.input ? n : sortNode(inner, n.by, n.ascending, n.naPosition);
    }
    case "top-n": {
      const inner = narrow(n.input, new Set([...needed, ...n.by, ...(n.group?.keys ?? [])]));
      return inner === n.input ? n : topNNode(inner, n.n, n.by, n.ascending, n.group);
    }
    case "drop-duplicates": {
      const inner = narrow(n.input, new Set([...needed, ...n.subset]));
      return inner === n.input ? n : dropDuplicatesNode(inner, n.subset, n.keep, n.splitOut);
    }
    case "repartition": {
      const inner = narrow(n.input, needed);
      return inner === n.input ? n : repartitionNode(inner, n.npartitions);
    }
    case "set-index": {
      const inner = narrow(n.input, new Set([...needed, n.column]));
      return inner === n.input ? n : setIndexNode(inner, n.column, n.mode, n.divisions, n.keep, n.reset);
    }
    case "window": {
      const kept = n.calls.filter((c) => needed.has(c.name));
      const made = new Set(kept.map((c) => c.name));
      const below = new Set([...needed].filter((c) => !made.has(c)));
      for (const c of kept) for (const e of c.on ? [c.input, c.on] : [c.input]) for (const col of exprColumns(e)) below.add(col);
      const inner = narrow(n.input, below);
      if (kept.length === 0) return inner;
      return inner === n.input && kept.length === n.calls.length ? n : windowNode(inner, kept);
    }
    case "concat": return narrowConcat(n, needed);
    default:
      return assertNever(n);
  }
}

/** Every input narrowed, then cut to the columns all of them still have (in order), so they stay alike. */
function narrowConcat(n: ConcatNode, needed: ReadonlySet<string>): LogicalNode {
  const inner = n.inputs.map((x) => narrow(x, needed));
  if (inner.every((x, i) => x === n.inputs[i])) return n;
  const fields = n.schema.fields.filter((f) => inner.every((x) => x.schema.has(f.name)));
  const aligned = inner.map((x) => (x.schema.length === fields.length
    ? x
    : projectNode(x, fields.map((f) => named(f.name, tCol(f.name, f.dtype))))));
  return concatNode(aligned);
}

const readsOf = (exprs: readonly NamedExpr[]): Set<string> => namedExprColumns(exprs);

export const pushdownProjection: Rule = {
  name: "pushdown-projection",
  order: "top-down",
  apply(n: LogicalNode) {
    if (n.kind === "project") {
      const inner = narrow(n.input, readsOf(n.exprs));
      return inner === n.input ? undefined : projectNode(inner, n.exprs);
    }
    if (n.kind === "aggregate") {
      const inner = narrow(n.input, new Set([...n.keys, ...readsOf(n.aggs)]));
      return inner === n.input ? undefined : aggregateNode(inner, n.keys, n.aggs, n.options);
    }
    return undefined;
  },
};
