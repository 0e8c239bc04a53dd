/**
 * float64 and float32 columns: each value is the double `parseFloat` gives for its text (float32
 * rounds that double to single precision at the end). `nan` literals that are not null strings
 * are NaN values.
 */
import { dtypes } from "@dusk/core";
import { isNanLiteral, parseFloatBytes, type Column } from "@dusk/kernels";
import { FAST_FLOAT, FAST_GENERIC, fitted, growFloat64, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

export class FloatBuilder implements ColumnBuilder {
  values: Float64Array = new Float64Array(1024);
  readonly validity = new ValidityBuilder();
  readonly fastKind: FastKind;
  private n = 0;
  private readonly naFirst: boolean;

  constructor(private readonly ctx: BuilderContext, private readonly single: boolean) {
    this.naFirst = needsNaFirst(ctx.na, (b) => !Number.isNaN(parseFloatBytes(b, 0, b.length)));
    this.fastKind = this.naFirst ? FAST_GENERIC : FAST_FLOAT;
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.values = growFloat64(this.values, this.n, this.n + extra, expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    if (!(this.naFirst && na.matches(b, s, e))) {
      const v = parseFloatBytes(b, s, e);
      if (v === v) { this.values[r] = v; return true; }
      if (!na.matches(b, s, e)) {
        if (!isNanLiteral(b, s, e)) return false;
        this.values[r] = NaN;
        return true;
      }
    }
    this.validity.setNull(r);
    this.values[r] = 0;
    return true;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column {
    const n = this.n;
    const validity = this.validity.finish(n);
    return this.single
      ? { layout: "primitive", dtype: dtypes.float32, length: n, values: new Float32Array(this.values.subarray(0, n)), validity }
      : { layout: "primitive", dtype: dtypes.float64, length: n, values: fitted(this.values, n), validity };
  }
}
