/**
 * What shows a computation's progress: fed every progress event, then told how the computation
 * ended. Terminal and notebook bars implement it; `withProgress` drives one.
 *
 * @example
 * ```ts
 * const r: ProgressReporter = terminalProgress(process.stderr);
 * r.update(event);   // many times
 * r.finish();        // or r.fail() when the computation threw
 * ```
 */
import type { ProgressEvent } from "@dusk/scheduler";

export interface ProgressReporter {
  /** A new event; the reporter decides whether to draw it. */
  update(e: ProgressEvent): void;
  /** The computation succeeded: leave a final line if a bar was shown. */
  finish(): void;
  /** The computation failed or was cancelled: remove whatever was shown. */
  fail(): void;
}

/** When to draw: not before `delayMs` after the start, then at most once per `intervalMs`. */
export interface ProgressTiming {
  /** Computations shorter than this show nothing (default 500 ms). */
  readonly delayMs?: number;
  /** Least time between two redraws (default 100 ms: ten a second). */
  readonly intervalMs?: number;
  /** The clock, in milliseconds (default `performance.now`); tests pass their own. */
  readonly now?: () => number;
}

/** The timing with defaults filled in. */
export function resolveTiming(t: ProgressTiming, intervalMs = 100): Required<ProgressTiming> {
  return { delayMs: t.delayMs ?? 500, intervalMs: t.intervalMs ?? intervalMs, now: t.now ?? (() => performance.now()) };
}

/**
 * Calls `draw` with the latest event when the timing allows; `flush` reports whether anything was drawn.
 * @example `const th = throttle(timing, (e) => write(e)); th.offer(e);`
 */
export function throttle(timing: Required<ProgressTiming>, draw: (e: ProgressEvent) => void): {
  offer(e: ProgressEvent): void; readonly drawn: boolean; readonly latest: ProgressEvent | null; readonly elapsedMs: number;
} {
  const start = timing.now();
  let last = -Infinity;
  let drawn = false;
  let latest: ProgressEvent | null = null;
  return {
    offer(e) {
      latest = e;
      const t = timing.now();
      if (t - start < timing.delayMs || t - last < timing.intervalMs) return;
      last = t;
      drawn = true;
      draw(e);
    },
    get drawn() { return drawn; },
    get latest() { return latest; },
    get elapsedMs() { return timing.now() - start; },
  };
}
