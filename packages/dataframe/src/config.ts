/**
 * Global settings.
 *
 * @example
 * ```ts
 * dd.config.set({ scheduler: "inline" });  // run on the calling thread, one task at a time (debugging)
 * dd.config.set({ workers: 4, memoryLimit: "2GB" }); // the default pool's size and per-worker memory
 * dd.config.set({ progress: false });     // no progress bar (on stderr when it is a terminal, or in a notebook)
 * dd.config.set({ broadcastThreshold: "16MB" }); // merge: broadcast a side estimated below 16 MB
 * dd.config.set({ splitOutThreshold: 5e5 });     // groupBy: shuffle (automatic splitOut) above ~500k groups
 * ```
 */
import { DuskError, parseBytes } from "@dusk/core";
import { setPlannerSettings } from "@dusk/plan";
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
  /**
   * merge: a side whose estimated size (known rows × row width) is below this is broadcast, i.e.
   * concatenated into one partition and joined with every partition of the other side, instead of
   * shuffling both (default "64MB"; 0 broadcasts only one-partition sides). See docs/merge.md.
   */
  readonly broadcastThreshold?: number | string;
  /**
   * groupBy without splitOut: when the estimated number of groups exceeds this (default 1e6), the
   * aggregation shuffles by key over several output partitions (automatic splitOut); Infinity
   * turns that off. See docs/groupby.md.
   */
  readonly splitOutThreshold?: number;
}

let current: Config = Object.freeze({ scheduler: "threads", progress: true, broadcastThreshold: "64MB", splitOutThreshold: 1e6 });

/** The broadcast threshold in bytes. */
const thresholdBytes = (x: number | string | undefined): number => (x === 0 || x === "0" ? 0 : parseBytes(x ?? "64MB", "config broadcastThreshold"));

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
    if (patch.splitOutThreshold !== undefined && !(typeof patch.splitOutThreshold === "number" && patch.splitOutThreshold >= 0)) {
      throw new DuskError("INVALID_ARGUMENT", `config splitOutThreshold must be a number of groups ≥ 0 (or Infinity), got ${JSON.stringify(patch.splitOutThreshold)}`);
    }
    if (patch.broadcastThreshold !== undefined) setPlannerSettings({ broadcastBytes: thresholdBytes(patch.broadcastThreshold) });
    current = Object.freeze({ ...current, ...patch });
    configureDefaultClient({ scheduler: current.scheduler, workers: current.workers, memoryLimit: current.memoryLimit });
    return prev;
  },
};
