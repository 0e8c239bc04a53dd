/**
 * Row ranges of columns and batches, sharing value buffers where the layout allows.
 */
import type { Batch, Column } from "./column.js";
import { normalizeValidity, sliceBitmap } from "./validity.js";

/** Rows [start, end) of a column. Values are shared; the validity bitmap is re-based to bit 0. */
export function sliceColumn(col: Column, start: number, end: number): Column {
  const length = Math.max(0, end - start);
  if (start === 0 && length === col.length) return col;
  const validity = col.validity === null ? null : normalizeValidity(sliceBitmap(col.validity, start, length), length);
  switch (col.layout) {
    case "bool":
      return { ...col, length, values: col.values.subarray(start, end), validity };
    case "primitive":
      return { ...col, length, values: col.values.subarray(start, end), validity };
    case "utf8":
      return { ...col, length, offsets: col.offsets.subarray(start, end + 1), validity };
    case "dict":
      return { ...col, length, codes: col.codes.subarray(start, end), validity };
  }
}

export function sliceBatch(batch: Batch, start: number, end: number): Batch {
  const s = Math.max(0, Math.min(start, batch.length));
  const e = Math.max(s, Math.min(end, batch.length));
  if (s === 0 && e === batch.length) return batch;
  return { names: batch.names, columns: batch.columns.map((c) => sliceColumn(c, s, e)), length: e - s };
}
