/** date32 columns: `YYYY-MM-DD` as days since 1970-01-01 (kernels' parseDateBytes). */
import { dtypes } from "@dusk/core";
import { parseDateBytes, parseFormattedDate, type Column } from "@dusk/kernels";
import { FAST_GENERIC, fitted, growInt32, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

export class DateBuilder implements ColumnBuilder {
  values: Int32Array = new Int32Array(1024);
  readonly validity = new ValidityBuilder();
  readonly fastKind: FastKind = FAST_GENERIC;
  private n = 0;
  private readonly naFirst: boolean;
  private readonly parse: (b: Uint8Array, s: number, e: number) => number;

  constructor(private readonly ctx: BuilderContext) {
    const f = ctx.dateFormat;
    this.parse = f === undefined ? parseDateBytes : (b, s, e) => parseFormattedDate(b, s, e, f);
    this.naFirst = needsNaFirst(ctx.na, (b) => !Number.isNaN(this.parse(b, 0, b.length)));
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.values = growInt32(this.values, this.n, this.n + extra, expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    if (!(this.naFirst && na.matches(b, s, e))) {
      const v = this.parse(b, s, e);
      if (v === v && v >= -2147483648 && v <= 2147483647) { this.values[r] = v; return true; }
      if (!na.matches(b, s, e)) return false;
    }
    this.validity.setNull(r);
    this.values[r] = 0;
    return true;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column {
    const n = this.n;
    return { layout: "primitive", dtype: dtypes.date32, length: n, values: fitted(this.values, n), validity: this.validity.finish(n) };
  }
}
