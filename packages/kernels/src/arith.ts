/**
 * Elementwise arithmetic: `add sub mul div mod pow` on columns and scalars, and `negate`.
 *
 * The binder guarantees the operand dtypes: add/sub/mul/mod operands share one physical storage
 * (int32 and int32, date32 and int32, timestamp and int64, ...) and `outType` is the result dtype,
 * whose range integer results are checked against; div and pow produce float64 (float32 when both
 * operands are float32). Nulls propagate; a null scalar makes the whole result null.
 *
 * - Integer add/sub/mul never wrap: a valid row whose result leaves `outType` throws INT_OVERFLOW
 *   naming `where`, the row and the operands (see arith-int.ts and arith-int64.ts).
 * - mod is floor modulo, taking the sign of the divisor (−7 mod 3 = 2, 7 mod −3 = −2, as in
 *   Python/pandas). Integer mod by zero is null; float mod by zero is NaN.
 * - div is true division into floats: x/0 = ±Infinity, 0/0 = NaN.
 *
 * @example
 * ```ts
 * const a = columnFromValues(dtypes.int32, [7, -7, null]);
 * arith("mod", a, { dtype: dtypes.int32, value: 3 }, dtypes.int32, 3);   // [1, 2, null]
 * arith("div", a, { dtype: dtypes.int32, value: 0 }, dtypes.float64, 3); // [Infinity, -Infinity, null]
 * ```
 */
import { DuskError, assertNever, formatDType, type DType } from "@dusk/core";
import { allocValues, int64Words, type Column, type PrimitiveColumn } from "./column.js";
import { nullColumn } from "./build.js";
import { andValidity, isValid } from "./validity.js";
import { arithFloat } from "./arith-float.js";
import { arithNarrow } from "./arith-int.js";
import { arithWide } from "./arith-int64.js";
import { overflowError } from "./arith-error.js";
import { bigIntAt } from "./int64-words.js";
import { zeroNullSlots } from "./null-slots.js";
import { checkLength, isNullScalar, operandValidity, type NumberArray } from "./numeric-view.js";
import type { Operand } from "./operand.js";
import { specialize } from "./specialize.js";

export type ArithOp = "add" | "sub" | "mul" | "div" | "mod" | "pow";

/**
 * `left op right` elementwise over `length` rows, as `outType`.
 *
 * @param where names the expression in error messages (e.g. `"col(a) + col(b)"`).
 * @example
 * ```ts
 * arith("add", col, { dtype: dtypes.int64, value: 1n }, dtypes.int64, col.length, "col(x) + 1");
 * ```
 */
export function arith(op: ArithOp, left: Operand, right: Operand, outType: DType, length: number, where: string = op): Column {
  checkLength(left, length, where);
  checkLength(right, length, where);
  if (isNullScalar(left) || isNullScalar(right)) return nullColumn(outType, length);
  const validity = andValidity(operandValidity(left), operandValidity(right), length);
  switch (outType.kind) {
    case "float32": case "float64":
      return arithFloat(op, left, right, outType, length, validity, where);
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": case "date32":
    case "int64": case "uint64": case "timestamp": {
      if (op === "div" || op === "pow") {
        throw new DuskError("INTERNAL", `${where}: ${op} produces floats, but the result dtype is ${formatDType(outType)}`);
      }
      const wide = outType.kind === "int64" || outType.kind === "uint64" || outType.kind === "timestamp";
      return wide
        ? arithWide(op, left, right, outType, length, validity, where)
        : arithNarrow(op, left, right, outType, length, validity, where);
    }
    case "bool": case "utf8":
      throw new DuskError("TYPE_MISMATCH", `${where}: arithmetic cannot produce ${formatDType(outType)}`);
    default:
      return assertNever(outType);
  }
}

function negFloat(a: NumberArray, out: NumberArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = -a[i];
}
function negSigned(a: NumberArray, out: NumberArray, from: number, n: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const r = -a[i];
    if (r > hi) return i;
    out[i] = r;
  }
  return -1;
}
function negUnsigned(a: NumberArray, _out: NumberArray, from: number, n: number): number {
  // the output is zeroed already: only 0 negates within an unsigned type
  for (let i = from; i < n; i++) if (a[i] !== 0) return i;
  return -1;
}
function negWideSigned(a: Int32Array, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const lo = a[2 * i], hi = a[2 * i + 1];
    if (lo === 0) {
      if (hi === -2147483648) return i;
      out[2 * i + 1] = -hi;
    } else {
      out[2 * i] = -lo;
      out[2 * i + 1] = ~hi;
    }
  }
  return -1;
}
function negWideUnsigned(a: Int32Array, _out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) if (a[2 * i] !== 0 || a[2 * i + 1] !== 0) return i;
  return -1;
}

/**
 * `-x` for a numeric column. Integer negation is range-checked: −(−128) in int8 and −5 in uint8
 * throw INT_OVERFLOW (nulls are skipped).
 *
 * @example
 * ```ts
 * negate(columnFromValues(dtypes.int8, [1, null, -127])); // [-1, null, 127]
 * ```
 */
export function negate(x: Column, where = "negate"): Column {
  const n = x.length;
  if (x.layout !== "primitive" || x.dtype.kind === "date32" || x.dtype.kind === "timestamp") {
    throw new DuskError("TYPE_MISMATCH", `${where}: cannot negate ${formatDType(x.dtype)}; negation needs a numeric column`);
  }
  const dtype = x.dtype;
  const validity = x.validity;
  const values = allocValues(dtype, n);
  const k = dtype.kind;
  if (k === "float32" || k === "float64") {
    specialize(negFloat, x.values, values)(x.values as NumberArray, values as NumberArray, n);
    zeroNullSlots(values, validity, n);
    return { layout: "primitive", dtype, length: n, values, validity } satisfies PrimitiveColumn;
  }
  if (k === "int64" || k === "uint64") {
    const a = int64Words(x.values as BigInt64Array | BigUint64Array);
    const out = int64Words(values as BigInt64Array | BigUint64Array);
    const loop = k === "int64" ? negWideSigned : negWideUnsigned;
    for (let from = 0; from < n;) {
      const i = loop(a, out, from, n);
      if (i < 0) break;
      if (isValid(validity, i)) throw overflowError(where, i, "neg", bigIntAt(a, i, k === "uint64"), 0, dtype);
      from = i + 1;
    }
  } else {
    const a = x.values as NumberArray;
    const out = values as NumberArray;
    const unsigned = k === "uint8" || k === "uint16" || k === "uint32";
    const hi = k === "int8" ? 127 : k === "int16" ? 32767 : 2147483647;
    const loop = unsigned ? specialize(negUnsigned, a, out) : specialize(negSigned, a, out);
    for (let from = 0; from < n;) {
      const i = loop(a, out, from, n, hi);
      if (i < 0) break;
      if (isValid(validity, i)) throw overflowError(where, i, "neg", a[i], 0, dtype);
      out[i] = 0;
      from = i + 1;
    }
  }
  zeroNullSlots(values, validity, n);
  return { layout: "primitive", dtype, length: n, values, validity } satisfies PrimitiveColumn;
}
