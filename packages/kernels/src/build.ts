/**
 * Building columns from plain JS values, at the edges (fromColumns, literals, tests).
 * Values are checked against the dtype: nothing is rounded, wrapped or truncated silently.
 */
import { convertScalar, describeValue, DuskError, dtypes, formatDType, intRange, isInteger, type DType, type InputValue, type IntKind } from "@dusk/core";
import {
  allocValues, int64Words, isPrimitiveDType,
  type BoolColumn, type Column, type DictColumn, type PrimitiveColumn, type PrimitiveDType, type Scalar, type Utf8Column, type Validity,
} from "./column.js";
import { Utf8Builder } from "./utf8.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

/** Converts one JS value to the scalar representation of `dtype`, or throws naming `where` and the row. */
export function toScalarValue(v: InputValue, dtype: DType, where = "value", row = 0): Scalar["value"] {
  // raw storage values are accepted when building columns: day numbers for date32, counts of the unit for timestamps
  if (dtype.kind === "date32" && typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2147483647) return v;
  if (dtype.kind === "timestamp" && typeof v === "bigint" && v >= -(2n ** 63n) && v < 2n ** 63n) return v;
  const out = convertScalar(v, dtype);
  if (out !== undefined) return out;
  let why = "";
  if (isInteger(dtype) && typeof v === "number" && !Number.isInteger(v)) why = "not an integer";
  else if (isInteger(dtype) && (typeof v === "number" || typeof v === "bigint")) {
    const [lo, hi] = intRange(dtype.kind as IntKind);
    why = `outside ${lo}..${hi}`;
  } else if (dtype.kind === "date32" && v instanceof Date) why = "not midnight UTC; use a timestamp dtype";
  else if (dtype.kind === "date32") why = "expected a Date or YYYY-MM-DD";
  else if (dtype.kind === "timestamp" && v instanceof Date && dtype.unit === "s") why = "has milliseconds; use timestamp[ms]";
  else if (dtype.kind === "timestamp") why = "expected a Date or an ISO 8601 string";
  throw new DuskError("INVALID_ARGUMENT",
    `${where}: value ${describeValue(v)} at row ${row} cannot be stored as ${formatDType(dtype)}${why ? ` (${why})` : ""}`,
    { row, dtype: formatDType(dtype) });
}

/** Builds a column of `dtype` from JS values (null/undefined are nulls). */
export function columnFromValues(dtype: DType, values: ArrayLike<InputValue>, where = "column"): Column {
  const n = values.length;
  let validity: Uint8Array | null = null;
  const markNull = (i: number): void => {
    if (validity === null) validity = new Uint8Array(bitmapBytes(n)).fill(0xff);
    validity[i >> 3] &= ~(1 << (i & 7));
  };
  const finishValidity = (): Validity => {
    if (validity === null) return null;
    const tail = n & 7;
    if (tail !== 0) (validity as Uint8Array)[validity.length - 1] &= (1 << tail) - 1;
    return normalizeValidity(validity, n);
  };
  if (dtype.kind === "bool") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = toScalarValue(values[i], dtype, where, i);
      if (v === null) markNull(i); else out[i] = v ? 1 : 0;
    }
    return { layout: "bool", dtype: dtypes.bool, length: n, values: out, validity: finishValidity() } satisfies BoolColumn;
  }
  if (dtype.kind === "utf8") {
    const b = new Utf8Builder(n, n * 8);
    for (let i = 0; i < n; i++) {
      const v = toScalarValue(values[i], dtype, where, i);
      if (v === null) b.appendNull(); else b.append(v as string);
    }
    return b.finish();
  }
  const pd = dtype as PrimitiveDType;
  const out = allocValues(pd, n);
  for (let i = 0; i < n; i++) {
    const v = toScalarValue(values[i], dtype, where, i);
    if (v === null) markNull(i);
    else (out as unknown as { [k: number]: number | bigint })[i] = v as number | bigint;
  }
  return { layout: "primitive", dtype: pd, length: n, values: out, validity: finishValidity() } satisfies PrimitiveColumn;
}

/** A column of `length` copies of a scalar (nulls when the value is null). */
export function columnFromScalar(s: Scalar, length: number): Column {
  if (s.value === null) return nullColumn(s.dtype, length);
  if (s.dtype.kind === "bool") {
    return { layout: "bool", dtype: dtypes.bool, length, values: new Uint8Array(length).fill(s.value ? 1 : 0), validity: null };
  }
  if (s.dtype.kind === "utf8") {
    // one dictionary entry, every code 0
    const dictionary = columnFromValues(dtypes.utf8, [s.value as string]) as Utf8Column;
    return { layout: "dict", dtype: dtypes.utf8, length, codes: new Int32Array(length), dictionary, validity: null } satisfies DictColumn;
  }
  const pd = s.dtype as PrimitiveDType;
  const out = allocValues(pd, length);
  (out as unknown as { fill(v: number | bigint): void }).fill(s.value as number | bigint);
  return { layout: "primitive", dtype: pd, length, values: out, validity: null };
}

/** A column of `length` nulls. */
export function nullColumn(dtype: DType, length: number): Column {
  const validity = length === 0 ? null : new Uint8Array(bitmapBytes(length));
  if (dtype.kind === "bool") return { layout: "bool", dtype: dtypes.bool, length, values: new Uint8Array(length), validity };
  if (dtype.kind === "utf8") {
    return { layout: "utf8", dtype: dtypes.utf8, length, offsets: new Int32Array(length + 1), data: new Uint8Array(0), validity };
  }
  if (!isPrimitiveDType(dtype)) throw new DuskError("INTERNAL", `nullColumn: ${formatDType(dtype)}`);
  return { layout: "primitive", dtype, length, values: allocValues(dtype, length), validity };
}

/** An empty column of a dtype. */
export const emptyColumn = (dtype: DType): Column => nullColumn(dtype, 0);

/** Writes a float64 holding an integer of magnitude < 2^53 into int64 words at row i. */
export function writeInt64FromNumber(words: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / 4294967296);
  words[2 * i] = (x - hi * 4294967296) | 0;
  words[2 * i + 1] = hi | 0;
}

/** Reads int64 words at row i as a number; exact when |value| < 2^53. */
export function readInt64AsNumber(words: Int32Array, i: number): number {
  return words[2 * i + 1] * 4294967296 + (words[2 * i] >>> 0);
}

/** A BigInt64Array holding the integers of a Float64Array (each must be an integer of magnitude < 2^53). */
export function int64FromFloat64(src: Float64Array): BigInt64Array {
  const out = new BigInt64Array(src.length);
  const w = int64Words(out);
  for (let i = 0; i < src.length; i++) writeInt64FromNumber(w, i, src[i]);
  return out;
}

export type { InputValue };
