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
import { opsOf, stepsOf } from "./fuse.js";
import type { Task, TaskGraph } from "./task.js";

const layerOf = (key: string): string => key.slice(0, key.lastIndexOf(":"));
const shortName = (layer: string): string => layer.replace(/-[0-9a-f]{16}$/, "");

export function explainGraph(graph: TaskGraph): string {
  const layers = new Map<string, { count: number; ops: string[]; deps: Set<string>; read: number; pieces: number }>();
  for (const t of graph.tasks.values()) {
    const name = layerOf(t.key);
    let l = layers.get(name);
    if (!l) { l = { count: 0, ops: opsOf(t), deps: new Set(), read: 0, pieces: 0 }; layers.set(name, l); }
    l.count++;
    const rg = rowGroupsOf(t);
    if (rg) { l.read += rg.read; l.pieces += rg.total; }
    for (const d of t.deps) l.deps.add(layerOf(d));
  }
  const lines: string[] = [`${graph.tasks.size} task${graph.tasks.size === 1 ? "" : "s"}`];
  const shown = new Set<string>();
  const visit = (name: string, depth: number): void => {
    const l = layers.get(name);
    if (!l) return;
    const ops = l.ops.length > 1 ? ` (${l.ops.join(" → ")})` : "";
    const again = shown.has(name) ? " (shown above)" : "";
    const groups = l.pieces > 0 ? `, ${l.read} of ${l.pieces} row groups` : "";
    lines.push(`${"  ".repeat(depth)}${shortName(name)}${ops}: ${l.count} task${l.count === 1 ? "" : "s"}${groups}${again}`);
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

/** Row groups a Parquet read task reads, of those in its partition (statistics pruned the rest). */
function rowGroupsOf(t: Task): { read: number; total: number } | null {
  const step = stepsOf(t).find((s) => s.op === "read-parquet");
  if (!step) return null;
  const p = step.params as { rowGroups: readonly number[]; totalRowGroups: number };
  return { read: p.rowGroups.length, total: p.totalRowGroups };
}
