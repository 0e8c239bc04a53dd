/** Culling: only the tasks needed for some outputs. */
import { postOrder } from "./topo.js";
import type { Task, TaskGraph } from "./task.js";

/** The sub-graph computing `outputs` (keys of `graph`), nothing else. */
export function cull(graph: TaskGraph, outputs: readonly string[] = graph.outputs): TaskGraph {
  const needed = postOrder({ tasks: graph.tasks, outputs, external: graph.external });
  const tasks = new Map<string, Task>();
  for (const k of needed) tasks.set(k, graph.tasks.get(k)!);
  return { tasks, outputs, external: graph.external };
}
