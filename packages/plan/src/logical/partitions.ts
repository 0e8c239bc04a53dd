import { assertNever } from "@dusk/core";
import type { LogicalNode, MergeNode } from "./node.js";
import { estimateBytes, plannerSettings } from "./row-count.js";
import { sourcePartitions } from "./sources.js";

/** How many partitions a node's output has. */
export function partitionCount(n: LogicalNode): number {
  switch (n.kind) {
    case "scan": return sourcePartitions(n.source);
    case "project": case "assign": case "filter": case "sort": case "window": return partitionCount(n.input);
    case "top-n": return n.group === null ? 1 : n.group.splitOut;
    case "drop-duplicates": return n.splitOut;
    case "concat": return n.inputs.reduce((a, x) => a + partitionCount(x), 0);
    case "repartition": return n.npartitions;
    case "set-index": return n.keep === null ? partitionCount(n.input) : n.keep.length;
    case "aggregate": return n.options.splitOut ?? 1;
    case "limit": return 1;
    // broadcast keeps the big side's partitions; a shuffle makes as many as the larger side has
    case "merge": return mergePartitions(n);
    // every left partition meets the whole right side where it sits
    case "merge-asof": return partitionCount(n.left);
    default: return assertNever(n);
  }
}

/**
 * How a merge is run, decided from partition facts and size estimates (lowering follows this):
 * broadcast the right side to every left partition when the join keeps no unmatched right rows
 * (inner, left, semi, anti) and the right side is one partition, or small: its estimated bytes
 * ({@link estimateBytes}) below `plannerSettings().broadcastBytes` (then it is first concatenated
 * into one partition); broadcast the left side likewise for a right join; an outer join, or two
 * big sides, shuffle both sides by key into as many partitions as the larger side has.
 */
export function mergeStrategy(n: MergeNode): "broadcast-right" | "broadcast-left" | "shuffle" {
  return mergeDecision(n).strategy;
}

/** The merge strategy with the reason for it, as explain shows it. */
export interface MergeDecision {
  readonly strategy: "broadcast-right" | "broadcast-left" | "shuffle";
  /** "one-partition": the broadcast side has one partition; "size": its estimate is below the threshold. */
  readonly why: "one-partition" | "size" | "outer" | "large";
  /** The broadcast side's (or, for a shuffle, the smaller side's) estimated bytes, when known. */
  readonly bytes: number | null;
}

export function mergeDecision(n: MergeNode): MergeDecision {
  const l = partitionCount(n.left), r = partitionCount(n.right);
  const limit = plannerSettings().broadcastBytes;
  if (n.how === "outer") return { strategy: "shuffle", why: "outer", bytes: null };
  if (n.how === "right") {
    if (l === 1) return { strategy: "broadcast-left", why: "one-partition", bytes: estimateBytes(n.left) };
    const b = estimateBytes(n.left);
    return b !== null && b < limit ? { strategy: "broadcast-left", why: "size", bytes: b } : { strategy: "shuffle", why: "large", bytes: b };
  }
  if (r === 1) return { strategy: "broadcast-right", why: "one-partition", bytes: estimateBytes(n.right) };
  const b = estimateBytes(n.right);
  return b !== null && b < limit ? { strategy: "broadcast-right", why: "size", bytes: b } : { strategy: "shuffle", why: "large", bytes: b };
}

function mergePartitions(n: MergeNode): number {
  switch (mergeStrategy(n)) {
    case "broadcast-right": return partitionCount(n.left);
    case "broadcast-left": return partitionCount(n.right);
    case "shuffle": return Math.max(partitionCount(n.left), partitionCount(n.right));
  }
}
