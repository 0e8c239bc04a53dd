/**
 * Progress of tasks submitted without `engine.compute` (persist submits and waits on futures, so
 * the engine emits no progress events for it): reads the scheduler's task states every
 * `intervalMs` and reports the same `ProgressEvent` the engine would. A task counts as done once it
 * is in memory, or once a task that needs it is running or done (its result may already be
 * released). Read-only use of the scheduler state, as its docs allow for dashboards.
 *
 * @example
 * ```ts
 * const stop = pollProgress(client, tasks, (e) => console.log(e.done, e.total));
 * await Promise.all(outputs.map((k) => client.engine.whenReady(k)));
 * stop(); // reports the last state once more
 * ```
 */
import { keyGroup, type Client, type GroupProgress, type ProgressEvent, type TaskSpec } from "@dusk/scheduler";

export function pollProgress(client: Client, tasks: readonly TaskSpec[], listener: (e: ProgressEvent) => void, intervalMs = 100): () => void {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const done = new Set<string>();
  const groups: Record<string, GroupProgress> = {};
  for (const t of tasks) (groups[keyGroup(t.key)] ??= { done: 0, total: 0 }).total++;
  const state = client.engine.scheduler;
  const markDone = (key: string): void => {
    const stack = [key];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (done.has(k) || !byKey.has(k)) continue;
      done.add(k);
      groups[keyGroup(k)].done++;
      stack.push(...byKey.get(k)!.deps);
    }
  };
  let lastDone = -1;
  const tick = (force: boolean): void => {
    for (const t of tasks) {
      if (done.has(t.key)) continue;
      const s = state.stateOf(t.key);
      if (s === "memory") markDone(t.key);
      else if (s === "processing") for (const d of t.deps) markDone(d);
    }
    if (!force && done.size === lastDone) return;
    lastDone = done.size;
    const stats = client.stats();
    listener({
      done: done.size, total: tasks.length, groups,
      keysInMemory: stats.keys, memoryBytes: stats.memoryBytes, spilledBytes: stats.spilledBytes,
    });
  };
  tick(false);
  const timer = setInterval(() => tick(false), intervalMs);
  timer.unref();
  return () => { clearInterval(timer); tick(true); };
}
