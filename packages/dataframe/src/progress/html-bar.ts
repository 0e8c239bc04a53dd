/**
 * The notebook progress bar as HTML, a pure function of a progress event: an HTML `<progress>`
 * element and the same words as the terminal line (escaped).
 *
 * @example
 * ```ts
 * progressHTML(event) // '<div class="dusk-progress"><progress value="52" max="100"></progress> 52% 1,234/2,371 tasks · …</div>'
 * ```
 */
import type { ProgressEvent } from "@dusk/scheduler";
import { escapeHtml } from "../display/html-escape.js";
import { formatProgressDone, formatProgressLine, progressFraction } from "./format-progress.js";

/** The bar while the computation runs. */
export function progressHTML(e: ProgressEvent): string {
  const pct = Math.floor(progressFraction(e) * 100);
  const words = formatProgressLine(e, { barWidth: 0 }).replace(/^\[\] /, "");
  return `<div class="dusk-progress"><progress value="${pct}" max="100" style="width: 20em"></progress> <span style="font-family: monospace">${escapeHtml(words)}</span></div>`;
}

/** What stays in the cell once the computation is done. */
export function progressDoneHTML(e: ProgressEvent, elapsedMs: number): string {
  const words = formatProgressDone(e, elapsedMs).replace(/^\[#+\] /, "");
  return `<div class="dusk-progress"><progress value="100" max="100" style="width: 20em"></progress> <span style="font-family: monospace">${escapeHtml(words)}</span></div>`;
}
