/**
 * A logical plan as a Graphviz DOT graph: one node per plan node, labelled with its `explain`
 * line, and an edge from each input to the node that reads it. Equal sub-plans (the same node key)
 * are drawn once.
 *
 * @example
 * ```ts
 * planToDot(df.filter(dd.col("v").gt(1)).plan)
 * // digraph "plan" { ... n0 [label="Filter v > 1"]; n1 [label="Scan memory[...]"]; n1 -> n0; }
 * ```
 */
import { children, explainNode, nodeKey, type LogicalNode } from "@dusk/plan";
import { dotHeader, dotString } from "./dot-text.js";

/** The DOT lines of `plan` (no header or closing brace), node ids prefixed with `prefix`. */
export function planDotBody(plan: LogicalNode, prefix = "n"): string[] {
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const edges: string[] = [];
  const visit = (n: LogicalNode): string => {
    const key = nodeKey(n);
    const known = ids.get(key);
    if (known) return known;
    const id = `${prefix}${ids.size}`;
    ids.set(key, id);
    nodes.push(`  ${id} [label=${dotString(explainNode(n))}];`);
    for (const c of children(n)) edges.push(`  ${visit(c)} -> ${id};`);
    return id;
  };
  visit(plan);
  return [...nodes, ...edges];
}

/** The whole DOT graph of `plan`. */
export function planToDot(plan: LogicalNode): string {
  return [...dotHeader("plan"), ...planDotBody(plan), "}"].join("\n");
}
