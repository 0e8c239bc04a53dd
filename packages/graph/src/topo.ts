/** Graph walks shared by cull, fuse and order. */
import { DuskError } from "@dusk/core";
import type { Task, TaskGraph } from "./task.js";

/** How many tasks take each key as an input. */
export function dependentCounts(tasks: ReadonlyMap<string, Task>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tasks.values()) for (const d of t.deps) counts.set(d, (counts.get(d) ?? 0) + 1);
  return counts;
}

/**
 * Keys in dependency order (every task after its inputs), from a depth-first walk of the outputs
 * in order, each task's inputs in their listed order.
 */
export function postOrder(graph: TaskGraph): string[] {
  const out: string[] = [];
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const external = graph.external ?? new Set<string>();
  for (const root of graph.outputs) {
    if (state.has(root) || external.has(root)) continue;
    // iterative DFS: deep chains must not overflow the call stack
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const task = graph.tasks.get(top[0]);
      if (!task) throw new DuskError("GRAPH_INVALID", `task ${top[0]} is needed but not in the graph`);
      if (top[1] < task.deps.length) {
        const d = task.deps[top[1]++];
        if (external.has(d)) continue;
        const s = state.get(d);
        if (s === 1) throw new DuskError("GRAPH_INVALID", `the task graph has a cycle through ${d}`);
        if (s === undefined) { state.set(d, 1); stack.push([d, 0]); }
      } else {
        stack.pop();
        state.set(top[0], 2);
        out.push(top[0]);
      }
    }
  }
  return out;
}
