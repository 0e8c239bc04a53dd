/**
 * A task graph as a Graphviz DOT graph. Large graphs are drawn by layer (the tasks of one name,
 * as `explain`'s physical plan counts them): `read-csv ×32` → `aggregate-partial ×32` →
 * `aggregate-final`, one node per layer and one edge per pair of layers, so 100,000 tasks still
 * make a small picture. Graphs under `maxTasks` tasks (default 200) are drawn task by task.
 * Partitions the graph reads but does not compute (persisted ones) show as dashed layers.
 *
 * @example
 * ```ts
 * taskGraphToDot(physicalGraph(df.plan))                    // layers or tasks, by size
 * taskGraphToDot(physicalGraph(df.plan), { maxTasks: 0 })   // always layers
 * ```
 */
import { opsOf, type Task, type TaskGraph } from "@dusk/graph";
import { dotHeader, dotString } from "./dot-text.js";

export interface TaskGraphDotOptions {
  /** Draw one node per task below this many tasks (default 200); layers otherwise. */
  readonly maxTasks?: number;
}

/** `aggregate-partial-3f9a2c1b80a1d2e4:3` → `aggregate-partial-3f9a2c1b80a1d2e4`. */
const layerOf = (key: string): string => { const i = key.lastIndexOf(":"); return i > 0 ? key.slice(0, i) : key; };
/** The layer's name without its hash: `aggregate-partial`. */
const shortName = (layer: string): string => layer.replace(/-[0-9a-f]{8,}$/, "");
const partOf = (key: string): string => { const i = key.lastIndexOf(":"); return i > 0 ? key.slice(i + 1) : ""; };

/** The label of a layer or task: its name, and the fused ops when more than one. */
function label(name: string, t: Task | undefined, count: string): string {
  const ops = t ? opsOf(t) : [];
  const fused = ops.length > 1 ? `\n(${ops.join(" → ")})` : "";
  return `${name}${count}${fused}`;
}

/** The DOT lines of `graph` (no header or closing brace), node ids prefixed with `prefix`. */
export function taskGraphDotBody(graph: TaskGraph, options: TaskGraphDotOptions = {}, prefix = "t"): string[] {
  const perTask = graph.tasks.size < (options.maxTasks ?? 200);
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const edges = new Set<string>();
  const outputs = new Set(graph.outputs.map(perTask ? (k: string) => k : layerOf));
  const idOf = (name: string, make: (id: string) => string): string => {
    let id = ids.get(name);
    if (!id) {
      id = `${prefix}${ids.size}`;
      ids.set(name, id);
      nodes.push(make(id));
    }
    return id;
  };
  const counts = new Map<string, number>();
  if (!perTask) for (const t of graph.tasks.values()) counts.set(layerOf(t.key), (counts.get(layerOf(t.key)) ?? 0) + 1);
  const style = (name: string): string => (outputs.has(name) ? `, penwidth=2` : "");
  const nodeFor = (key: string): string => {
    const t = graph.tasks.get(key);
    const name = perTask ? key : layerOf(key);
    return idOf(name, (id) => {
      if (!t) {
        const held = perTask ? `${shortName(layerOf(key))}:${partOf(key)}` : `${shortName(name)}`;
        return `  ${id} [label=${dotString(`${held}\n(held by workers)`)}, style="rounded,dashed"];`;
      }
      const n = counts.get(name) ?? 1;
      const text = perTask ? label(`${shortName(layerOf(key))}:${partOf(key)}`, t, "") : label(shortName(name), t, n > 1 ? ` ×${n.toLocaleString("en-US")}` : "");
      return `  ${id} [label=${dotString(text)}${style(name)}];`;
    });
  };
  for (const t of graph.tasks.values()) {
    const to = nodeFor(t.key);
    for (const d of t.deps) edges.add(`  ${nodeFor(d)} -> ${to};`);
  }
  return [...nodes, ...edges];
}

/** The whole DOT graph of `graph`. */
export function taskGraphToDot(graph: TaskGraph, options: TaskGraphDotOptions = {}): string {
  return [...dotHeader("tasks"), ...taskGraphDotBody(graph, options), "}"].join("\n");
}
