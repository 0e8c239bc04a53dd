/**
 * A merge as tasks, by the strategy the plan's partition facts and size estimates pick
 * (`mergeDecision`):
 * - broadcast: the one-partition side is joined with every partition of the other side; a side
 *   broadcast because it is small (estimated bytes below the planner's broadcastThreshold) but has
 *   several partitions is first concatenated into one (`broadcast-concat`);
 * - shuffle: both sides are hash-partitioned by key into as many partitions as the larger side
 *   has (split per input partition, gather per output partition), then joined pairwise.
 */
import { hashString, mergeDecision, nodeKey, type LogicalNode, type MergeNode } from "@dusk/plan";
import type { MergeParams } from "../ops/merge.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** The partitions of `side` hash-partitioned by `keys` into `nparts`. */
function shuffle(side: LogicalNode, keys: readonly string[], node: MergeNode, nparts: number, ctx: LowerContext): string[] {
  const inputs = ctx.input(side);
  const id = hashString(`${nodeKey(node)}|${side === node.left ? "left" : "right"}`);
  const splitName = `shuffle-split-${id}`;
  const splits = inputs.map((dep, i) => {
    const key = taskKey(splitName, i);
    ctx.add({ key, op: "shuffle-split", params: { keys, keyTypes: node.keyTypes, nparts }, deps: [dep] });
    return key;
  });
  const gatherName = `shuffle-gather-${id}`;
  return Array.from({ length: nparts }, (_, j) => {
    const key = taskKey(gatherName, j);
    ctx.add({ key, op: "shuffle-gather", params: { part: j, names: side.schema.names, dtypes: side.schema.fields.map((f) => f.dtype) }, deps: splits });
    return key;
  });
}

/** The partitions of `side` as one partition: itself when it has one, else one concat task. */
function collect(side: LogicalNode, node: MergeNode, ctx: LowerContext): string {
  const inputs = ctx.input(side);
  if (inputs.length === 1) return inputs[0];
  const key = taskKey(`broadcast-concat-${hashString(`${nodeKey(node)}|${side === node.left ? "left" : "right"}`)}`, 0);
  ctx.add({ key, op: "concat", params: { names: side.schema.names, dtypes: side.schema.fields.map((f) => f.dtype) }, deps: inputs });
  return key;
}

export function lowerMerge(node: MergeNode, ctx: LowerContext): string[] {
  const decision = mergeDecision(node);
  // the strategy is not part of the node's identity (a setting chooses it): name the tasks by both,
  // so that equal keys always mean equal partitions
  const name = decision.why === "size" ? `merge-${hashString(`${nodeKey(node)}|${decision.strategy}`)}` : nodeKey(node);
  const params: MergeParams = { how: node.how, leftOn: node.leftOn, rightOn: node.rightOn, keyTypes: node.keyTypes, columns: node.columns };
  let pairs: [string, string][];
  switch (decision.strategy) {
    case "broadcast-right": {
      const right = collect(node.right, node, ctx);
      pairs = ctx.input(node.left).map((l) => [l, right]);
      break;
    }
    case "broadcast-left": {
      const left = collect(node.left, node, ctx);
      pairs = ctx.input(node.right).map((r) => [left, r]);
      break;
    }
    case "shuffle": {
      const nparts = Math.max(ctx.input(node.left).length, ctx.input(node.right).length);
      const l = shuffle(node.left, node.leftOn, node, nparts, ctx);
      const r = shuffle(node.right, node.rightOn, node, nparts, ctx);
      pairs = l.map((k, j) => [k, r[j]]);
      break;
    }
  }
  return pairs.map(([l, r], i) => {
    const key = taskKey(name, i);
    ctx.add({ key, op: "merge", params, deps: [l, r] });
    return key;
  });
}
