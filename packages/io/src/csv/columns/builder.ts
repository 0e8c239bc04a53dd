/**
 * A column being parsed: one builder per kept column and dtype. A builder parses one field at a
 * time into its typed arrays ({@link ColumnBuilder.appendValue}); the fast row loop also writes the
 * arrays of the common dtypes itself (see FastKind), and the exact tokenizer path feeds
 * whole batches through {@link appendRows}.
 *
 * @example
 * ```ts
 * const b = createColumnBuilder(ctx); // ctx: name, dtype, file, column position, null strings
 * b.reserve(2);
 * b.appendValue(bytes, 0, 2, 0) && b.appendValue(bytes, 3, 5, 1);
 * b.commit(2);
 * const col = b.finish();
 * ```
 */
import type { DateFormat } from "@dusk/kernels";
import type { Column } from "@dusk/kernels";
import type { NaMatcher } from "../na-values.js";
import { fieldWasQuoted, type CsvTokenizer } from "../tokenizer.js";
import { unescapeField, type FieldScratch } from "../unescape.js";
import { valueError, type ValueErrorContext } from "../value-error.js";
import type { ValidityBuilder } from "./validity-builder.js";

/** What a builder knows about its column and the file. */
export interface BuilderContext extends ValueErrorContext {
  /** Position of the column among the fields of a row. */
  readonly index: number;
  /** Fields per row. */
  readonly stride: number;
  readonly na: NaMatcher;
  readonly scratch: FieldScratch;
  readonly quote: number;
  readonly escape: number;
  /** utf8: start in the plain layout (see CsvColumnSpec.plain). */
  readonly plain?: boolean;
  /** The null strings of quoted fields: `na`, or none when read with `quotedNa: false`. */
  readonly quotedNa: NaMatcher;
  /** date32 / timestamp: the layout of the values when not ISO 8601 (readCsv's dateFormat). */
  readonly dateFormat?: DateFormat;
}

/**
 * How the fast row loop handles a column: inline for the common dtypes, else through appendValue.
 * `FAST_INT64`: int64 `words` (two Int32 words per row); `FAST_SMALL_INT`: 8–32-bit ints in an
 * Int32Array `values` within [min, max]; `FAST_FLOAT`: float32/float64 in a Float64Array `values`;
 * `FAST_DICT`: dictionary-encoded utf8 (`codes`, `dict`); `FAST_PLAIN`: plain utf8 (`offsets`,
 * `data`, grown through `growData`).
 */
export type FastKind = 0 | 1 | 2 | 3 | 4 | 5;
export const FAST_GENERIC = 0;
export const FAST_INT64 = 1;
export const FAST_SMALL_INT = 2;
export const FAST_FLOAT = 3;
export const FAST_DICT = 4;
export const FAST_PLAIN = 5;

export interface ColumnBuilder {
  /** Rows committed so far. */
  readonly length: number;
  /** Null rows so far. */
  readonly validity: ValidityBuilder;
  /** How the fast row loop may write this column (checked before each run: it can change). */
  readonly fastKind: FastKind;
  /**
   * Makes room for `extra` rows past {@link length}; when it must grow, room for `expected` rows
   * in all if that is more (an estimate of the block's rows, to grow once rather than by doubling).
   */
  reserve(extra: number, expected?: number): void;
  /**
   * Parses the value `src[start, end)` (unquoted, unescaped) into row `row`: a value of the dtype,
   * or null when it is one of the null strings `na` (default: the column's; a quoted field read
   * with `quotedNa: false` passes `NO_NULL_STRINGS`). False when it is neither (nothing
   * useful is written).
   */
  appendValue(src: Uint8Array, start: number, end: number, row: number, na?: NaMatcher): boolean;
  /** Rows [0, n) are written. */
  commit(n: number): void;
  /** The column of every committed row. */
  finish(): Column;
}

/**
 * Appends this column's field of each complete row the tokenizer holds, unescaping where the
 * tokenizer says so. Throws the column's value error (with the row's line) for a bad value.
 */
export function appendRows(b: ColumnBuilder, ctx: BuilderContext, src: Uint8Array, tok: CsvTokenizer): void {
  const rows = tok.rows;
  const base = b.length;
  b.reserve(rows);
  const starts = tok.starts, ends = tok.ends, stride = ctx.stride;
  const quote = ctx.quote, quotedNa = ctx.quotedNa;
  for (let j = 0, k = ctx.index; j < rows; j++, k += stride) {
    let buf = src;
    let s = starts[k];
    let e = ends[k];
    const na = fieldWasQuoted(src, s, e, quote) ? quotedNa : ctx.na;
    if (e < 0) {
      e = unescapeField(src, s, ~e, ctx.quote, ctx.escape, ctx.scratch);
      s = 0;
      buf = ctx.scratch.bytes;
    }
    if (!b.appendValue(buf, s, e, base + j, na)) throw valueError(ctx, tok.rowLines[j], buf, s, e, na !== ctx.na && ctx.na.matches(buf, s, e));
  }
  b.commit(base + rows);
}

/** New capacity for a buffer of `cap` that must hold `need`: doubled, or `hint` if larger. */
function grownCapacity(cap: number, need: number, hint: number): number {
  let c = Math.max(cap * 2, 1024, hint);
  while (c < need) c *= 2;
  return c;
}

/** `a` if it holds `need` elements, else a larger copy of its first `used` (see {@link grownCapacity}). */
export function growInt32(a: Int32Array, used: number, need: number, hint = 0): Int32Array {
  if (need <= a.length) return a;
  const out = new Int32Array(grownCapacity(a.length, need, hint));
  out.set(a.subarray(0, used));
  return out;
}

export function growFloat64(a: Float64Array, used: number, need: number, hint = 0): Float64Array {
  if (need <= a.length) return a;
  const out = new Float64Array(grownCapacity(a.length, need, hint));
  out.set(a.subarray(0, used));
  return out;
}

export function growUint8(a: Uint8Array, used: number, need: number, hint = 0): Uint8Array {
  if (need <= a.length) return a;
  const out = new Uint8Array(grownCapacity(a.length, need, hint));
  out.set(a.subarray(0, used));
  return out;
}

/**
 * The first `n` elements of a growable buffer as the column's array: a view when the buffer is
 * (nearly) full, which saves copying a whole column, else a trimmed copy (at most 1/16 of the
 * buffer is ever left unused behind a view).
 */
export function fitted<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return ((a.length - n) * 16 <= a.length ? a.subarray(0, n) : a.slice(0, n)) as T;
}
