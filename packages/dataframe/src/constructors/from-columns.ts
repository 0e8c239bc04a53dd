/**
 * A lazy DataFrame over columns of JS values or typed arrays, split into partitions of nearly
 * equal size. Values are copied; NaN means missing (null), as in pandas.
 */
import { DuskError, dtypes as dt, parseDType, type DType, type DTypeLike, type InputValue } from "@dusk/core";
import {
  allocValues, bitmapBytes, columnFromValues, dictEncodeIfWorthwhile, normalizeValidity, type Batch, type Column, type PrimitiveDType,
} from "@dusk/kernels";
import type { LogicalNode } from "@dusk/plan";
import { inferDType } from "./infer.js";
import { checkNpartitions, memoryScan, splitBatch } from "./partition.js";

export type TypedColumnArray =
  | Float64Array | Float32Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array;

export type ColumnData = readonly InputValue[] | TypedColumnArray;

export interface FromColumnsOptions {
  /** Number of partitions (default 1). */
  readonly npartitions?: number;
  /** dtypes for some columns, instead of inferring them. */
  readonly dtypes?: Readonly<Record<string, DTypeLike>>;
}

function typedArrayDType(a: TypedColumnArray): PrimitiveDType {
  if (a instanceof Float64Array) return dt.float64;
  if (a instanceof Float32Array) return dt.float32;
  if (a instanceof Int8Array) return dt.int8;
  if (a instanceof Int16Array) return dt.int16;
  if (a instanceof Int32Array) return dt.int32;
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return dt.uint8;
  if (a instanceof Uint16Array) return dt.uint16;
  if (a instanceof Uint32Array) return dt.uint32;
  if (a instanceof BigInt64Array) return dt.int64;
  return dt.uint64;
}

function fromTypedArray(a: TypedColumnArray): Column {
  const dtype = typedArrayDType(a);
  const values = allocValues(dtype, a.length);
  (values as { set(x: ArrayLike<number | bigint>): void }).set(a as ArrayLike<number | bigint>);
  let validity: Uint8Array | null = null;
  if (a instanceof Float64Array || a instanceof Float32Array) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== a[i]) {
        validity ??= new Uint8Array(bitmapBytes(a.length)).fill(0xff);
        validity[i >> 3] &= ~(1 << (i & 7));
        (values as Float64Array)[i] = 0;
      }
    }
  }
  return { layout: "primitive", dtype, length: a.length, values, validity: normalizeValidity(validity, a.length) };
}

function isTypedArray(x: unknown): x is TypedColumnArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** One column from user data, with its dtype. */
export function buildColumn(name: string, data: ColumnData, dtype: DType | undefined): Column {
  if (isTypedArray(data) && dtype === undefined) return fromTypedArray(data);
  if (!isTypedArray(data) && !Array.isArray(data)) {
    throw new DuskError("INVALID_ARGUMENT", `column "${name}" must be an array or a typed array, got ${typeof data}`);
  }
  const values = data as ArrayLike<InputValue>;
  const t = dtype ?? inferDType(values, name);
  return dictEncodeIfWorthwhile(columnFromValues(t, values, `column "${name}"`));
}

/** The scan over user columns. */
export function fromColumnsPlan(data: Readonly<Record<string, ColumnData>>, options: FromColumnsOptions = {}): LogicalNode {
  const npartitions = checkNpartitions(options.npartitions ?? 1, "fromColumns");
  const names = Object.keys(data);
  if (names.length === 0) throw new DuskError("INVALID_ARGUMENT", "fromColumns needs at least one column");
  for (const k of Object.keys(options.dtypes ?? {})) {
    if (!names.includes(k)) throw new DuskError("COLUMN_NOT_FOUND", `fromColumns: dtypes names column "${k}", which is not among ${names.join(", ")}`);
  }
  const lengths = names.map((n) => data[n].length);
  if (lengths.some((l) => l !== lengths[0])) {
    throw new DuskError("INVALID_ARGUMENT",
      `fromColumns: columns have different lengths (${names.map((n, i) => `${n}: ${lengths[i]}`).join(", ")}); every column needs the same number of values`);
  }
  const columns = names.map((n) => {
    const d = options.dtypes?.[n];
    return buildColumn(n, data[n], d === undefined ? undefined : parseDType(d, `dtype of column "${n}"`));
  });
  const batch: Batch = { names, columns, length: lengths[0] };
  return memoryScan(names, columns.map((c) => c.dtype), splitBatch(batch, npartitions));
}

/** The scan over an array of records (`{ column: value }` objects); missing fields are null. */
export function fromRecordsPlan(records: readonly Readonly<Record<string, InputValue>>[], options: FromColumnsOptions = {}): LogicalNode {
  if (!Array.isArray(records)) throw new DuskError("INVALID_ARGUMENT", "fromRecords needs an array of objects");
  const names: string[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (r === null || typeof r !== "object") throw new DuskError("INVALID_ARGUMENT", `fromRecords: record ${i} is not an object`);
    for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  });
  for (const k of Object.keys(options.dtypes ?? {})) if (!seen.has(k)) { seen.add(k); names.push(k); }
  const data: Record<string, InputValue[]> = {};
  for (const n of names) data[n] = records.map((r) => r[n] ?? null);
  return fromColumnsPlan(data, options);
}
