import { assertNever } from "@dusk/core";
import type { LogicalNode, MergeNode } from "./node.js";
import { sourcePartitions } from "./sources.js";

/** How many partitions a node's output has. */
export function partitionCount(n: LogicalNode): number {
  switch (n.kind) {
    case "scan": return sourcePartitions(n.source);
    case "project": case "assign": case "filter": case "sort": return partitionCount(n.input);
    case "top-n": return n.group === null ? 1 : n.group.splitOut;
    case "drop-duplicates": return n.splitOut;
    case "concat": return n.inputs.reduce((a, x) => a + partitionCount(x), 0);
    case "repartition": return n.npartitions;
    case "aggregate": return n.options.splitOut ?? 1;
    case "limit": return 1;
    // broadcast keeps the big side's partitions; a shuffle makes as many as the larger side has
    case "merge": return mergePartitions(n);
    default: return assertNever(n);
  }
}

/**
 * How a merge is run, decided from partition facts (lowering follows this): broadcast the right
 * side to every left partition when it is one partition and the join keeps no unmatched right rows
 * (inner, left, semi, anti); broadcast the left side likewise for a right join; otherwise shuffle
 * both sides by key into as many partitions as the larger side has.
 */
export function mergeStrategy(n: MergeNode): "broadcast-right" | "broadcast-left" | "shuffle" {
  const l = partitionCount(n.left), r = partitionCount(n.right);
  if (r === 1 && n.how !== "right" && n.how !== "outer") return "broadcast-right";
  if (l === 1 && n.how === "right") return "broadcast-left";
  return "shuffle";
}

function mergePartitions(n: MergeNode): number {
  switch (mergeStrategy(n)) {
    case "broadcast-right": return partitionCount(n.left);
    case "broadcast-left": return partitionCount(n.right);
    case "shuffle": return Math.max(partitionCount(n.left), partitionCount(n.right));
  }
}
