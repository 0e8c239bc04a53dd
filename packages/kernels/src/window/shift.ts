/**
 * Shifting a column by whole rows across partition edges: `shift(n)` moves values down n rows
 * (n > 0: row i takes row i − n) or up (n < 0), taking the missing rows from the neighbouring
 * partitions' `before` (the rows that precede this partition, last ones last) and `after` (the rows
 * that follow it), and nulls where the frame has no such row. Works for every dtype.
 *
 * @example
 * ```ts
 * shiftColumn(col([3, 4]), 1, col([1, 2]), null); // [2, 3]
 * shiftColumn(col([3, 4]), -1, null, col([5]));   // [4, 5]
 * shiftColumn(col([3, 4]), 1, null, null);        // [null, 3]
 * ```
 */
import type { DType } from "@dusk/core";
import type { Column } from "../column.js";
import { nullColumn } from "../build.js";
import { concatColumns } from "../concat.js";
import { sliceColumn } from "../slice.js";

/** The last `k` rows of `col` (all of them when it has fewer). */
export const tailRows = (col: Column, k: number): Column => sliceColumn(col, Math.max(0, col.length - k), col.length);
/** The first `k` rows of `col` (all of them when it has fewer). */
export const headRows = (col: Column, k: number): Column => sliceColumn(col, 0, Math.min(k, col.length));

/** `col` shifted by `n` rows; `before`/`after` are the neighbouring rows (null: none). */
export function shiftColumn(col: Column, n: number, before: Column | null, after: Column | null): Column {
  const dtype: DType = col.dtype;
  const len = col.length;
  if (n === 0 || len === 0) return col;
  if (n > 0) {
    const prev = before === null ? nullColumn(dtype, 0) : tailRows(before, n);
    const pad = n - prev.length;
    const full = concatColumns(pad > 0 ? [nullColumn(dtype, pad), prev, col] : [prev, col], dtype);
    return sliceColumn(full, 0, len);
  }
  const k = -n;
  const next = after === null ? nullColumn(dtype, 0) : headRows(after, k);
  const pad = k - next.length;
  const full = concatColumns(pad > 0 ? [col, next, nullColumn(dtype, pad)] : [col, next], dtype);
  return sliceColumn(full, k, k + len);
}
