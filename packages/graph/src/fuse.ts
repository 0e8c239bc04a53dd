/**
 * Fusion of linear chains: a task whose only input is a task nobody else needs runs that task's
 * op itself, in one "fused" task (scan → filter → partial aggregate becomes one task per partition).
 * Saves scheduling and keeps intermediates from ever being stored.
 */
import type { FusedStep } from "./ops/fused.js";
import { dependentCounts, postOrder } from "./topo.js";
import type { Task, TaskGraph } from "./task.js";

/** The ops a task runs, with their params (one step unless fused). */
export const stepsOf = (t: Task): readonly FusedStep[] =>
  t.op === "fused" ? (t.params as { steps: readonly FusedStep[] }).steps : [{ op: t.op, params: t.params }];

export function fuse(graph: TaskGraph): TaskGraph {
  const dependents = dependentCounts(graph.tasks);
  const outputs = new Set(graph.outputs);
  const tasks = new Map(graph.tasks);
  for (const key of postOrder(graph)) {
    const t = tasks.get(key)!;
    if (t.deps.length !== 1) continue;
    const d = tasks.get(t.deps[0]);
    if (!d || dependents.get(d.key) !== 1 || outputs.has(d.key)) continue;
    tasks.set(key, { key, op: "fused", params: { steps: [...stepsOf(d), ...stepsOf(t)] }, deps: d.deps });
    tasks.delete(d.key);
  }
  return { tasks, outputs: graph.outputs, external: graph.external };
}

/** The ops a (possibly fused) task runs, in order. */
export const opsOf = (t: Task): string[] => stepsOf(t).map((s) => s.op);
