import type { InputValue } from "@dusk/core";
import type { Table } from "apache-arrow";
import { DataFrame } from "../dataframe.js";
import { fromArrowPlan, type FromArrowOptions } from "./from-arrow.js";
import { fromColumnsPlan, fromRecordsPlan, type ColumnData, type FromColumnsOptions } from "./from-columns.js";
import { readCsvPlan, type ReadCsvOptions } from "./read-csv.js";
import { readJsonPlan, type ReadJsonOptions } from "./read-json.js";
import { readParquetPlan, type ReadParquetOptions } from "./read-parquet.js";

/**
 * A frame from columns of values or typed arrays; values are copied; NaN means missing.
 * @example `dd.fromColumns({ a: [1, 2, 3], b: ["x", "y", "z"] }, { npartitions: 2 })`
 */
export const fromColumns = (data: Readonly<Record<string, ColumnData>>, options?: FromColumnsOptions): DataFrame =>
  new DataFrame(fromColumnsPlan(data, options));

/**
 * A frame from an array of records; the columns are every key seen, in first-seen order.
 * @example `dd.fromRecords([{ a: 1, b: "x" }, { a: 2 }])`
 */
export const fromRecords = (records: readonly Readonly<Record<string, InputValue>>[], options?: FromColumnsOptions): DataFrame =>
  new DataFrame(fromRecordsPlan(records, options));

/**
 * A frame over an apache-arrow Table (its record batches as partitions, or `npartitions` even ones).
 * @example `dd.fromArrow(tableFromArrays({ a: Float64Array.from([1, 2]) }), { npartitions: 2 })`
 */
export const fromArrow = (table: Table, options?: FromArrowOptions): DataFrame => new DataFrame(fromArrowPlan(table, options));

/**
 * A lazy frame over CSV files: a path, directory, glob (`data/*.csv`, `s3://bucket/logs/**\/*.csv.gz`)
 * or a list of them. Columns and dtypes are inferred now from a sample of the first file (or given
 * with `dtype`); rows are read in parallel when computed, one partition per `blocksize` bytes
 * (default 64 MB) or per compressed file.
 *
 * @example
 * ```ts
 * const df = dd.readCsv("data/*.csv", { blocksize: "16MB", dtype: { id4: "int32" } });
 * const s3 = dd.readCsv("s3://bucket/events/", { storageOptions: { region: "eu-west-1" } });
 * ```
 */
export const readCsv = (location: string | readonly string[], options?: ReadCsvOptions): DataFrame =>
  new DataFrame(readCsvPlan(location, options));

/**
 * A lazy frame over newline-delimited JSON files (one object per line): a path, directory, glob or
 * list, local or s3://. Columns and dtypes are inferred now from a sample of the first file, nested
 * objects flattened to dotted names (`user.id`), arrays kept as JSON text; rows are read in parallel
 * when computed, one partition per `blocksize` bytes (default 64 MB) or per gzip file.
 *
 * @example
 * ```ts
 * const df = dd.readJson("logs/*.ndjson", { lines: true, blocksize: "16MB", dtype: { "user.id": "int64" } });
 * const s3 = dd.readJson("s3://bucket/events/", { columns: ["ts", "user.id"], parseDates: ["ts"], storageOptions });
 * ```
 */
export const readJson = (location: string | readonly string[], options?: ReadJsonOptions): DataFrame =>
  new DataFrame(readJsonPlan(location, options));

/**
 * A lazy frame over Parquet files (a file, directory, glob or list; local or s3://). Footers are read
 * now, concurrently and cached: columns, dtypes, row groups and statistics. Rows are read when
 * computed, one partition per group of row groups (`blocksize`, default 128 MB uncompressed), only the
 * columns used; row groups that `filters` (or a later `.filter`) rule out by statistics are skipped.
 *
 * @example
 * ```ts
 * const df = dd.readParquet("s3://bucket/events/", { columns: ["id1", "v1"], filters: [["v1", ">", 3]], storageOptions });
 * ```
 */
export function readParquet(location: string | readonly string[], options?: ReadParquetOptions): DataFrame {
  const { scan, filter } = readParquetPlan(location, options);
  const df = new DataFrame(scan);
  return filter === null ? df : df.filter(filter);
}
