/**
 * Memory-friendly ordering: priorities from a depth-first walk of the outputs, so that a reduction
 * finishes (its inputs consumed and freed) before the next branch starts — in a tree reduction
 * over N partitions, at most about fan-in partial results are alive at once, not N.
 */
import { postOrder } from "./topo.js";
import type { Task, TaskGraph } from "./task.js";

export function order(graph: TaskGraph): TaskGraph {
  const tasks = new Map<string, Task>();
  postOrder(graph).forEach((k, i) => tasks.set(k, { ...graph.tasks.get(k)!, priority: i }));
  return { tasks, outputs: graph.outputs, external: graph.external };
}
