/**
 * Where tasks run. The engine speaks to workers only through this interface, so a pool of threads,
 * the calling thread, or (later) processes on other hosts over NATS are interchangeable.
 */
import type { SchedulerEvent } from "../state/events.js";
import type { RunSpec } from "../worker/runtime.js";

export interface BackendStats {
  readonly workers: number;
  /** Results held across workers. */
  readonly keys: number;
  readonly memoryBytes: number;
  readonly spilledBytes: number;
}

/**
 * One worker's results, as it last reported them (for dashboards; workers report after tasks and
 * within 50 ms of dropping results).
 *
 * @example
 * ```ts
 * for (const w of client.engine.backend.workerStats?.() ?? []) console.log(w.worker, w.memoryBytes, w.spilledBytes);
 * ```
 */
export interface WorkerStats {
  readonly worker: number;
  /** Results held, in memory and on disk. */
  readonly keys: number;
  readonly memoryBytes: number;
  readonly spilledBytes: number;
  /** Bytes held in memory before spilling (Infinity: no limit). */
  readonly memoryLimit: number;
}

export interface Backend {
  /** Starts the workers; reports them (and later events) through `events`. */
  start(events: (e: SchedulerEvent) => void): Promise<void>;
  run(worker: number, spec: RunSpec): void;
  drop(worker: number, keys: readonly string[]): void;
  /** Tasks nobody needs: skipped if queued, stopped if running. Resolves when none of them runs any more. */
  abandon(worker: number, keys: readonly string[]): Promise<void>;
  /** A result held by `worker`, delivered to the calling thread. */
  fetch(worker: number, key: string): Promise<unknown>;
  stats(): BackendStats;
  /** Per-worker figures (optional: a backend without them shows none on a dashboard). */
  workerStats?(): WorkerStats[];
  /** Whether a computation is waiting (keep the process alive) or not (let a script exit). */
  setBusy(busy: boolean): void;
  close(): Promise<void>;
}
