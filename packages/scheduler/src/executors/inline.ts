/**
 * Running a task graph on the calling thread, one task at a time in priority order; results are
 * dropped as soon as the last task needing them has run.
 *
 * @example
 * ```ts
 * const [sum] = await runInline(tasks, ["total"], registry);
 * ```
 */
import { InlineBackend } from "../backends/inline.js";
import { Engine, type RunOptions } from "../engine.js";
import { builtinOps } from "../ops.js";
import type { OpRegistry, TaskSpec } from "../task.js";

export type { RunOptions };

export async function runInline(tasks: Iterable<TaskSpec>, outputs: readonly string[], registry: OpRegistry, options: RunOptions = {}): Promise<unknown[]> {
  const engine = new Engine(new InlineBackend((name) => registry.get(name) ?? builtinOps.get(name)));
  await engine.start();
  try {
    return await engine.compute([...tasks], outputs, options);
  } finally {
    await engine.close();
  }
}
