/**
 * The notebook progress bar: one tslab display entry, created once the computation has run half a
 * second and updated at most four times a second (each update is a Jupyter message); it ends as a
 * one-line summary, or is emptied when the computation fails.
 *
 * @example
 * ```ts
 * const d = updatingDisplay();
 * const bar = d && notebookProgress(d);
 * ```
 */
import { progressDoneHTML, progressHTML } from "./html-bar.js";
import { resolveTiming, throttle, type ProgressReporter, type ProgressTiming } from "./reporter.js";
import type { UpdatingDisplay } from "./updating-display.js";

export function notebookProgress(display: UpdatingDisplay, timing: ProgressTiming = {}): ProgressReporter {
  // tslab throws "Not ready" outside a cell's execution: then the bar just stops showing
  let broken = false;
  const show = (html: string): void => {
    if (broken) return;
    try { display.html(html); } catch { broken = true; }
  };
  const th = throttle(resolveTiming(timing, 250), (e) => show(progressHTML(e)));
  return {
    update: (e) => th.offer(e),
    finish() { if (th.drawn && th.latest) show(progressDoneHTML(th.latest, th.elapsedMs)); },
    fail() { if (th.drawn) show(""); },
  };
}
