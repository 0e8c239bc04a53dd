/**
 * Writes a Batch as one CSV file, atomically, through the FileSystem of its location (local disk or
 * S3): readers see either no file (or the file that was there before) or the complete new one —
 * never a part, whatever fails midway (a value that cannot be written, a full disk, a lost
 * connection). Output that fits in one chunk goes through `FileSystem.write`; larger output is
 * formatted and written chunk by chunk through `openWrite` (temporary file + rename locally,
 * multipart upload on S3), aborted on any failure. Gzip when the path ends in `.gz` or
 * `compression: "gzip"`, streamed (one gzip member), so memory stays about one chunk.
 *
 * @example
 * ```ts
 * const r = await writeCsvFile(batch, "out/part-0.csv.gz", { sep: ";" });
 * r; // { path: "out/part-0.csv.gz", rows: 1000000, bytes: 9876543 }
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import type { StorageOptions } from "../fs/filesystem.js";
import { writeChunks } from "../fs/write-chunks.js";
import { isGzip, type CsvCompression } from "./read-options.js";
import { formatCsvChunks, type CsvWriteOptions } from "./write-format.js";

/** Options of {@link writeCsvFile}: the text's (see {@link CsvWriteOptions}), compression and chunking. */
export interface WriteCsvFileOptions extends CsvWriteOptions {
  /** `"infer"` (default: gzip when the path ends in `.gz`), `"gzip"`, or `null` (never). */
  readonly compression?: CsvCompression;
  /** Bytes of CSV text formatted and written at a time (before compression). Default 8 MiB. */
  readonly chunkBytes?: number;
}

/** What {@link writeCsvFile} wrote. */
export interface CsvWriteResult {
  /** The path, as given. */
  readonly path: string;
  /** Data rows written (the header not counted). */
  readonly rows: number;
  /** Bytes of the file (after compression). */
  readonly bytes: number;
}

const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Writes `batch` as CSV to `path` (local path, `file://` URL or `s3://bucket/key`), atomically.
 * Parent directories are created locally. Fails with `INVALID_ARGUMENT` for bad options or a value
 * that `quoting: "none"` cannot write, and with the FileSystem's `NOT_FOUND`, `ACCESS_DENIED` or
 * `IO_ERROR` (naming the path) when the store refuses; in every case nothing is left behind.
 *
 * @example
 * ```ts
 * await writeCsvFile(batch, "/data/out.csv");                                  // plain
 * await writeCsvFile(batch, "s3://bucket/out.csv", { compression: "gzip" }, { region: "eu-west-1" });
 * ```
 */
export async function writeCsvFile(
  batch: Batch, path: string, options: WriteCsvFileOptions = {}, storageOptions?: StorageOptions,
): Promise<CsvWriteResult> {
  const where = `toCsv ${path}`;
  if (typeof options !== "object" || options === null) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: options must be an object`, { option: "options", path });
  }
  const { compression, chunkBytes, ...csv } = options;
  if (compression !== undefined && compression !== null && compression !== "infer" && compression !== "gzip") {
    throw new DuskError("INVALID_ARGUMENT", `${where}: compression must be "infer", "gzip" or null, got ${JSON.stringify(compression)}`,
      { option: "compression", path });
  }
  const gz = isGzip(path, compression === undefined ? "infer" : compression);
  // options are checked and the first chunk is made before the store is touched
  const chunks = formatCsvChunks(batch, csv, { chunkBytes: chunkBytes ?? DEFAULT_CHUNK_BYTES, where });
  const bytes = await writeChunks(path, chunks, gz, storageOptions);
  return { path, rows: batch.length, bytes };
}
