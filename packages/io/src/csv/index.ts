/**
 * CSV reading: options, schema inference from a sample, and the block parser that turns bytes into
 * typed columns.
 */
export { DEFAULT_NA_VALUES, normalizeCsvOptions } from "./options.js";
export type { CsvOptions, NormalizedCsvOptions, OnBadLines } from "./options.js";
export type { CsvColumnSpec, CsvLayout, CsvSchema } from "./schema.js";
export type { CsvLocation } from "./tokenizer.js";
export { CsvBlockParser } from "./block-parser.js";
export { inferCsvSchema } from "./infer.js";
export type { CsvSampleInfo } from "./infer.js";
export { resolveReadCsvOptions, isGzip } from "./read-options.js";
export type { ReadCsvOptions, CsvCompression, CsvWireOptions, ResolvedReadCsvOptions } from "./read-options.js";
export { planCsvRead, gunzipHead } from "./read-plan.js";
export type { CsvBlock, CsvReadSpec, CsvReadPlan, CsvHeaderInfo } from "./read-plan.js";
export { readCsvBlock } from "./read-block.js";
export { formatCsv, formatCsvChunks } from "./write-format.js";
export type { CsvWriteOptions, CsvQuoting, CsvChunkOptions } from "./write-format.js";
export { writeCsvFile } from "./write.js";
export type { WriteCsvFileOptions, CsvWriteResult } from "./write.js";
