/**
 * int8, int16, int32, uint8, uint16 and uint32 columns: parsed into one growable Int32Array (so the
 * loop sees one array class), range-checked per dtype, converted to the dtype's array at the end
 * (uint32 by reinterpreting the same bits).
 */
import { dtypes, type IntType } from "@dusk/core";
import { parseIntBytes, type Column, type NumericArray } from "@dusk/kernels";
import { FAST_GENERIC, FAST_SMALL_INT, fitted, growInt32, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { needsNaFirst } from "./na-first.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

export type SmallIntKind = "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32";

/** The values each small int dtype holds. */
export const SMALL_INT_RANGE: Readonly<Record<SmallIntKind, readonly [number, number]>> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
  uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295],
};

export class SmallIntBuilder implements ColumnBuilder {
  /** Values (uint32 as the same bits). */
  values: Int32Array = new Int32Array(1024);
  readonly validity = new ValidityBuilder();
  readonly min: number;
  readonly max: number;
  readonly fastKind: FastKind;
  private n = 0;
  private readonly naFirst: boolean;

  constructor(private readonly ctx: BuilderContext, private readonly kind: SmallIntKind) {
    [this.min, this.max] = SMALL_INT_RANGE[kind];
    this.naFirst = needsNaFirst(ctx.na, (b) => { const v = parseIntBytes(b, 0, b.length); return v >= this.min && v <= this.max; });
    this.fastKind = this.naFirst ? FAST_GENERIC : FAST_SMALL_INT;
  }

  get length(): number { return this.n; }

  reserve(extra: number, expected = 0): void {
    this.values = growInt32(this.values, this.n, this.n + extra, expected);
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    if (this.naFirst && na.matches(b, s, e)) { this.validity.setNull(r); this.values[r] = 0; return true; }
    const v = parseIntBytes(b, s, e);
    if (v >= this.min && v <= this.max) { this.values[r] = v; return true; }
    if (na.matches(b, s, e)) { this.validity.setNull(r); this.values[r] = 0; return true; }
    return false;
  }

  commit(n: number): void { this.n = n; }

  finish(): Column { return smallIntColumn(this.kind, this.values, this.n, this.validity); }
}

/**
 * The column of `n` staged values (an Int32Array holding every small int dtype, uint32 as the same
 * bits), in the dtype's own array: int32 and uint32 reuse the buffer, narrower kinds copy.
 */
export function smallIntColumn(kind: SmallIntKind, staging: Int32Array, n: number, validity: ValidityBuilder): Column {
  const staged = staging.subarray(0, n);
  let values: NumericArray;
  switch (kind) {
    case "int32": values = fitted(staging, n); break;
    case "uint32": { const f = fitted(staging, n); values = new Uint32Array(f.buffer, f.byteOffset, n); break; }
    case "int8": values = new Int8Array(staged); break;
    case "int16": values = new Int16Array(staged); break;
    case "uint8": values = new Uint8Array(staged); break;
    case "uint16": values = new Uint16Array(staged); break;
  }
  return { layout: "primitive", dtype: dtypes[kind] as IntType, length: n, values, validity: validity.finish(n) };
}
