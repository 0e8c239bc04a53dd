import { assertNever } from "@dusk/core";
import type { LogicalNode } from "./node.js";
import { sourcePartitions } from "./sources.js";

/** How many partitions a node's output has. */
export function partitionCount(n: LogicalNode): number {
  switch (n.kind) {
    case "scan": return sourcePartitions(n.source);
    case "project": case "assign": case "filter": return partitionCount(n.input);
    case "aggregate": case "limit": return 1;
    default: return assertNever(n);
  }
}
