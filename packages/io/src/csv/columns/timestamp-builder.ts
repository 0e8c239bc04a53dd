/**
 * timestamp columns: ISO 8601 dates and date-times as counts of the unit since the epoch, exact in
 * int64 words (kernels' parseTimestampBytes). Values with an offset are converted to UTC; values
 * without one are stored as written (also when the dtype names a zone).
 */
import type { TimestampType } from "@dusk/core";
import { parseFormattedTimestamp, parseTimestampBytes, type Column } from "@dusk/kernels";
import { FAST_GENERIC, fitted, growInt32, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

export class TimestampBuilder implements ColumnBuilder {
  words: Int32Array = new Int32Array(2048);
  readonly validity = new ValidityBuilder();
  readonly fastKind: FastKind = FAST_GENERIC;
  private n = 0;
  private readonly naFirst: boolean;
  private readonly parse: (b: Uint8Array, s: number, e: number, out: Int32Array, row: number) => boolean;

  constructor(private readonly ctx: BuilderContext, private readonly dtype: TimestampType) {
    const f = ctx.dateFormat, unit = dtype.unit;
    this.parse = f === undefined
      ? (b, s, e, out, row) => parseTimestampBytes(b, s, e, unit, out, row)
      : (b, s, e, out, row) => parseFormattedTimestamp(b, s, e, f, unit, out, row);
    const w = new Int32Array(2);
    this.naFirst = needsNaFirst(ctx.na, (b) => this.parse(b, 0, b.length, w, 0));
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.words = growInt32(this.words, 2 * this.n, 2 * (this.n + extra), 2 * expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    if (!(this.naFirst && na.matches(b, s, e))) {
      if (this.parse(b, s, e, this.words, r)) return true;
      if (!na.matches(b, s, e)) return false;
    }
    this.validity.setNull(r);
    this.words[2 * r] = 0;
    this.words[2 * r + 1] = 0;
    return true;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column {
    const n = this.n;
    const w = fitted(this.words, 2 * n);
    const values = new BigInt64Array(w.buffer, w.byteOffset, n);
    return { layout: "primitive", dtype: this.dtype, length: n, values, validity: this.validity.finish(n) };
  }
}
