/**
 * How elementwise loops read an operand: a typed array indexed `values[i & mask]`, where mask is
 * −1 for a column (every row) and 0 for a scalar (a one-element array: the same slot every row).
 * One loop thus serves column–column, column–scalar and scalar–column without copying a scalar
 * into a full column. 64-bit operands are read through their 32-bit words (`words[2 * (i & mask)]`).
 *
 * @example
 * ```ts
 * const a = numberView(col, "add");            // { values: Int32Array, mask: -1 }
 * const b = numberView({ dtype: dtypes.int32, value: 5 }, "add"); // { values: Float64Array [5], mask: 0 }
 * ```
 */
import { DuskError, assertNever, formatDType, intRange, isWide, type DType, type IntKind } from "@dusk/core";
import { int64Words, type Column, type Validity } from "./column.js";
import { readInt64AsNumber, writeInt64FromNumber } from "./build.js";
import { readUint64AsNumber } from "./int64-words.js";
import { isScalar, type Operand } from "./operand.js";

/** A typed array of plain numbers (every primitive storage but the 64-bit ones, plus bool bytes). */
export type NumberArray =
  | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export interface NumberView { readonly values: NumberArray; readonly mask: number }
export interface WordView { readonly words: Int32Array; readonly mask: number; readonly unsigned: boolean }

/** The validity of an operand (a non-null scalar is valid everywhere). */
export function operandValidity(o: Operand): Validity {
  return isScalar(o) ? null : o.validity;
}

/** True when an operand is a scalar null (the result is then null everywhere). */
export function isNullScalar(o: Operand): boolean {
  return isScalar(o) && o.value === null;
}

/** Checks that a column operand has the expected length. */
export function checkLength(o: Operand, length: number, where: string): void {
  if (!isScalar(o) && o.length !== length) {
    throw new DuskError("INTERNAL", `${where}: operand has ${o.length} rows, expected ${length}`);
  }
}

/**
 * Reads a bool, 8–32-bit integer, float or date32 operand as numbers. A scalar is held in an array
 * of the same class as `like` (the other operand's values) when that holds it exactly, so that the
 * loop sees one array class (and integer `%` stays an integer operation); otherwise in a Float64Array.
 */
export function numberView(o: Operand, where: string, like?: Operand): NumberView {
  if (isScalar(o)) {
    const v = o.value;
    if (typeof v === "number") {
      if (like !== undefined && !isScalar(like) && like.layout === "primitive" && !isWide(like.dtype)) {
        const C = like.values.constructor as new (n: number) => NumberArray;
        const one = new C(1);
        one[0] = v;
        if (Object.is(one[0], v)) return { values: one, mask: 0 };
      }
      return { values: Float64Array.of(v), mask: 0 };
    }
    if (typeof v === "boolean") return { values: Uint8Array.of(v ? 1 : 0), mask: 0 };
    throw new DuskError("TYPE_MISMATCH", `${where}: expected a numeric scalar, got ${typeof v} for ${formatDType(o.dtype)}`);
  }
  const c = o as Column;
  if (c.layout === "bool") return { values: c.values, mask: -1 };
  if (c.layout === "primitive" && !isWide(c.dtype)) return { values: c.values as NumberArray, mask: -1 };
  throw new DuskError("TYPE_MISMATCH", `${where}: expected a numeric column, got ${formatDType(c.dtype)} (${c.layout})`);
}

/** Reads any numeric operand as numbers; 64-bit columns are converted to float64 (rounding above 2^53). */
export function floatView(o: Operand, where: string, like?: Operand): NumberView {
  if (isScalar(o) && typeof o.value === "bigint") return { values: Float64Array.of(Number(o.value)), mask: 0 };
  if (!isScalar(o) && o.layout === "primitive" && isWide(o.dtype)) {
    const v = o.values as BigInt64Array | BigUint64Array;
    const w = int64Words(v);
    const out = new Float64Array(o.length);
    if (v instanceof BigUint64Array) for (let i = 0; i < out.length; i++) out[i] = readUint64AsNumber(w, i);
    else for (let i = 0; i < out.length; i++) out[i] = readInt64AsNumber(w, i);
    return { values: out, mask: -1 };
  }
  return numberView(o, where, like);
}

/**
 * Reads an integer operand as 64-bit words. 64-bit columns are read in place; narrower integer
 * columns are widened (signed unless uint8..uint32); scalars are range-checked for `dtype`.
 */
export function wordView(o: Operand, where: string): WordView {
  const d = o.dtype;
  const unsigned = d.kind === "uint64" || d.kind === "uint8" || d.kind === "uint16" || d.kind === "uint32";
  if (isScalar(o)) {
    const v = o.value;
    let b: bigint;
    if (typeof v === "bigint") b = v;
    else if (typeof v === "number" && Number.isInteger(v)) b = BigInt(v);
    else throw new DuskError("TYPE_MISMATCH", `${where}: expected an integer scalar for ${formatDType(d)}, got ${String(v)}`);
    const kind: IntKind = d.kind === "timestamp" ? "int64" : d.kind === "date32" ? "int32" : d.kind as IntKind;
    const [lo, hi] = intRange(kind);
    if (b < lo || b > hi) throw new DuskError("TYPE_MISMATCH", `${where}: scalar ${b} does not fit ${formatDType(d)}`);
    const arr = unsigned ? BigUint64Array.of(b) : BigInt64Array.of(b);
    return { words: int64Words(arr), mask: 0, unsigned };
  }
  if (o.layout === "primitive") {
    const v = o.values;
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) return { words: int64Words(v), mask: -1, unsigned };
    if (!(v instanceof Float32Array || v instanceof Float64Array)) {
      const words = new Int32Array(2 * o.length);
      for (let i = 0; i < o.length; i++) writeInt64FromNumber(words, i, v[i]);
      return { words, mask: -1, unsigned };
    }
  }
  throw new DuskError("TYPE_MISMATCH", `${where}: expected an integer column, got ${formatDType(d)}`);
}

/** The inclusive range of values an integer-stored dtype holds (date32 as int32, timestamp as int64). */
export function storageRange(d: DType): readonly [bigint, bigint] {
  switch (d.kind) {
    case "date32": return intRange("int32");
    case "timestamp": return intRange("int64");
    case "int8": case "int16": case "int32": case "int64":
    case "uint8": case "uint16": case "uint32": case "uint64":
      return intRange(d.kind);
    case "bool": case "float32": case "float64": case "utf8":
      throw new DuskError("INTERNAL", `storageRange: ${formatDType(d)} is not integer-stored`);
    default:
      return assertNever(d);
  }
}
