/**
 * Columns as kernels see them: typed arrays in Arrow's layout, with no offsets to apply.
 *
 * - `validity` is an Arrow validity bitmap (bit i of byte i>>3, least significant bit first; 1 = valid),
 *   starting at row 0; `null` means every row is valid. Values under a null slot are unspecified
 *   (kernels write 0 there) and must never be read as data.
 * - bool is kept one byte per row (0 or 1) so masks are cheap to build and read; it is bit-packed
 *   only when handed to Arrow.
 * - utf8 is either plain (`offsets` + UTF-8 `data`) or dictionary-encoded (`codes` into a plain
 *   dictionary without nulls). Both have dtype utf8; kernels pick the loop from `layout`.
 * - int64, uint64 and timestamp are stored in BigInt64Array / BigUint64Array. Hot loops read them
 *   through an Int32Array view of the same buffer (see {@link int64Words}) to avoid BigInt boxing.
 *
 * Columns are immutable once built: kernels return new columns and may share buffers with inputs.
 */
import type { BoolType, Date32Type, DType, FloatType, IntType, TimestampType, Utf8Type } from "@dusk/core";

export type Validity = Uint8Array | null;

export type NumericArray =
  | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint16Array | Uint32Array
  | Float32Array | Float64Array
  | BigInt64Array | BigUint64Array;

export type PrimitiveDType = IntType | FloatType | Date32Type | TimestampType;

export interface BoolColumn {
  readonly layout: "bool";
  readonly dtype: BoolType;
  readonly length: number;
  /** One byte per row: 0 or 1. */
  readonly values: Uint8Array;
  readonly validity: Validity;
}

export interface PrimitiveColumn {
  readonly layout: "primitive";
  readonly dtype: PrimitiveDType;
  readonly length: number;
  /** Exactly `length` values, of the array type {@link arrayTypeFor} gives for `dtype`. */
  readonly values: NumericArray;
  readonly validity: Validity;
}

export interface Utf8Column {
  readonly layout: "utf8";
  readonly dtype: Utf8Type;
  readonly length: number;
  /** `length + 1` offsets into `data`; offsets[0] may be non-zero. */
  readonly offsets: Int32Array;
  /** UTF-8 bytes. */
  readonly data: Uint8Array;
  readonly validity: Validity;
}

export interface DictColumn {
  readonly layout: "dict";
  readonly dtype: Utf8Type;
  readonly length: number;
  /** Index into `dictionary` per row; unspecified (0) under null rows. */
  readonly codes: Int32Array;
  /** Distinct-or-not strings, never null. */
  readonly dictionary: Utf8Column;
  readonly validity: Validity;
}

export type Column = BoolColumn | PrimitiveColumn | Utf8Column | DictColumn;
export type Layout = Column["layout"];

/** A partition: equal-length named columns. */
export interface Batch {
  readonly names: readonly string[];
  readonly columns: readonly Column[];
  readonly length: number;
}

/** A single value of a dtype: number for 8–32-bit ints, floats and date32; bigint for int64, uint64 and timestamp. */
export type ScalarValue = boolean | number | bigint | string | null;

export interface Scalar {
  readonly dtype: DType;
  readonly value: ScalarValue;
}

export type ArrayConstructorFor =
  | Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor
  | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor
  | Float32ArrayConstructor | Float64ArrayConstructor
  | BigInt64ArrayConstructor | BigUint64ArrayConstructor;

/** The typed-array class that stores values of a primitive dtype. */
export function arrayTypeFor(dtype: PrimitiveDType): ArrayConstructorFor {
  switch (dtype.kind) {
    case "int8": return Int8Array;
    case "int16": return Int16Array;
    case "int32": return Int32Array;
    case "int64": return BigInt64Array;
    case "uint8": return Uint8Array;
    case "uint16": return Uint16Array;
    case "uint32": return Uint32Array;
    case "uint64": return BigUint64Array;
    case "float32": return Float32Array;
    case "float64": return Float64Array;
    case "date32": return Int32Array;
    case "timestamp": return BigInt64Array;
  }
}

/** Allocates a zeroed value array for `length` rows of a primitive dtype. */
export function allocValues(dtype: PrimitiveDType, length: number, shared = false): NumericArray {
  return allocArray(arrayTypeFor(dtype), length, shared);
}

/**
 * A zeroed typed array of `length`; in shared memory when `shared` (a result bound for another
 * thread then crosses without a copy).
 */
export function allocArray<C extends ArrayConstructorFor>(C: C, length: number, shared: boolean): InstanceType<C> {
  const make = C as unknown as new (b: ArrayBufferLike | number) => InstanceType<C>;
  return shared ? new make(new SharedArrayBuffer(length * C.BYTES_PER_ELEMENT)) : new make(length);
}

/** True for dtypes whose values are stored 64 bits wide (BigInt64Array / BigUint64Array). */
export function isWideArray(values: NumericArray): values is BigInt64Array | BigUint64Array {
  return values instanceof BigInt64Array || values instanceof BigUint64Array;
}

/**
 * The int64/uint64/timestamp values of a column as 32-bit words, two per row (low word first, as
 * on every little-endian platform Node runs on): row i is `lo = w[2i] >>> 0`, `hi = w[2i + 1]`.
 */
export function int64Words(values: BigInt64Array | BigUint64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

export function isPrimitiveDType(dtype: DType): dtype is PrimitiveDType {
  return dtype.kind !== "bool" && dtype.kind !== "utf8";
}
