/**
 * The Dusk dtype of each top-level column of a Parquet file, as parquet-wasm's Arrow reader will
 * return it: from the footer's Arrow schema hint when there is one (it restores time zones, seconds
 * timestamps, dictionaries), else from the Parquet physical and logical types the way arrow-rs maps
 * them (a UTC-adjusted TIMESTAMP gets the zone "UTC"). Columns whose type Dusk cannot hold (DECIMAL,
 * lists, maps, structs, binary, fixed-size binary, FLOAT16, TIME, INTERVAL, ...) get a null dtype and
 * a description of their type for error messages.
 *
 * @example
 * ```ts
 * const cols = parquetColumns("/data/x.parquet", fileMeta);
 * cols.map((c) => [c.name, c.dtype && formatDType(c.dtype), c.type]);
 * // [["id", "int64", "INT64"], ["price", null, "DECIMAL(10, 2) stored as INT64"]]
 * ```
 */
import * as A from "apache-arrow";
import { DuskError, dtypes, type DType, type TimeUnit } from "@dusk/core";
import type { FileMetaData, SchemaElement } from "hyparquet";
import { arrowSchemaHint } from "./arrow-hint.js";

/** One top-level column of a Parquet file. */
export interface ParquetColumnInfo {
  readonly name: string;
  /** The dtype the column reads as, or null when Dusk cannot read it. */
  readonly dtype: DType | null;
  /** The Parquet type, in words, for messages (e.g. `INT64 TIMESTAMP(MICROS, UTC)`, `DECIMAL(10, 2) stored as INT64`). */
  readonly type: string;
  /** Index of the column's (first) leaf among each row group's column chunks. */
  readonly leafIndex: number;
  /** Index of the column's element in the footer's flat schema list (0 is the root). */
  readonly elementIndex: number;
  /** The Parquet schema element of the column. */
  readonly element: SchemaElement;
  /** The column's type in the footer's Arrow schema hint, or null without one. */
  readonly arrowType: A.DataType | null;
}

const UNITS: Record<string, TimeUnit> = { MILLIS: "ms", MICROS: "us", NANOS: "ns" };
const ARROW_UNITS: Record<number, TimeUnit> = {
  [A.TimeUnit.SECOND]: "s",
  [A.TimeUnit.MILLISECOND]: "ms",
  [A.TimeUnit.MICROSECOND]: "us",
  [A.TimeUnit.NANOSECOND]: "ns",
};

/**
 * The top-level columns of a file in order, with their dtypes (null when unsupported). Throws
 * DUPLICATE_COLUMN when two top-level columns share a name.
 *
 * @example
 * ```ts
 * parquetColumns(path, fileMeta).filter((c) => c.dtype !== null).map((c) => c.name);
 * ```
 */
export function parquetColumns(path: string, meta: FileMetaData): ParquetColumnInfo[] {
  const elements = meta.schema;
  const root = elements[0];
  const count = root.num_children ?? 0;
  const hint = arrowSchemaHint(meta.key_value_metadata);
  const out: ParquetColumnInfo[] = [];
  let at = 1;
  let leaf = 0;
  for (let i = 0; i < count; i++) {
    const element = elements[at];
    if (element === undefined) break;
    const leaves = countLeaves(elements, at);
    const hinted = hint !== null && hint.fields.length === count && hint.fields[i].name === element.name ? hint.fields[i].type : null;
    const type = describeElement(element);
    if ((element.num_children ?? 0) > 0 || element.repetition_type === "REPEATED") {
      out.push({ name: element.name, dtype: null, type: hinted ? `${type} (Arrow ${String(hinted)})` : type, leafIndex: leaf, elementIndex: at, element, arrowType: hinted });
    } else if (hinted !== null) {
      const dtype = dtypeOfArrowHint(hinted);
      out.push({ name: element.name, dtype, type: dtype === null ? `${type} (Arrow ${String(hinted)})` : type, leafIndex: leaf, elementIndex: at, element, arrowType: hinted });
    } else {
      out.push({ name: element.name, dtype: dtypeOfParquet(element), type, leafIndex: leaf, elementIndex: at, element, arrowType: null });
    }
    at += leaves.elements;
    leaf += leaves.leaves;
  }
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.name)) {
      throw new DuskError("DUPLICATE_COLUMN", `${path} has two top-level columns named "${c.name}"; Dusk cannot tell them apart, so rewrite the file with distinct names`, {
        path,
        column: c.name,
      });
    }
    seen.add(c.name);
  }
  return out;
}

/** Schema elements (the element and its descendants) and leaf columns of the subtree at `at`. */
function countLeaves(elements: readonly SchemaElement[], at: number): { elements: number; leaves: number } {
  const children = elements[at]?.num_children ?? 0;
  if (children === 0) return { elements: 1, leaves: 1 };
  let used = 1;
  let leaves = 0;
  for (let i = 0; i < children; i++) {
    const sub = countLeaves(elements, at + used);
    used += sub.elements;
    leaves += sub.leaves;
  }
  return { elements: used, leaves };
}

/** The dtype of a leaf from its Parquet types alone (what arrow-rs reads it as without a hint), or null. */
function dtypeOfParquet(e: SchemaElement): DType | null {
  const logical = e.logical_type;
  const converted = e.converted_type;
  switch (e.type) {
    case "BOOLEAN":
      return dtypes.bool;
    case "INT32":
      if (logical?.type === "INTEGER") return intDType(logical.bitWidth, logical.isSigned);
      if (logical?.type === "DATE") return dtypes.date32;
      if (logical !== undefined) return null; // DECIMAL, TIME, ...
      switch (converted) {
        case undefined: case "INT_32": return dtypes.int32;
        case "INT_8": return dtypes.int8;
        case "INT_16": return dtypes.int16;
        case "UINT_8": return dtypes.uint8;
        case "UINT_16": return dtypes.uint16;
        case "UINT_32": return dtypes.uint32;
        case "DATE": return dtypes.date32;
        default: return null;
      }
    case "INT64":
      if (logical?.type === "INTEGER") return intDType(logical.bitWidth, logical.isSigned);
      if (logical?.type === "TIMESTAMP") return dtypes.timestamp(UNITS[logical.unit], logical.isAdjustedToUTC ? "UTC" : null);
      if (logical !== undefined) return null;
      if (converted === undefined || converted === "INT_64") return dtypes.int64;
      if (converted === "UINT_64") return dtypes.uint64;
      if (converted === "TIMESTAMP_MILLIS") return dtypes.timestamp("ms", "UTC");
      if (converted === "TIMESTAMP_MICROS") return dtypes.timestamp("us", "UTC");
      return null;
    case "INT96":
      return dtypes.timestamp("ns", null);
    case "FLOAT":
      return logical === undefined ? dtypes.float32 : null;
    case "DOUBLE":
      return logical === undefined ? dtypes.float64 : null;
    case "BYTE_ARRAY":
      if (logical?.type === "STRING" || logical?.type === "JSON") return dtypes.utf8;
      if (logical === undefined && (converted === "UTF8" || converted === "JSON")) return dtypes.utf8;
      return null;
    default:
      return null; // FIXED_LEN_BYTE_ARRAY (decimal, uuid, float16, fixed-size binary) and unknown types
  }
}

function intDType(bitWidth: number, signed: boolean): DType | null {
  switch (bitWidth) {
    case 8: return signed ? dtypes.int8 : dtypes.uint8;
    case 16: return signed ? dtypes.int16 : dtypes.uint16;
    case 32: return signed ? dtypes.int32 : dtypes.uint32;
    case 64: return signed ? dtypes.int64 : dtypes.uint64;
    default: return null;
  }
}

/** The dtype of a column whose Arrow type the footer's hint gives, or null when Dusk cannot hold it. */
function dtypeOfArrowHint(type: A.DataType): DType | null {
  if (A.DataType.isDictionary(type)) {
    return A.DataType.isUtf8(type.dictionary) || A.DataType.isLargeUtf8(type.dictionary) ? dtypes.utf8 : null;
  }
  if (A.DataType.isBool(type)) return dtypes.bool;
  if (A.DataType.isInt(type)) return intDType(type.bitWidth, type.isSigned);
  if (A.DataType.isFloat(type)) {
    if (type.precision === A.Precision.SINGLE) return dtypes.float32;
    if (type.precision === A.Precision.DOUBLE) return dtypes.float64;
    return null;
  }
  if (A.DataType.isUtf8(type) || A.DataType.isLargeUtf8(type)) return dtypes.utf8;
  if (A.DataType.isDate(type)) return dtypes.date32;
  if (A.DataType.isTimestamp(type)) return dtypes.timestamp(ARROW_UNITS[type.unit], type.timezone ?? null);
  return null;
}

/** The Parquet type of a schema element in words: `INT64`, `BYTE_ARRAY STRING`, `DECIMAL(10, 2) stored as INT64`, `LIST`. */
function describeElement(e: SchemaElement): string {
  const repeated = e.repetition_type === "REPEATED" ? "repeated " : "";
  if ((e.num_children ?? 0) > 0) {
    const kind = e.logical_type?.type ?? e.converted_type;
    if (kind === "LIST") return `${repeated}LIST`;
    if (kind === "MAP" || kind === "MAP_KEY_VALUE") return `${repeated}MAP`;
    return `${repeated}STRUCT (a group of ${e.num_children} fields)`;
  }
  const physical = e.type === "FIXED_LEN_BYTE_ARRAY" ? `FIXED_LEN_BYTE_ARRAY(${e.type_length ?? "?"})` : String(e.type);
  const logical = e.logical_type;
  if (logical?.type === "DECIMAL" || (logical === undefined && e.converted_type === "DECIMAL")) {
    const precision = logical?.type === "DECIMAL" ? logical.precision : e.precision;
    const scale = logical?.type === "DECIMAL" ? logical.scale : e.scale;
    return `${repeated}DECIMAL(${precision ?? "?"}, ${scale ?? 0}) stored as ${physical}`;
  }
  if (logical !== undefined) {
    switch (logical.type) {
      case "TIMESTAMP": return `${repeated}${physical} TIMESTAMP(${logical.unit}, ${logical.isAdjustedToUTC ? "UTC" : "local"})`;
      case "TIME": return `${repeated}${physical} TIME(${logical.unit})`;
      case "INTEGER": return `${repeated}${physical} INT(${logical.bitWidth}, ${logical.isSigned ? "signed" : "unsigned"})`;
      default: return `${repeated}${physical} ${String(logical.type ?? "(unknown logical type)")}`;
    }
  }
  if (e.converted_type !== undefined) return `${repeated}${physical} ${e.converted_type}`;
  return `${repeated}${physical}`;
}
