/**
 * Global settings.
 *
 * @example
 * ```ts
 * dd.config.set({ scheduler: "inline" });  // run on the calling thread, one task at a time (debugging)
 * dd.config.set({ workers: 4, memoryLimit: "2GB" }); // the default pool's size and per-worker memory
 * dd.config.set({ progress: false });     // no progress bar (on stderr when it is a terminal, or in a notebook)
 * ```
 */
import { DuskError } from "@dusk/core";
import { configureDefaultClient } from "@dusk/scheduler";

export interface Config {
  /** Where compute() runs when no client was started: "threads" (default, a pool of worker threads) or "inline". */
  readonly scheduler: "threads" | "inline";
  /** Worker threads of the default pool (default: one per core). */
  readonly workers?: number;
  /** Per-worker memory before spilling, for the default pool (default: machine memory / workers). */
  readonly memoryLimit?: number | string;
  /**
   * Show a progress bar while computing when the caller passes no `onProgress` (default true): on
   * stderr when it is a terminal, as HTML in a tslab notebook; never for runs under half a second.
   */
  readonly progress?: boolean;
}

let current: Config = Object.freeze({ scheduler: "threads", progress: true });

export const config = {
  /** The current settings. */
  get(): Config { return current; },
  /** Changes some settings; returns the previous ones (to restore them with set). */
  set(patch: Partial<Config>): Config {
    const prev = current;
    if (patch.scheduler !== undefined && patch.scheduler !== "inline" && patch.scheduler !== "threads") {
      throw new DuskError("INVALID_ARGUMENT", `unknown scheduler "${String(patch.scheduler)}"; use "threads" or "inline"`);
    }
    if (patch.progress !== undefined && typeof patch.progress !== "boolean") {
      throw new DuskError("INVALID_ARGUMENT", `config progress must be true or false, got ${JSON.stringify(patch.progress)}`);
    }
    current = Object.freeze({ ...current, ...patch });
    configureDefaultClient({ scheduler: current.scheduler, workers: current.workers, memoryLimit: current.memoryLimit });
    return prev;
  },
};
