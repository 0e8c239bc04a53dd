/**
 * The inline executor: runs a task graph on the calling thread, one task at a time, ready tasks
 * by priority. A result is released as soon as the last task needing it has run, so memory follows
 * the graph's order. For debugging and small work (`dd.config.set({ scheduler: "inline" })`).
 *
 * @example
 * ```ts
 * const [sum] = await runInline(tasks, ["total"], registry);
 * ```
 */
import { DuskError } from "@dusk/core";
import { taskError } from "../errors.js";
import { PriorityQueue } from "../heap.js";
import type { OpRegistry, TaskSpec } from "../task.js";

/** Reported after each task: how far the run is and how many results are held. */
export interface Progress {
  readonly key: string;
  readonly op: string;
  readonly done: number;
  readonly total: number;
  /** Results held in memory right now (inputs still needed, and outputs). */
  readonly inMemory: number;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}

export async function runInline(
  taskList: Iterable<TaskSpec>, outputs: readonly string[], registry: OpRegistry, options: RunOptions = {},
): Promise<unknown[]> {
  const tasks = new Map<string, TaskSpec>();
  for (const t of taskList) tasks.set(t.key, t);
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const refs = new Map<string, number>();
  for (const o of outputs) refs.set(o, (refs.get(o) ?? 0) + 1);
  const ready = new PriorityQueue();
  for (const t of tasks.values()) {
    const unique = new Set(t.deps);
    waiting.set(t.key, unique.size);
    for (const d of unique) {
      if (!tasks.has(d)) throw new DuskError("GRAPH_INVALID", `task ${t.key} needs ${d}, which is not in the graph`, { task: t.key });
      let ds = dependents.get(d);
      if (!ds) dependents.set(d, (ds = []));
      ds.push(t.key);
      refs.set(d, (refs.get(d) ?? 0) + 1);
    }
    if (unique.size === 0) ready.push(t.key, t.priority ?? 0);
  }
  for (const o of outputs) {
    if (!tasks.has(o)) throw new DuskError("GRAPH_INVALID", `output ${o} is not in the graph`);
  }
  const results = new Map<string, unknown>();
  const release = (k: string): void => {
    const r = (refs.get(k) ?? 0) - 1;
    refs.set(k, r);
    if (r <= 0) results.delete(k);
  };
  const finals = new Map<string, unknown>();
  const isOutput = new Set(outputs);
  let done = 0;
  while (ready.size > 0) {
    if (options.signal?.aborted) throw new DuskError("CANCELLED", "the computation was cancelled", { reason: String(options.signal.reason ?? "") });
    const key = ready.pop()!;
    const t = tasks.get(key)!;
    const fn = registry.get(t.op);
    if (!fn) throw new DuskError("UNKNOWN_OP", `task ${key} names op "${t.op}", which no worker knows`, { task: key, op: t.op });
    let value: unknown;
    try {
      value = fn(t.params, t.deps.map((d) => results.get(d)), { key });
      if (value instanceof Promise) value = await value;
    } catch (e) {
      throw taskError(key, t.op, e);
    }
    done++;
    results.set(key, value);
    if (isOutput.has(key)) finals.set(key, value);
    for (const d of new Set(t.deps)) release(d);
    for (const dep of dependents.get(key) ?? []) {
      const w = waiting.get(dep)! - 1;
      waiting.set(dep, w);
      if (w === 0) ready.push(dep, tasks.get(dep)!.priority ?? 0);
    }
    if (!dependents.has(key) && !isOutput.has(key)) results.delete(key);
    options.onProgress?.({ key, op: t.op, done, total: tasks.size, inMemory: results.size });
  }
  if (done !== tasks.size) throw new DuskError("GRAPH_INVALID", `the task graph has a cycle: ${tasks.size - done} tasks never became ready`);
  return outputs.map((o) => finals.get(o));
}
