import { assertNever } from "@dusk/core";
import type { LogicalNode } from "./node.js";

/** The inputs of a node. */
export function children(n: LogicalNode): LogicalNode[] {
  switch (n.kind) {
    case "scan": return [];
    case "project": case "assign": case "filter": case "aggregate": case "limit":
    case "sort": case "top-n": case "repartition": case "drop-duplicates": case "set-index": case "window":
      return [n.input];
    case "merge": case "merge-asof": return [n.left, n.right];
    case "concat": return [...n.inputs];
    default: return assertNever(n);
  }
}
