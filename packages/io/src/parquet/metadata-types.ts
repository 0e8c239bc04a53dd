/**
 * What Dusk knows about a Parquet file before reading its data: the plain-data result of
 * `readParquetMetadata`. Everything here survives a structured clone (no classes, no functions),
 * so the planner can read footers in the `runSync` helper thread and ship row-group facts to workers.
 *
 * Statistics are decoded into the values Dusk uses for scalars of the column's dtype
 * (`ScalarValue` in @dusk/kernels), so they compare directly with literals:
 *
 * | dtype | min / max |
 * |---|---|
 * | bool | boolean |
 * | int8..int32, uint8..uint32, float32, float64 | number |
 * | int64, uint64 | bigint (exact) |
 * | utf8 | string (UTF-8 order = code point order) |
 * | date32 | number: days since 1970-01-01 |
 * | timestamp[unit, tz] | bigint: count of `unit` since the epoch (UTC), in the column's own unit |
 *
 * `min`/`max` are bounds: every non-null value v of the row group satisfies min ≤ v ≤ max (float NaN
 * excepted: Parquet writers leave NaN out of statistics). When `exact` is true they are also values
 * that occur in the row group (Parquet may truncate long strings to shorter bounds).
 *
 * @example
 * ```ts
 * const meta: ParquetMetadata = await readParquetMetadata("data/part-0.parquet");
 * meta.schema.names;                  // ["id", "v1"]
 * meta.rowGroups[0].columns.v1;       // { min: 0.5, max: 99.5, nullCount: 3, exact: true }
 * ```
 */
import type { DType } from "@dusk/core";

/** One decoded statistics value; see the table in this file's description. */
export type StatValue = boolean | number | bigint | string;

/** Statistics of one column chunk (one column in one row group). */
export interface ColumnStats {
  /** A lower bound of the non-null values; null when the file has none (all values null, or not written). */
  readonly min: StatValue | null;
  /** An upper bound of the non-null values; null when the file has none. */
  readonly max: StatValue | null;
  /** Number of nulls; null when the file does not say. */
  readonly nullCount: number | null;
  /** True when `min` and `max` are values that occur (not widened bounds such as truncated strings). */
  readonly exact: boolean;
}

/** One row group: its size and per-column statistics. */
export interface ParquetRowGroup {
  readonly numRows: number;
  /** Uncompressed size of the row group's data, as the writer reported it. */
  readonly totalByteSize: number;
  /** Bytes of the row group's column chunks in the file (what reading all its columns fetches). */
  readonly compressedSize: number;
  /**
   * Statistics by column name, for each readable column (`schema.names`); null for a column chunk
   * without usable statistics.
   */
  readonly columns: Readonly<Record<string, ColumnStats | null>>;
}

/** A column of the file that Dusk cannot read yet (DECIMAL, lists, structs, binary, ...). */
export interface UnsupportedColumn {
  readonly name: string;
  /** The column's type as Parquet (and Arrow) describe it, e.g. `DECIMAL(10, 2)` or `LIST`. */
  readonly type: string;
}

/** The columns of a file: readable ones with their dtypes (file order), and the others. */
export interface ParquetSchema {
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
  /** Top-level columns Dusk cannot read yet; selecting one gives an UNSUPPORTED_TYPE error. */
  readonly unsupported: readonly UnsupportedColumn[];
}

/** Footer facts of one Parquet file. */
export interface ParquetMetadata {
  /** The file's location as its file system names it (absolute local path or s3:// URL). */
  readonly path: string;
  /** File size in bytes. */
  readonly size: number;
  /** The store's version tag of the file (S3 ETag, local mtime+size), or null when it has none. */
  readonly version: string | null;
  readonly numRows: number;
  readonly schema: ParquetSchema;
  readonly rowGroups: readonly ParquetRowGroup[];
  /** Length of the Thrift footer (without its 8-byte length and magic trailer). */
  readonly footerLength: number;
  /** The writer named in the footer (e.g. `parquet-cpp-arrow version 17.0.0`), or null. */
  readonly createdBy: string | null;
}
