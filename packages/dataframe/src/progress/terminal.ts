/**
 * The terminal progress bar: one line on a TTY stream (stderr), redrawn in place at most ten times
 * a second, replaced by a final summary line when the computation ends and erased when it fails.
 * Nothing shows for computations shorter than half a second.
 *
 * @example
 * ```ts
 * const bar = terminalProgress(process.stderr);
 * await df.compute({ onProgress: (e) => bar.update(e) }).then(() => bar.finish(), (err) => { bar.fail(); throw err; });
 * ```
 */
import { formatProgressDone, formatProgressLine } from "./format-progress.js";
import { resolveTiming, throttle, type ProgressReporter, type ProgressTiming } from "./reporter.js";

/** The part of a stream (process.stderr) the bar uses; tests pass a plain object. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const CLEAR_LINE = "\r\x1b[2K";

/** A bar drawn on `stream`, which the caller has checked is a TTY. */
export function terminalProgress(stream: ProgressStream, timing: ProgressTiming = {}): ProgressReporter {
  const maxLength = (): number | undefined => (stream.columns && stream.columns > 10 ? stream.columns - 1 : undefined);
  const th = throttle(resolveTiming(timing), (e) => { stream.write(`${CLEAR_LINE}${formatProgressLine(e, { maxLength: maxLength() })}`); });
  return {
    update: (e) => th.offer(e),
    finish() {
      if (!th.drawn || !th.latest) return;
      stream.write(`${CLEAR_LINE}${formatProgressDone(th.latest, th.elapsedMs)}\n`);
    },
    fail() {
      if (th.drawn) stream.write(CLEAR_LINE);
    },
  };
}
