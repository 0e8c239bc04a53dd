/**
 * A computed table as an HTML table for Jupyter: column names with their dtypes in the header,
 * row numbers on the left, the head and tail rows with a "… N rows" row between them when the
 * table is long, nulls in grey italics (class `null`), every value escaped.
 *
 * @example
 * ```ts
 * tslab.display.html(tableToHTML(await df.compute(), { maxRows: 10 }));
 * ```
 */
import type { Table } from "apache-arrow";
import { escapeHtml } from "./html-escape.js";
import { tableGrid, type TableGrid } from "./table-grid.js";
import type { Cell } from "./format-cell.js";

/** Options of the table displays. */
export interface TableDisplayOptions {
  /** Most rows shown; a longer table shows its first and last halves of this (default 20). */
  readonly maxRows?: number;
}

const NULL_HTML = `<span style="color: #999; font-style: italic">null</span>`;

/**
 * A computed table as an HTML table (what `dd.display` shows in a notebook).
 * @example `tslab.display.html(dd.tableToHTML(await df.compute()))`
 */
export function tableToHTML(table: Table, options: TableDisplayOptions = {}): string {
  return gridToHTML(tableGrid(table, options.maxRows));
}

function gridToHTML(g: TableGrid): string {
  const header = g.names.map((n, j) =>
    `<th style="text-align: ${g.numeric[j] ? "right" : "left"}">${escapeHtml(n)}<br>` +
    `<span style="font-weight: normal; color: #888">${escapeHtml(g.dtypes[j])}</span></th>`);
  const rows: string[] = [];
  g.head.forEach((r, i) => rows.push(rowHTML(String(i), r, g.numeric)));
  if (g.hidden > 0) {
    rows.push(`<tr class="elided"><th>…</th><td colspan="${Math.max(1, g.names.length)}" style="text-align: center; color: #888">… ${g.hidden} row${g.hidden === 1 ? "" : "s"}</td></tr>`);
  }
  const tailStart = g.numRows - g.tail.length;
  g.tail.forEach((r, i) => rows.push(rowHTML(String(tailStart + i), r, g.numeric)));
  const shape = `${g.numRows} row${g.numRows === 1 ? "" : "s"} × ${g.names.length} column${g.names.length === 1 ? "" : "s"}`;
  return [
    `<div class="dusk-table">`,
    `<table class="dataframe">`,
    `<thead><tr><th></th>${header.join("")}</tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
    `<p style="color: #888">${shape}</p>`,
    `</div>`,
  ].join("\n");
}

function rowHTML(index: string, cells: readonly Cell[], numeric: readonly boolean[]): string {
  const tds = cells.map((c, j) => {
    const align = numeric[j] ? ` style="text-align: right"` : "";
    return c === null ? `<td class="null"${align}>${NULL_HTML}</td>` : `<td${align}>${escapeHtml(c)}</td>`;
  });
  return `<tr><th>${index}</th>${tds.join("")}</tr>`;
}
