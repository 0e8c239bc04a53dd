/**
 * int64 and uint64 columns, exact over the whole range: values are written as two 32-bit words per
 * row (no BigInt per value) and handed over as a BigInt64Array / BigUint64Array of the same bytes.
 */
import { dtypes } from "@dusk/core";
import { parseInt64Bytes, parseUint64Bytes, type Column } from "@dusk/kernels";
import { FAST_GENERIC, FAST_INT64, fitted, growInt32, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

export class Int64Builder implements ColumnBuilder {
  /** Two words per row: low, high. */
  words: Int32Array = new Int32Array(2048);
  readonly validity = new ValidityBuilder();
  readonly fastKind: FastKind;
  private n = 0;
  private readonly naFirst: boolean;

  constructor(private readonly ctx: BuilderContext, private readonly unsigned: boolean) {
    const w = new Int32Array(2);
    this.naFirst = needsNaFirst(ctx.na, (b) => unsigned ? parseUint64Bytes(b, 0, b.length, w, 0) : parseInt64Bytes(b, 0, b.length, w, 0));
    this.fastKind = this.naFirst || unsigned ? FAST_GENERIC : FAST_INT64;
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.words = growInt32(this.words, 2 * this.n, 2 * (this.n + extra), 2 * expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    const words = this.words;
    if (!(this.naFirst && na.matches(b, s, e))) {
      if (this.unsigned ? parseUint64Bytes(b, s, e, words, r) : parseInt64Bytes(b, s, e, words, r)) return true;
      if (!na.matches(b, s, e)) return false;
    }
    this.validity.setNull(r);
    words[2 * r] = 0;
    words[2 * r + 1] = 0;
    return true;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column {
    const n = this.n;
    const w = fitted(this.words, 2 * n);
    const validity = this.validity.finish(n);
    return this.unsigned
      ? { layout: "primitive", dtype: dtypes.uint64, length: n, values: new BigUint64Array(w.buffer, w.byteOffset, n), validity }
      : { layout: "primitive", dtype: dtypes.int64, length: n, values: new BigInt64Array(w.buffer, w.byteOffset, n), validity };
  }
}
