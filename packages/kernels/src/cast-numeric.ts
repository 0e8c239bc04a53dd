/**
 * Casts between bool, integer, float and the raw storage of date32 (int32 days) and timestamps
 * (int64 units): range-checked, never wrapping or saturating.
 *
 * - int → int: range-checked. float → int: truncated toward zero; NaN, ±Infinity and values out of
 *   range fail. int/float → float: plain conversion (int64 → float64 may round: an explicit cast).
 * - bool → number: 0 / 1. number → bool: non-zero is true; NaN fails.
 * - int ↔ date32 / timestamp: the raw day / unit count, range-checked.
 *
 * Each checking loop stops at the first row that does not fit; the driver skips it when null and
 * throws CAST_FAILED otherwise.
 *
 * @example
 * ```ts
 * castNumeric(columnFromValues(dtypes.float64, [1.9, -1.9]), dtypes.int8, "cast"); // [1, -1]
 * ```
 */
import { DuskError, assertNever, formatDType, type DType } from "@dusk/core";
import { allocValues, arrayTypeFor, int64Words, type BoolColumn, type Column, type PrimitiveColumn, type PrimitiveDType } from "./column.js";
import { castError } from "./cast-error.js";
import { formatValue } from "./format.js";
import { bigIntAt } from "./int64-words.js";
import { zeroNullSlots } from "./null-slots.js";
import { storageRange, type NumberArray } from "./numeric-view.js";
import { specialize } from "./specialize.js";
import { isValid } from "./validity.js";

function toNarrowLoop(src: NumberArray, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const t = Math.trunc(src[i]);
    if (!(t >= lo && t <= hi)) return i;
    out[i] = t;
  }
  return -1;
}
function toBoolLoop(src: NumberArray, out: Uint8Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const x = src[i];
    if (x !== x) return i;
    out[i] = x !== 0 ? 1 : 0;
  }
  return -1;
}
/** Numbers to int64 words; lo / hiExclusive bound the truncated value (−2^63..2^63 or 0..2^64). */
function toWideLoop(src: NumberArray, out: Int32Array, from: number, n: number, lo: number, hiExclusive: number): number {
  for (let i = from; i < n; i++) {
    const t = Math.trunc(src[i]);
    if (!(t >= lo && t < hiExclusive)) return i;
    const h = Math.floor(t / 4294967296);
    out[2 * i] = (t - h * 4294967296) | 0;
    out[2 * i + 1] = h | 0;
  }
  return -1;
}
function wideToNarrowLoop(w: Int32Array, unsigned: boolean, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const h = w[2 * i + 1];
    const x = (unsigned ? h >>> 0 : h) * 4294967296 + (w[2 * i] >>> 0);
    if (x < lo || x > hi) return i;
    out[i] = x;
  }
  return -1;
}
function wideToFloatLoop(w: Int32Array, unsigned: boolean, out: NumberArray, n: number): void {
  for (let i = 0; i < n; i++) {
    const h = w[2 * i + 1];
    out[i] = (unsigned ? h >>> 0 : h) * 4294967296 + (w[2 * i] >>> 0);
  }
}
/** int64 ↔ uint64: the values must have the sign bit clear. */
function signBitLoop(w: Int32Array, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const h = w[2 * i + 1];
    if (h < 0) return i;
    out[2 * i] = w[2 * i];
    out[2 * i + 1] = h;
  }
  return -1;
}

type Storage = "bool" | "narrow" | "float" | "wide";

function storageOf(d: DType): Storage {
  switch (d.kind) {
    case "bool": return "bool";
    case "float32": case "float64": return "float";
    case "int64": case "uint64": case "timestamp": return "wide";
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": case "date32": return "narrow";
    case "utf8": throw new DuskError("INTERNAL", "castNumeric: utf8");
    default: return assertNever(d);
  }
}

/** Runs a checking loop to the end, skipping null rows and throwing on a valid one that fails. */
function drive(c: Column, to: DType, where: string, why: (row: number) => string, step: (from: number) => number): void {
  for (let from = 0; from < c.length;) {
    const i = step(from);
    if (i < 0) return;
    if (isValid(c.validity, i)) {
      throw castError(where, i, describeAt(c, i), c.dtype, to, why(i));
    }
    from = i + 1;
  }
}

/** The value at row i of a bool or primitive column, as text for a message. */
export function describeAt(c: Column, i: number): string {
  if (c.layout === "bool") return c.values[i] !== 0 ? "true" : "false";
  if (c.layout !== "primitive") return "?";
  const v = c.values;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    const b = bigIntAt(int64Words(v), i, v instanceof BigUint64Array);
    return c.dtype.kind === "timestamp" ? `${b} (${formatValue(b, c.dtype)})` : String(b);
  }
  const x = v[i];
  if (c.dtype.kind === "date32") return `${x} (${formatValue(x, c.dtype)})`;
  return String(x);
}

/** True when every value of integer-stored `inner` fits `outer`. */
function contains(outer: DType, inner: DType): boolean {
  if (inner.kind === "float32" || inner.kind === "float64") return false;
  const [a, b] = storageRange(outer), [c, d] = storageRange(inner);
  return a <= c && d <= b;
}

function rangeWhy(to: DType): string {
  const [lo, hi] = storageRange(to);
  return `outside ${formatDType(to)} range ${lo}..${hi}`;
}

/** Casts a bool or primitive column to a bool or primitive dtype (see the file comment). */
export function castNumeric(c: Column, to: DType, where: string): Column {
  if (c.layout !== "bool" && c.layout !== "primitive") throw new DuskError("INTERNAL", `castNumeric: ${c.layout}`);
  const n = c.length;
  const validity = c.validity;
  const src = storageOf(c.dtype);
  const dst = storageOf(to);
  if (dst === "bool") {
    const out = new Uint8Array(n);
    if (src === "wide") {
      const w = int64Words((c as PrimitiveColumn).values as BigInt64Array);
      for (let i = 0; i < n; i++) out[i] = (w[2 * i] | w[2 * i + 1]) !== 0 ? 1 : 0;
    } else {
      const v = c.values as NumberArray;
      const loop = specialize(toBoolLoop, v);
      drive(c, to, where, () => "NaN is neither true nor false", (from) => loop(v, out, from, n));
    }
    zeroNullSlots(out, validity, n);
    return { layout: "bool", dtype: to as BoolColumn["dtype"], length: n, values: out, validity } satisfies BoolColumn;
  }
  const pto = to as PrimitiveDType;
  // same storage class (int32 ↔ date32, int64 ↔ timestamp): the values are shared as they are
  if (c.layout === "primitive" && c.values.constructor === arrayTypeFor(pto) && src !== "float") {
    return { layout: "primitive", dtype: pto, length: n, values: c.values, validity };
  }
  const values = allocValues(pto, n);
  if (dst === "float") {
    if (src === "wide") {
      const v = (c as PrimitiveColumn).values as BigInt64Array | BigUint64Array;
      specialize(wideToFloatLoop, values)(int64Words(v), v instanceof BigUint64Array, values as NumberArray, n);
    } else (values as NumberArray).set(c.values as NumberArray);
  } else if (dst === "narrow") {
    const [blo, bhi] = storageRange(to);
    const lo = Number(blo), hi = Number(bhi);
    const out = values as NumberArray;
    if (src === "wide") {
      const v = (c as PrimitiveColumn).values as BigInt64Array | BigUint64Array;
      const w = int64Words(v), unsigned = v instanceof BigUint64Array;
      const loop = specialize(wideToNarrowLoop, out);
      drive(c, to, where, () => rangeWhy(to), (from) => loop(w, unsigned, out, from, n, lo, hi));
    } else if (src === "bool" || contains(to, c.dtype)) out.set(c.values as NumberArray);
    else {
      const v = c.values as NumberArray;
      const loop = specialize(toNarrowLoop, v, out);
      const why = (i: number): string => {
        const x = v[i];
        return x !== x ? "NaN has no integer value" : !Number.isFinite(x) ? "infinite" : rangeWhy(to);
      };
      drive(c, to, where, why, (from) => loop(v, out, from, n, lo, hi));
    }
  } else {
    const out = int64Words(values as BigInt64Array | BigUint64Array);
    const unsignedTo = to.kind === "uint64";
    if (src === "wide") {
      const v = (c as PrimitiveColumn).values as BigInt64Array | BigUint64Array;
      const w = int64Words(v);
      if ((v instanceof BigUint64Array) === unsignedTo) out.set(w);
      else drive(c, to, where, () => rangeWhy(to), (from) => signBitLoop(w, out, from, n));
    } else {
      const v = c.values as NumberArray;
      const lo = unsignedTo ? 0 : -9223372036854775808;
      const hiEx = unsignedTo ? 18446744073709551616 : 9223372036854775808;
      const loop = specialize(toWideLoop, v);
      const why = (i: number): string => {
        const x = v[i];
        return x !== x ? "NaN has no integer value" : !Number.isFinite(x) ? "infinite" : rangeWhy(to);
      };
      drive(c, to, where, why, (from) => loop(v, out, from, n, lo, hiEx));
    }
  }
  zeroNullSlots(values, validity, n);
  return { layout: "primitive", dtype: pto, length: n, values, validity } satisfies PrimitiveColumn;
}
