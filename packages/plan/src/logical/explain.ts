/**
 * Plan text: one line per node, inputs indented below.
 *
 * @example
 * ```
 * Aggregate keys=[id1] aggs=[v1 := sum(v1)]
 *   Filter v1 > 2
 *     Scan memory[8 partitions, 1000 rows] columns=[id1, v1]
 * ```
 */
import { assertNever } from "@dusk/core";
import { explainExpr, explainNamed } from "../expr/explain.js";
import { renderName } from "../expr/format.js";
import { children } from "./children.js";
import type { LogicalNode } from "./node.js";
import { describeSource } from "./sources.js";

const list = (xs: readonly string[]): string => `[${xs.join(", ")}]`;

/** The one-line description of a node. */
export function explainNode(n: LogicalNode): string {
  switch (n.kind) {
    case "scan": {
      const all = n.columns.length === n.source.schema.length && n.columns.every((c, i) => c === n.source.schema.fields[i].name);
      const cols = all ? "" : ` columns=${list(n.columns.map(renderName))}`;
      return `Scan ${describeSource(n.source)}${cols}${n.predicate ? ` filter=${explainExpr(n.predicate)}` : ""}`;
    }
    case "project": return `Project ${list(n.exprs.map(explainNamed))}`;
    case "assign": return `Assign ${list(n.exprs.map(explainNamed))}`;
    case "filter": return `Filter ${explainExpr(n.predicate)}`;
    case "aggregate": {
      const opts = [
        !n.options.dropna ? "dropna=false" : "", !n.options.sort ? "sort=false" : "",
        (n.options.splitOut ?? 1) > 1 ? `splitOut=${n.options.splitOut}` : "",
      ].filter(Boolean).join(" ");
      return `Aggregate keys=${list(n.keys.map(renderName))} aggs=${list(n.aggs.map(explainNamed))}${opts ? ` ${opts}` : ""}`;
    }
    case "limit": return `Limit ${n.n}`;
    case "merge": {
      const on = n.leftOn.map((l, i) => (l === n.rightOn[i] ? renderName(l) : `${renderName(l)} = ${renderName(n.rightOn[i])}`));
      return `Merge how=${n.how} on=${list(on)}`;
    }
    case "sort": return `Sort by=${sortKeys(n.by, n.ascending)}${n.naPosition === "first" ? " nulls=first" : ""}`;
    case "top-n": {
      const g = n.group;
      const per = g === null ? "" : ` per=${list(g.keys.map(renderName))}${g.dropna ? "" : " dropna=false"}${g.splitOut > 1 ? ` splitOut=${g.splitOut}` : ""}`;
      return `TopN ${n.n} by=${sortKeys(n.by, n.ascending)}${per}`;
    }
    case "drop-duplicates":
      return `DropDuplicates subset=${list(n.subset.map(renderName))} keep=${n.keep}${n.splitOut > 1 ? ` splitOut=${n.splitOut}` : ""}`;
    case "concat": return `Concat ${n.inputs.length} frame${n.inputs.length === 1 ? "" : "s"}`;
    case "repartition": return `Repartition npartitions=${n.npartitions}`;
    default: return assertNever(n);
  }
}

/** `[a, b desc]`: sort keys, descending ones marked. */
const sortKeys = (by: readonly string[], ascending: readonly boolean[]): string =>
  list(by.map((b, i) => (ascending[i] ? renderName(b) : `${renderName(b)} desc`)));

/** The whole plan as indented text. */
export function explainPlan(root: LogicalNode): string {
  const lines: string[] = [];
  const visit = (n: LogicalNode, depth: number): void => {
    lines.push(`${"  ".repeat(depth)}${explainNode(n)}`);
    for (const c of children(n)) visit(c, depth + 1);
  };
  visit(root, 0);
  return lines.join("\n");
}
