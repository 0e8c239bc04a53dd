/**
 * A computed table as aligned text for a terminal: a header of column names, a line of dtypes,
 * row numbers on the left, numbers right-aligned and other values left-aligned, a "… N rows" line
 * between head and tail when the table is long, nulls as `<null>`, control characters escaped and
 * long values cut at `maxColumnWidth` with "…".
 *
 * @example
 * ```ts
 * console.log(dd.formatTable(await df.compute(), { maxRows: 10 }));
 * //    id1   v1
 * //    utf8  int64
 * // 0  a         4
 * // 1  b         2
 * // [2 rows × 2 columns]
 * ```
 */
import type { Table } from "apache-arrow";
import type { Cell } from "./format-cell.js";
import type { TableDisplayOptions } from "./html-table.js";
import { tableGrid } from "./table-grid.js";

/** Options of {@link formatTable}. */
export interface FormatTableOptions extends TableDisplayOptions {
  /** Longest value shown in characters; longer ones end in "…" (default 40). */
  readonly maxColumnWidth?: number;
}

/** How a null shows in text, distinct from the string "null". */
export const NULL_TEXT = "<null>";
const GAP = "  ";

/**
 * A computed table as aligned text: names, dtypes, at most `maxRows` rows (head and tail halves
 * with "… N rows" between), nulls as `<null>`.
 * @example `console.log(dd.formatTable(await df.compute(), { maxRows: 10 }))`
 */
export function formatTable(table: Table, options: FormatTableOptions = {}): string {
  const g = tableGrid(table, options.maxRows);
  const maxWidth = Math.max(2, options.maxColumnWidth ?? 40);
  const show = (c: Cell): string => (c === null ? NULL_TEXT : clip(escapeControls(c), maxWidth));
  const head = g.head.map((r) => r.map(show));
  const tail = g.tail.map((r) => r.map(show));
  const tailStart = g.numRows - g.tail.length;
  const index = [...head.map((_, i) => String(i)), ...tail.map((_, i) => String(tailStart + i))];
  const indexWidth = Math.max(g.hidden > 0 ? 1 : 0, ...index.map(width));
  const widths = g.names.map((n, j) =>
    Math.max(width(clip(n, maxWidth)), width(g.dtypes[j]), ...head.map((r) => width(r[j])), ...tail.map((r) => width(r[j]))));
  const line = (first: string, cells: readonly string[]): string =>
    [pad(first, indexWidth, false), ...cells.map((c, j) => pad(c, widths[j], g.numeric[j]))].join(GAP).trimEnd();
  const lines = [line("", g.names.map((n) => clip(n, maxWidth))), line("", g.dtypes)];
  head.forEach((r, i) => lines.push(line(index[i], r)));
  if (g.hidden > 0) lines.push(`${pad("…", indexWidth, false)}${GAP}… ${g.hidden} row${g.hidden === 1 ? "" : "s"}`);
  tail.forEach((r, i) => lines.push(line(index[head.length + i], r)));
  lines.push(`[${g.numRows} row${g.numRows === 1 ? "" : "s"} × ${g.names.length} column${g.names.length === 1 ? "" : "s"}]`);
  return lines.join("\n");
}

/** Width in code points (close enough for terminals outside East Asian wide characters). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function clip(s: string, max: number): string {
  if (width(s) <= max) return s;
  return `${[...s].slice(0, max - 1).join("")}…`;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
