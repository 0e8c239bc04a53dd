/**
 * Dusk: lazy, partitioned dataframes for TypeScript. The only package a user imports.
 *
 * @example
 * ```ts
 * import * as dd from "@dusk/dataframe";
 * const df = dd.fromColumns({ id1: ["a", "b", "a"], v1: [1, 2, 3] }, { npartitions: 2 });
 * const out = await df.groupBy("id1").agg({ v1: "sum" }).compute();
 * ```
 */
export { DataFrame } from "./dataframe.js";
export { GroupBy } from "./group-by.js";
export { Resampler, type ResampleOptions } from "./methods/resample.js";
export { Series, Scalar } from "./series.js";
export { Expr, Rolling, col, lit, count, corr, cov, date, type ExprLike, type RollingOptions, type VarOptions } from "./expr.js";
export { DtAccessor, duration, timestamp } from "./dt.js";
export { Duration } from "@dusk/core";
export { config, type Config } from "./config.js";
export type { ComputeOptions } from "./execute.js";
export type { AggName, AggSpec, GroupByOptions } from "./methods/agg.js";
export type { ColumnData, FromColumnsOptions, TypedColumnArray } from "./constructors/from-columns.js";
export type { FromArrowOptions } from "./constructors/from-arrow.js";
export { fromColumns, fromRecords, fromArrow, readCsv, readJson, readParquet } from "./constructors/index.js";
export type { ReadParquetOptions } from "./constructors/read-parquet.js";
export type { ReadCsvOptions } from "./constructors/read-csv.js";
export type { ReadJsonOptions } from "./constructors/read-json.js";
export type { ToCsvOptions, ToJsonOptions, ToParquetOptions } from "./methods/to-files.js";
// option types of the readers and writers, so users can name them (and the API reference shows them)
export type {
  StorageOptions, ParquetFilter, ParquetCompression, CsvQuoting, CsvCompression, OnBadLines, JsonCompression,
} from "@dusk/io";
export type { MergeHow, NaPosition, DuplicateKeep } from "@dusk/plan";
export type { MergeOptions } from "./methods/merge.js";
export type { SetIndexOptions } from "./methods/set-index.js";
export type { ValueCountsOptions } from "./methods/value-counts.js";
export type { DescribeOptions } from "./methods/describe.js";
export type { DropDuplicatesOptions } from "./methods/drop-duplicates.js";
export type { GroupNlargestOptions } from "./methods/group-nlargest.js";
export { concat } from "./concat.js";
export { mergeAsof, type MergeAsofOptions } from "./methods/merge-asof.js";
export type { SortValuesOptions } from "./methods/sort-values.js";
export type { RepartitionOptions } from "./methods/repartition.js";
export { DuskError, isDuskError, dtypes, type DType, type DTypeLike, type ErrorCode } from "@dusk/core";
export {
  Client, Future, Delayed, delayed, compute, remote, asCompleted,
  type ClientOptions, type ProgressEvent, type RemoteFunction, type FutureStatus, type DelayedArgs,
  type DashboardOptions, type DashboardHandle,
} from "@dusk/scheduler";
import "./dashboard/start-dashboard.js"; // gives every Client its dashboard (Client.dashboard, { dashboard: true })
export { display, type DisplayOptions } from "./display/display.js";
export { formatTable, type FormatTableOptions } from "./display/text-table.js";
export { tableToHTML, type TableDisplayOptions } from "./display/html-table.js";
export type { Table } from "apache-arrow";
export type { ExplainOptions } from "./methods/explain.js";
export type { VisualizeOptions } from "./visualize/visualize.js";
