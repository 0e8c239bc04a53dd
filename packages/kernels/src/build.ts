/**
 * Building columns from plain JS values, at the edges (fromColumns, literals, tests).
 * Values are checked against the dtype: nothing is rounded, wrapped or truncated silently.
 */
import { DuskError, dtypes, formatDType, intRange, isInteger, type DType, type IntKind, type TimeUnit } from "@dusk/core";
import {
  allocValues, int64Words, isPrimitiveDType,
  type BoolColumn, type Column, type DictColumn, type PrimitiveColumn, type PrimitiveDType, type Scalar, type Utf8Column, type Validity,
} from "./column.js";
import { Utf8Builder } from "./utf8.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

/** A JS value as users give it; Dates are accepted for date32 and timestamp columns. */
export type InputValue = boolean | number | bigint | string | Date | null | undefined;

const MS_PER_DAY = 86_400_000;

/** Units per millisecond, as a multiplier (or divisor for seconds). */
export function timestampFromMillis(ms: number, unit: TimeUnit): bigint {
  const whole = Math.trunc(ms);
  if (whole !== ms) {
    throw new DuskError("INVALID_ARGUMENT", `timestamp ${ms} ms has a fraction of a millisecond`);
  }
  const b = BigInt(whole);
  switch (unit) {
    case "s": {
      if (b % 1000n !== 0n) {
        throw new DuskError("INVALID_ARGUMENT", `timestamp ${new Date(ms).toISOString()} has milliseconds and cannot be stored as timestamp[s] exactly; use timestamp[ms]`);
      }
      return b / 1000n;
    }
    case "ms": return b;
    case "us": return b * 1000n;
    case "ns": return b * 1_000_000n;
  }
}

function describe(v: InputValue): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function bad(v: InputValue, dtype: DType, where: string, row: number, why = ""): DuskError {
  return new DuskError("INVALID_ARGUMENT",
    `${where}: value ${describe(v)} at row ${row} cannot be stored as ${formatDType(dtype)}${why ? ` (${why})` : ""}`,
    { row, dtype: formatDType(dtype) });
}

/** Converts one JS value to the scalar representation of `dtype` (see ScalarValue). */
export function toScalarValue(v: InputValue, dtype: DType, where = "value", row = 0): Scalar["value"] {
  if (v === null || v === undefined) return null;
  // NaN given as input means "missing", as in pandas; NaN computed by arithmetic stays a float value.
  if (typeof v === "number" && Number.isNaN(v)) return null;
  switch (dtype.kind) {
    case "bool":
      if (typeof v === "boolean") return v;
      throw bad(v, dtype, where, row);
    case "float32": case "float64":
      if (typeof v === "number") return v;
      if (typeof v === "bigint") {
        const n = Number(v);
        if (BigInt(n) !== v) throw bad(v, dtype, where, row, "not exactly representable");
        return n;
      }
      throw bad(v, dtype, where, row);
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
    case "int64": case "uint64": {
      let b: bigint;
      if (typeof v === "number") {
        if (!Number.isInteger(v)) throw bad(v, dtype, where, row, "not an integer");
        b = BigInt(v);
      } else if (typeof v === "bigint") b = v;
      else throw bad(v, dtype, where, row);
      const [lo, hi] = intRange(dtype.kind as IntKind);
      if (b < lo || b > hi) throw bad(v, dtype, where, row, `outside ${lo}..${hi}`);
      return dtype.kind === "int64" || dtype.kind === "uint64" ? b : Number(b);
    }
    case "utf8":
      if (typeof v === "string") return v;
      throw bad(v, dtype, where, row);
    case "date32": {
      if (v instanceof Date) {
        const ms = v.getTime();
        if (Number.isNaN(ms)) throw bad(v, dtype, where, row, "invalid Date");
        if (ms % MS_PER_DAY !== 0) throw bad(v, dtype, where, row, "not midnight UTC; use a timestamp dtype");
        return ms / MS_PER_DAY;
      }
      if (typeof v === "number" && Number.isInteger(v)) return v;
      if (typeof v === "string") {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
        if (m) {
          const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
          if (new Date(ms).toISOString().slice(0, 10) === v) return ms / MS_PER_DAY;
        }
      }
      throw bad(v, dtype, where, row, "expected a Date, a day number or YYYY-MM-DD");
    }
    case "timestamp": {
      if (v instanceof Date) {
        const ms = v.getTime();
        if (Number.isNaN(ms)) throw bad(v, dtype, where, row, "invalid Date");
        return timestampFromMillis(ms, dtype.unit);
      }
      if (typeof v === "bigint") return v;
      if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
      throw bad(v, dtype, where, row, `expected a Date or a count of ${dtype.unit}`);
    }
  }
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

export { isInteger };
