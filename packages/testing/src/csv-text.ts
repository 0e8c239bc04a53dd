/**
 * CSV text from columns of JS values, for tests, examples and benchmarks (not the library's writer):
 * nulls as empty fields, fields quoted when they need it (or always), a choice of line ending, BOM
 * and trailing newline, so readers can be tested on every dialect detail.
 *
 * @example
 * ```ts
 * csvText({ a: [1, null], b: ["x,y", "z"] });                // 'a,b\n1,"x,y"\n,z\n'
 * csvText({ a: [1] }, { lineEnding: "\r\n", bom: true });   // '\uFEFFa\r\n1\r\n'
 * ```
 */
export interface CsvTextOptions {
  readonly sep?: string;
  readonly lineEnding?: "\n" | "\r\n" | "\r";
  readonly header?: boolean;
  readonly bom?: boolean;
  /** Quote every non-null field (default: only fields holding sep, quotes, line breaks or edge spaces). */
  readonly quoteAll?: boolean;
  /** End the last row with a line ending (default true). */
  readonly trailingNewline?: boolean;
}

export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

function cell(v: CsvCell, sep: string, quoteAll: boolean): string {
  if (v === null || v === undefined) return "";
  let s: string;
  if (v instanceof Date) s = v.toISOString().replace(/T00:00:00\.000Z$/, "");
  else if (typeof v === "number" && Number.isNaN(v)) return "";
  else s = String(v);
  const needs = quoteAll || s.includes(sep) || s.includes('"') || s.includes("\n") || s.includes("\r") || s === "" || s !== s.trim();
  return needs ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(columns: Readonly<Record<string, readonly CsvCell[]>>, options: CsvTextOptions = {}): string {
  const sep = options.sep ?? ",";
  const eol = options.lineEnding ?? "\n";
  const quoteAll = options.quoteAll ?? false;
  const names = Object.keys(columns);
  const rows = names.length === 0 ? 0 : columns[names[0]].length;
  const lines: string[] = [];
  if (options.header ?? true) lines.push(names.map((n) => cell(n, sep, quoteAll)).join(sep));
  const cols = names.map((n) => columns[n]);
  for (let i = 0; i < rows; i++) {
    let line = "";
    for (let j = 0; j < cols.length; j++) line += (j === 0 ? "" : sep) + cell(cols[j][i], sep, quoteAll);
    lines.push(line);
  }
  const body = lines.join(eol) + ((options.trailingNewline ?? true) && lines.length > 0 ? eol : "");
  return (options.bom ? "\uFEFF" : "") + body;
}
