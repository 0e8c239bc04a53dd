/** The scheduler's bookkeeping per task and per worker. */
import type { TaskSpec } from "../task.js";
import type { TaskFailure } from "./events.js";

/**
 * - waiting: some input is not in memory yet;
 * - ready: every input is in memory, waiting for a worker;
 * - processing: given to a worker;
 * - memory: the result is held by one or more workers;
 * - released: the result was dropped (nobody needed it any more), or lost with its worker;
 * - erred: the task or one of its inputs failed.
 */
export type TaskState = "waiting" | "ready" | "processing" | "memory" | "released" | "erred";

export interface TaskRecord {
  readonly spec: TaskSpec;
  state: TaskState;
  /** Inputs (unique) and tasks taking this one as an input. */
  readonly deps: readonly string[];
  readonly dependents: Set<string>;
  /** Inputs not in memory yet. */
  readonly missing: Set<string>;
  /** Workers holding the result. */
  readonly holders: Set<number>;
  /** The worker running it, while processing. */
  worker: number;
  nbytes: number;
  /** References held by the client (outputs awaited, futures). */
  wanted: number;
  /** Workers that died while running this task. */
  suspicion: number;
  /** Order among ready tasks: lower first (submission generation, then the graph's priority). */
  readonly rank: number;
  error: TaskFailure | null;
}

export interface WorkerRecord {
  readonly id: number;
  slots: number;
  readonly processing: Set<string>;
  readonly holds: Set<string>;
}
