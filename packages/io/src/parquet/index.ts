/**
 * Parquet reading and writing primitives: footers and statistics (`readParquetMetadata`, its
 * blocking twin `readParquetMetadataSync`), row-group pruning from statistics (`rowGroupMayMatch`),
 * reading row groups into a batch (`readParquetRowGroups`) and writing a batch (`writeParquet`).
 *
 * @example
 * ```ts
 * const [meta] = readParquetMetadataSync(["data/x.parquet"]);
 * const keep = matchingRowGroups(meta, [["v1", ">", 3]]);
 * const batch = await readParquetRowGroups(meta.path, keep, ["id", "v1"]);
 * await writeParquet(batch, "out/x.parquet", { compression: "zstd" });
 * ```
 */
export * from "./metadata-types.js";
export { readParquetMetadata, readParquetMetadataMany } from "./metadata.js";
export * from "./metadata-sync.js";
export { clearParquetMetadataCache } from "./metadata-cache.js";
export * from "./columns.js";
export * from "./filters.js";
export * from "./prune.js";
export { readParquetRowGroups } from "./read.js";
export * from "./compression.js";
export { writeParquet, DEFAULT_ROW_GROUP_SIZE, type WriteParquetOptions } from "./write.js";
export { planParquetRead, type ParquetPiece, type ParquetReadPlan, type PlanParquetOptions } from "./plan-read.js";
