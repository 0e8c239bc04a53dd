/**
 * Physical plan text: the task graph as layers (tasks of one name), outputs first, inputs indented.
 *
 * @example
 * ```
 * aggregate-final: 1 task
 *   aggregate-combine: 2 tasks
 *     aggregate-partial (scan-memory → filter → aggregate-partial): 16 tasks
 * ```
 */
import { opsOf } from "./fuse.js";
import type { TaskGraph } from "./task.js";

const layerOf = (key: string): string => key.slice(0, key.lastIndexOf(":"));
const shortName = (layer: string): string => layer.replace(/-[0-9a-f]{16}$/, "");

export function explainGraph(graph: TaskGraph): string {
  const layers = new Map<string, { count: number; ops: string[]; deps: Set<string> }>();
  for (const t of graph.tasks.values()) {
    const name = layerOf(t.key);
    let l = layers.get(name);
    if (!l) { l = { count: 0, ops: opsOf(t), deps: new Set() }; layers.set(name, l); }
    l.count++;
    for (const d of t.deps) l.deps.add(layerOf(d));
  }
  const lines: string[] = [`${graph.tasks.size} task${graph.tasks.size === 1 ? "" : "s"}`];
  const shown = new Set<string>();
  const visit = (name: string, depth: number): void => {
    const l = layers.get(name);
    if (!l) return;
    const ops = l.ops.length > 1 ? ` (${l.ops.join(" → ")})` : "";
    const again = shown.has(name) ? " (shown above)" : "";
    lines.push(`${"  ".repeat(depth)}${shortName(name)}${ops}: ${l.count} task${l.count === 1 ? "" : "s"}${again}`);
    if (again) return;
    shown.add(name);
    for (const d of l.deps) visit(d, depth + 1);
  };
  for (const o of new Set(graph.outputs.map(layerOf))) {
    if (layers.has(o)) visit(o, 1);
    else lines.push(`  ${shortName(o)}: ${graph.outputs.filter((k) => layerOf(k) === o).length} partitions held by workers`);
  }
  return lines.join("\n");
}
