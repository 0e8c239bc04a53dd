/**
 * Global settings.
 *
 * @example
 * ```ts
 * dd.config.set({ scheduler: "inline" }); // run on the calling thread, for debugging
 * dd.config.get().scheduler;             // "inline"
 * ```
 */
import { DuskError } from "@dusk/core";

export interface Config {
  /** Where compute() runs tasks. "inline": the calling thread, one task at a time. */
  readonly scheduler: "inline";
}

let current: Config = Object.freeze({ scheduler: "inline" });

export const config = {
  /** The current settings. */
  get(): Config { return current; },
  /** Changes some settings; returns the previous ones (to restore them). */
  set(patch: Partial<Config>): Config {
    const prev = current;
    if (patch.scheduler !== undefined && patch.scheduler !== "inline") {
      throw new DuskError("INVALID_ARGUMENT", `unknown scheduler "${String(patch.scheduler)}"; use "inline"`);
    }
    current = Object.freeze({ ...current, ...patch });
    return prev;
  },
};
