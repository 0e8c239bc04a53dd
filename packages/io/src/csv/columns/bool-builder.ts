/**
 * bool columns, one byte per row: `true`, `True`, `TRUE`, `1` are true; `false`, `False`, `FALSE`,
 * `0` are false (the digits only because the dtype says bool: inference never reads them as bools).
 * Spaces and tabs around the word are ignored.
 */
import { dtypes } from "@dusk/core";
import type { Column } from "@dusk/kernels";
import { FAST_GENERIC, fitted, growUint8, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

/**
 * 1 for true, 0 for false, −1 otherwise. With `digits`, also `1` and `0`.
 *
 * @example
 * ```ts
 * parseBoolBytes(new TextEncoder().encode("TRUE"), 0, 4, false); // 1
 * ```
 */
export function parseBoolBytes(b: Uint8Array, s: number, e: number, digits: boolean): number {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  const len = e - s;
  if (len === 1 && digits) return b[s] === 49 ? 1 : b[s] === 48 ? 0 : -1;
  if (len === 4) {
    const c0 = b[s];
    if (c0 !== 116 && c0 !== 84) return -1; // t T
    const upper = b[s + 1] === 82; // R
    if (upper ? b[s + 2] === 85 && b[s + 3] === 69 : b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101) {
      return upper && c0 !== 84 ? -1 : 1;
    }
    return -1;
  }
  if (len === 5) {
    const c0 = b[s];
    if (c0 !== 102 && c0 !== 70) return -1; // f F
    const upper = b[s + 1] === 65; // A
    if (upper ? b[s + 2] === 76 && b[s + 3] === 83 && b[s + 4] === 69 : b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 115 && b[s + 4] === 101) {
      return upper && c0 !== 70 ? -1 : 0;
    }
    return -1;
  }
  return -1;
}

export class BoolBuilder implements ColumnBuilder {
  values: Uint8Array = new Uint8Array(1024);
  readonly validity = new ValidityBuilder();
  readonly fastKind: FastKind = FAST_GENERIC;
  private n = 0;
  private readonly naFirst: boolean;

  constructor(private readonly ctx: BuilderContext) {
    this.naFirst = needsNaFirst(ctx.na, (b) => parseBoolBytes(b, 0, b.length, true) >= 0);
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.values = growUint8(this.values, this.n, this.n + extra, expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    if (!(this.naFirst && na.matches(b, s, e))) {
      const v = parseBoolBytes(b, s, e, true);
      if (v >= 0) { this.values[r] = v; return true; }
      if (!na.matches(b, s, e)) return false;
    }
    this.validity.setNull(r);
    this.values[r] = 0;
    return true;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column {
    const n = this.n;
    return { layout: "bool", dtype: dtypes.bool, length: n, values: fitted(this.values, n), validity: this.validity.finish(n) };
  }
}
