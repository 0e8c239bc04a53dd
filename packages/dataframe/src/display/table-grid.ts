/**
 * The part of a computed table that a display shows: column names and dtypes, the first and last
 * rows as text cells, and how many rows lie between them. Only the shown rows are read (one
 * slice for the head, one for the tail), so displaying a long table costs little.
 *
 * @example
 * ```ts
 * const grid = tableGrid(table, 10); // 1000 rows: head = rows 0..4, tail = rows 995..999, hidden = 990
 * ```
 */
import type { DType } from "@dusk/core";
import { columnFromArrowData, dtypeOfArrow, formatDType, valueAt } from "@dusk/kernels";
import type { DataType, Table, Vector } from "apache-arrow";
import { formatCell, type Cell } from "./format-cell.js";

export interface TableGrid {
  readonly names: readonly string[];
  /** Dusk dtype names (`int64`, `timestamp[ms, UTC]`), or the Arrow type for types Dusk does not hold. */
  readonly dtypes: readonly string[];
  /** Whether each column holds numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  /** The first rows, row-major. */
  readonly head: readonly (readonly Cell[])[];
  /** The last rows, row-major; empty when nothing is hidden. */
  readonly tail: readonly (readonly Cell[])[];
  /** Rows between head and tail that are not shown. */
  readonly hidden: number;
  readonly numRows: number;
}

/** Rows shown when a display is not told otherwise. */
export const DEFAULT_MAX_ROWS = 20;

/** The grid of `table` showing at most `maxRows` rows: all of them, or the head and tail halves. */
export function tableGrid(table: Table, maxRows = DEFAULT_MAX_ROWS): TableGrid {
  const numRows = table.numRows;
  const limit = Number.isFinite(maxRows) ? Math.max(0, Math.floor(maxRows)) : numRows;
  const elide = numRows > limit;
  const headRows = elide ? Math.ceil(limit / 2) : numRows;
  const tailRows = elide ? Math.floor(limit / 2) : 0;
  const fields = table.schema.fields;
  const dtypes = fields.map((f) => duskType(f.type, f.name));
  const headCols: Cell[][] = [];
  const tailCols: Cell[][] = [];
  fields.forEach((f, j) => {
    const vector = table.getChildAt(j) as Vector;
    headCols.push(columnCells(vector.slice(0, headRows), f.name, dtypes[j]));
    tailCols.push(columnCells(vector.slice(numRows - tailRows, numRows), f.name, dtypes[j]));
  });
  return {
    names: fields.map((f) => f.name),
    dtypes: fields.map((f, j) => { const t = dtypes[j]; return t === null ? String(f.type) : formatDType(t); }),
    numeric: dtypes.map((t) => t !== null && t.kind !== "utf8" && t.kind !== "bool" && t.kind !== "date32" && t.kind !== "timestamp"),
    head: toRows(headCols, headRows),
    tail: toRows(tailCols, tailRows),
    hidden: numRows - headRows - tailRows,
    numRows,
  };
}

function duskType(type: DataType, name: string): DType | null {
  try { return dtypeOfArrow(type, name); } catch { return null; } // shown through Arrow's own get()
}

/** Text of every value of a (short, sliced) vector, chunk by chunk. */
function columnCells(vector: Vector, name: string, dtype: DType | null): Cell[] {
  const out: Cell[] = [];
  if (dtype === null) {
    for (const v of vector) out.push(v === null || v === undefined ? null : String(v));
    return out;
  }
  for (const data of vector.data) {
    const col = columnFromArrowData(data, name);
    for (let i = 0; i < col.length; i++) out.push(formatCell(valueAt(col, i), dtype));
  }
  return out;
}

function toRows(cols: readonly Cell[][], n: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push(cols.map((c) => c[i]));
  return rows;
}
