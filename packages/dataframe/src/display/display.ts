/**
 * Shows a computed table or an uncomputed frame where the user is looking: as HTML in a Jupyter
 * notebook running the tslab kernel, as aligned text on stdout anywhere else.
 *
 * @example
 * ```ts
 * import * as dd from "@dusk/dataframe";
 * const df = dd.fromColumns({ id: ["a", "b"], v: [1, 2] });
 * dd.display(df);                  // columns, dtypes, npartitions, plan; computes nothing
 * dd.display(await df.compute());  // the rows
 * ```
 */
import { Table } from "apache-arrow";
import type { DataFrame } from "../dataframe.js";
import { frameSummaryHTML, frameSummaryText } from "./frame-summary.js";
import { tableToHTML } from "./html-table.js";
import { notebookDisplay } from "./notebook.js";
import { formatTable, type FormatTableOptions } from "./text-table.js";

/** Options of {@link display}. */
export type DisplayOptions = FormatTableOptions;

/**
 * Shows a computed table (the rows) or a lazy frame (columns, dtypes, npartitions, plan; nothing
 * computed): HTML inside a tslab notebook, aligned text on stdout elsewhere.
 * @example `dd.display(await df.compute(), { maxRows: 10 })`
 */
export function display(value: Table | DataFrame, options: DisplayOptions = {}): void {
  const nb = notebookDisplay();
  if (isTable(value)) {
    if (nb && tryHtml(nb, () => tableToHTML(value, options))) return;
    console.log(formatTable(value, options));
    return;
  }
  if (!isFrame(value)) {
    console.log(value); // a JavaScript caller passed something else: show it as Node would
    return;
  }
  if (nb && tryHtml(nb, () => frameSummaryHTML(value.plan))) return;
  console.log(frameSummaryText(value.plan));
}

/** An Arrow table, also one made by another copy of apache-arrow. */
function isTable(value: unknown): value is Table {
  if (value instanceof Table) return true;
  const t = value as Partial<Table> | null;
  return typeof t === "object" && t !== null && typeof t.numRows === "number" && Array.isArray(t.batches) && typeof t.getChildAt === "function";
}

function isFrame(value: unknown): value is DataFrame {
  const plan = (value as { plan?: { schema?: unknown } } | null)?.plan;
  return typeof plan === "object" && plan !== null && typeof plan.schema === "object";
}

/** tslab throws "Not ready" outside a cell's execution; the caller then prints text. */
function tryHtml(nb: { html(s: string): void }, html: () => string): boolean {
  const text = html();
  try {
    nb.html(text);
    return true;
  } catch {
    return false;
  }
}
