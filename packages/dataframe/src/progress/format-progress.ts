/**
 * One computation's progress as one line of text, a pure function of the engine's progress event:
 * `[#####.....] 52% 1,234/2,371 tasks · read-csv 30/30 · 1.2 GiB in memory`.
 *
 * @example
 * ```ts
 * formatProgressLine({ done: 1, total: 2, groups: { "read-csv": { done: 1, total: 2 } }, keysInMemory: 1, memoryBytes: 2048, spilledBytes: 0 })
 * // "[#####.....] 50% 1/2 tasks · read-csv 1/2 · 2.00 KiB in memory"
 * ```
 */
import { formatBytes, type ProgressEvent } from "@dusk/scheduler";

export interface ProgressLineOptions {
  /** Cells of the bar between the brackets (default 10). */
  readonly barWidth?: number;
  /** Groups of tasks named after the count (default 2): those running first, then those waiting. */
  readonly maxGroups?: number;
  /** Cut the line to this many characters (a terminal's columns); default: no limit. */
  readonly maxLength?: number;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** The fraction of tasks done, 0..1 (1 for an empty computation). */
export function progressFraction(e: ProgressEvent): number {
  return e.total === 0 ? 1 : Math.min(1, e.done / e.total);
}

/** The groups worth naming: running ones (some done, not all), then waiting ones, then finished ones. */
export function groupsToShow(e: ProgressEvent, max: number): [string, { done: number; total: number }][] {
  const all = Object.entries(e.groups);
  const rank = ([, g]: [string, { done: number; total: number }]): number => (g.done > 0 && g.done < g.total ? 0 : g.done < g.total ? 1 : 2);
  return all.map((entry, i) => ({ entry, i })).sort((a, b) => rank(a.entry) - rank(b.entry) || a.i - b.i).slice(0, max).map((x) => x.entry);
}

/** The progress line of `e`. */
export function formatProgressLine(e: ProgressEvent, options: ProgressLineOptions = {}): string {
  const width = options.barWidth ?? 10;
  const f = progressFraction(e);
  const filled = Math.floor(f * width);
  const parts = [`[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(f * 100)}% ${count(e.done)}/${count(e.total)} tasks`];
  for (const [name, g] of groupsToShow(e, options.maxGroups ?? 2)) parts.push(`${name} ${count(g.done)}/${count(g.total)}`);
  if (e.memoryBytes > 0) parts.push(`${formatBytes(e.memoryBytes)} in memory`);
  if (e.spilledBytes > 0) parts.push(`${formatBytes(e.spilledBytes)} spilled`);
  const line = parts.join(" · ");
  const max = options.maxLength;
  return max !== undefined && max > 1 && line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The line left behind when a computation ends: `2,371 tasks done in 3.2 s`. */
export function formatProgressDone(e: ProgressEvent, elapsedMs: number): string {
  const mem = e.memoryBytes > 0 ? ` · ${formatBytes(e.memoryBytes)} in memory` : "";
  const spilled = e.spilledBytes > 0 ? ` · ${formatBytes(e.spilledBytes)} spilled` : "";
  return `[${"#".repeat(10)}] 100% ${count(e.total)} tasks done in ${(elapsedMs / 1000).toFixed(1)} s${mem}${spilled}`;
}
