/**
 * Lowering: an optimized logical plan → a task graph. One lowerer per logical kind; the table is
 * typed over every kind, so a new kind fails to compile until it can be lowered.
 */
import { DuskError } from "@dusk/core";
import type { LogicalKind, LogicalNode } from "@dusk/plan";
import { cull } from "../cull.js";
import type { Task, TaskGraph } from "../task.js";
import { lowerAggregate } from "./aggregate.js";
import { lowerAssign, lowerFilter, lowerProject } from "./blockwise.js";
import { lowerConcat } from "./concat.js";
import { lowerDropDuplicates } from "./drop-duplicates.js";
import type { LowerContext, Lowerer } from "./context.js";
import { lowerLimit } from "./limit.js";
import { lowerMerge } from "./merge.js";
import { lowerMergeAsof } from "./merge-asof.js";
import { lowerRepartition } from "./repartition.js";
import { lowerScan } from "./scan.js";
import { lowerSetIndex } from "./set-index.js";
import { lowerSort } from "./sort.js";
import { lowerTopN } from "./top-n.js";
import { lowerWindow } from "./window.js";

const lowerers: { readonly [K in LogicalKind]: Lowerer<Extract<LogicalNode, { kind: K }>> } = {
  scan: lowerScan,
  project: lowerProject,
  assign: lowerAssign,
  filter: lowerFilter,
  aggregate: lowerAggregate,
  limit: lowerLimit,
  merge: lowerMerge,
  "merge-asof": lowerMergeAsof,
  sort: lowerSort,
  "top-n": lowerTopN,
  concat: lowerConcat,
  repartition: lowerRepartition,
  "drop-duplicates": lowerDropDuplicates,
  "set-index": lowerSetIndex,
  window: lowerWindow,
};

/** The task graph computing `root`; its outputs are `root`'s partitions in order. */
export function lower(root: LogicalNode): TaskGraph {
  const tasks = new Map<string, Task>();
  const external = new Set<string>();
  const memo = new Map<LogicalNode, readonly string[]>();
  const ctx: LowerContext = {
    input(node) {
      let keys = memo.get(node);
      if (!keys) {
        keys = (lowerers[node.kind] as Lowerer<LogicalNode>)(node, ctx);
        memo.set(node, keys);
      }
      return keys;
    },
    add(task) {
      const existing = tasks.get(task.key);
      if (existing && existing.op !== task.op) {
        throw new DuskError("INTERNAL", `two different tasks share the key ${task.key} (${existing.op}, ${task.op})`);
      }
      tasks.set(task.key, task);
    },
    external(key) { external.add(key); },
  };
  const outputs = ctx.input(root);
  // a lowerer may leave tasks no output needs (partitions pruned by divisions): drop them
  return cull({ tasks, outputs, external });
}

export type { LowerContext, Lowerer } from "./context.js";
export { aggregateSpec, AGGREGATE_FAN_IN } from "./aggregate.js";
