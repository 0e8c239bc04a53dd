/** Wrapping a task's failure so the message names the task and op and the original stack survives. */
import { DuskError, isDuskError } from "@dusk/core";

export function taskError(key: string, op: string, e: unknown): DuskError {
  if (isDuskError(e)) {
    if (e.details.task !== undefined) return e;
    return new DuskError(e.code, `${e.message} (in task ${key}, op ${op})`, { ...e.details, task: key, op }, { cause: e });
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return new DuskError("TASK_FAILED", `task ${key} (op ${op}) failed: ${err.message}`, { task: key, op, stack: err.stack }, { cause: err });
}
