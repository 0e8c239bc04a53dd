/**
 * What goes into the scheduler's state machine (events) and what comes out (actions). The state
 * machine never touches threads, sockets or data: executors turn actions into messages to workers
 * and turn workers' messages into events.
 */
import type { TaskSpec } from "../task.js";

/** A task's error as it crosses threads: enough to rebuild a DuskError with the original stack. */
export interface TaskFailure {
  readonly code: string;
  readonly message: string;
  readonly name?: string;
  readonly stack?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type SchedulerEvent =
  /** New tasks (tasks whose key is already known are shared) and keys the client wants (+1 reference each). */
  | { readonly type: "submit"; readonly tasks: readonly TaskSpec[]; readonly wanted: readonly string[] }
  /** The client no longer wants these keys (-1 reference each). */
  | { readonly type: "release"; readonly keys: readonly string[] }
  | { readonly type: "finished"; readonly key: string; readonly worker: number; readonly nbytes: number; readonly ms?: number }
  /** How many tasks to keep queued on a worker (more for short tasks, to hide message latency). */
  | { readonly type: "worker-slots"; readonly worker: number; readonly slots: number }
  | { readonly type: "failed"; readonly key: string; readonly worker: number; readonly error: TaskFailure }
  /** A worker could not get an input of a task it was given (its holder died): run the task again later. */
  | { readonly type: "missing-input"; readonly key: string; readonly worker: number; readonly input: string }
  /** A worker now also holds a copy of `key` (it fetched it to run a task). */
  | { readonly type: "replicated"; readonly key: string; readonly worker: number; readonly nbytes: number }
  | { readonly type: "worker-added"; readonly worker: number; readonly slots: number }
  /** A worker died; `running` is the task it was executing at the time, when known. */
  | {
    readonly type: "worker-lost"; readonly worker: number; readonly running: string | null; readonly reason: string;
    /** False when the worker was stopped on purpose (cancellation): no task is blamed. */
    readonly blame?: boolean;
  };

export type SchedulerAction =
  /** Run `task` on `worker`; `holders` says where each input lives; `feeds`: whether other tasks take its result. */
  | {
    readonly type: "run"; readonly worker: number; readonly task: TaskSpec; readonly holders: readonly (readonly [string, readonly number[]])[];
    readonly feeds: boolean;
  }
  /** Drop these results from a worker's memory (and its disk). */
  | { readonly type: "drop"; readonly worker: number; readonly keys: readonly string[] }
  /** A wanted key is in memory on these workers. */
  | { readonly type: "ready"; readonly key: string; readonly holders: readonly number[] }
  /** A wanted key failed. */
  | { readonly type: "erred"; readonly key: string; readonly error: TaskFailure }
  /** Tasks a worker is running are no longer needed by anyone. */
  | { readonly type: "abandoned"; readonly worker: number; readonly keys: readonly string[] };
