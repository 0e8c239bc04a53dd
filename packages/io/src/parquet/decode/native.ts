/**
 * The native Parquet decoder: which reads it takes, and decoding a row group's chosen column chunks
 * into one Dusk batch. It reads flat (top-level, non-repeated) columns of bool, 8–64-bit integers,
 * float32/64, date32, timestamps and utf8, PLAIN or dictionary-encoded, in data pages v1 and v2,
 * compressed with SNAPPY, GZIP, BROTLI or not at all — what Dusk, pyarrow, DuckDB, Spark and polars
 * write by default, except zstd. Anything else (ZSTD or LZ4 chunks, DELTA_* and BYTE_STREAM_SPLIT
 * encodings, nested columns, INT96, decimals, a timestamp unit the Arrow schema changes) goes
 * through parquet-wasm.
 *
 * `DUSK_PARQUET_DECODER` picks the decoder at each read: `auto` (default: native when it can),
 * `native` (native only; a read it cannot take fails, for tests and benchmarks) or `parquet-wasm`.
 *
 * @example
 * ```ts
 * const plan = nativePlan(fileMeta, chosen, rowGroups);
 * if (typeof plan !== "string") batch = decodeRowGroupNative(plan, chunks, numRows, names);
 * ```
 */
import * as A from "apache-arrow";
import { DuskError, type DType } from "@dusk/core";
import type { Batch, Column } from "@dusk/kernels";
import type { FileMetaData, SchemaElement } from "hyparquet";
import type { ParquetColumnInfo } from "../schema.js";
import { NATIVE_CODECS } from "./codecs.js";
import { decodeChunk, type Storage } from "./chunk.js";

/** Which decoder reads Parquet data pages. */
export type ParquetDecoderMode = "auto" | "native" | "parquet-wasm";

/**
 * The decoder mode from `DUSK_PARQUET_DECODER` (default auto); INVALID_ARGUMENT for another value.
 *
 * @example
 * ```ts
 * if (parquetDecoderMode() !== "parquet-wasm") plan = nativePlan(...);
 * ```
 */
export function parquetDecoderMode(): ParquetDecoderMode {
  const v = process.env.DUSK_PARQUET_DECODER;
  if (v === undefined || v === "" || v === "auto") return "auto";
  if (v === "native" || v === "parquet-wasm") return v;
  throw new DuskError("INVALID_ARGUMENT", `DUSK_PARQUET_DECODER is ${JSON.stringify(v)}; set it to "auto", "native" or "parquet-wasm", or unset it`, { value: v });
}

/** A chosen column as the native decoder reads it. */
export interface NativeColumn {
  readonly name: string;
  readonly leafIndex: number;
  readonly dtype: DType;
  readonly storage: Storage;
  readonly maxDef: 0 | 1;
  readonly dictLayout: boolean;
}

const NATIVE_ENCODINGS: ReadonlySet<string> = new Set(["PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY", "RLE"]);
const UNITS: Record<string, string> = { MILLIS: "ms", MICROS: "us", NANOS: "ns" };

/**
 * How the native decoder reads `columns` (each with its dtype and Arrow hint) in `rowGroups`, or
 * why it cannot (a sentence naming the column).
 *
 * @example
 * ```ts
 * const plan = nativePlan(fileMeta, parquetColumns(path, fileMeta).filter((c) => wanted.has(c.name)), [0, 1]);
 * ```
 */
export function nativePlan(meta: FileMetaData, columns: readonly ParquetColumnInfo[], rowGroups: readonly number[]): NativeColumn[] | string {
  const out: NativeColumn[] = [];
  for (const c of columns) {
    const e = c.element;
    const dtype = c.dtype;
    if (dtype === null) return `column "${c.name}" (${c.type}) is of a type Dusk does not read`;
    if ((e.num_children ?? 0) > 0 || (e.repetition_type !== "OPTIONAL" && e.repetition_type !== "REQUIRED")) {
      return `column "${c.name}" is nested or repeated`;
    }
    const storage = storageOf(e, dtype);
    if (storage === null) return `column "${c.name}" (${c.type}) is not among the types it reads as ${dtype.kind}`;
    for (const rg of rowGroups) {
      const md = meta.row_groups[rg]?.columns[c.leafIndex]?.meta_data;
      if (md === undefined) return `column "${c.name}" has no column chunk metadata in row group ${rg}`;
      if (md.type !== e.type) return `column "${c.name}" is stored as ${md.type} in row group ${rg} although its schema says ${String(e.type)}`;
      if (!NATIVE_CODECS.has(md.codec)) return `column "${c.name}" is compressed with ${md.codec}`;
      const other = md.encodings.find((x) => !NATIVE_ENCODINGS.has(x));
      if (other !== undefined) return `column "${c.name}" uses the ${other} encoding`;
    }
    const dictLayout = storage === "utf8" && c.arrowType !== null && A.DataType.isDictionary(c.arrowType);
    out.push({ name: c.name, leafIndex: c.leafIndex, dtype, storage, maxDef: e.repetition_type === "OPTIONAL" ? 1 : 0, dictLayout });
  }
  return out;
}

/** How a column's values are stored, when the native decoder reads that storage as `dtype`; else null. */
function storageOf(e: SchemaElement, dtype: DType): Storage | null {
  switch (e.type) {
    case "BOOLEAN":
      return dtype.kind === "bool" ? "bool" : null;
    case "INT32":
      switch (dtype.kind) {
        case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": case "date32":
          return "int32";
        default:
          return null;
      }
    case "INT64":
      if (dtype.kind === "int64" || dtype.kind === "uint64") return "int64";
      if (dtype.kind === "timestamp") return storedUnit(e) === dtype.unit ? "int64" : null;
      return null;
    case "FLOAT":
      return dtype.kind === "float32" ? "float" : null;
    case "DOUBLE":
      return dtype.kind === "float64" ? "double" : null;
    case "BYTE_ARRAY":
      return dtype.kind === "utf8" ? "utf8" : null;
    default:
      return null;
  }
}

/** The time unit an INT64 timestamp column's values are in, from its logical or converted type. */
function storedUnit(e: SchemaElement): string | null {
  if (e.logical_type?.type === "TIMESTAMP") return UNITS[e.logical_type.unit] ?? null;
  if (e.converted_type === "TIMESTAMP_MILLIS") return "ms";
  if (e.converted_type === "TIMESTAMP_MICROS") return "us";
  return null;
}

/**
 * One row group's columns, decoded natively from their chunks' bytes (by leaf index), in the order
 * of `names`. Errors from a chunk are rethrown as {@link ChunkError}s carrying the column's name.
 *
 * @example
 * ```ts
 * const batch = decodeRowGroupNative(plan, chunks, meta.rowGroups[rg].numRows, ["v1", "id"], fileMeta, rg);
 * ```
 */
export function decodeRowGroupNative(
  plan: readonly NativeColumn[],
  chunks: ReadonlyMap<number, { readonly bytes: Uint8Array }>,
  numRows: number,
  names: readonly string[],
  meta: FileMetaData,
  rowGroup: number,
): Batch {
  const byName = new Map<string, Column>();
  for (const c of plan) {
    const bytes = chunks.get(c.leafIndex)!.bytes;
    const codec = meta.row_groups[rowGroup].columns[c.leafIndex].meta_data!.codec;
    try {
      byName.set(c.name, decodeChunk(bytes, { storage: c.storage, dtype: c.dtype, maxDef: c.maxDef, dictLayout: c.dictLayout, codec }, numRows));
    } catch (e) {
      throw new ChunkError(c.name, e);
    }
  }
  return { names, columns: names.map((n) => byName.get(n)!), length: numRows };
}

/** A failure decoding one column's chunk: the column and the underlying error. */
export class ChunkError extends Error {
  override readonly name = "ChunkError";
  constructor(readonly column: string, readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}
