/**
 * Writes a Batch as one newline-delimited JSON file, atomically, as writeCsvFile does for CSV:
 * output that fits in one chunk goes through `FileSystem.write`; larger output chunk by chunk
 * through `openWrite` (temporary file + rename locally, multipart upload on S3), aborted on any
 * failure, so readers see no file or the complete one. Gzip when the path ends in `.gz` or
 * `compression: "gzip"`.
 *
 * @example
 * ```ts
 * const r = await writeJsonFile(batch, "out/part-00000.json");
 * r; // { path: "out/part-00000.json", rows: 1000, bytes: 48213 }
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import type { StorageOptions } from "../fs/filesystem.js";
import { writeChunks } from "../fs/write-chunks.js";
import { isJsonGzip } from "./read-plan.js";
import type { JsonCompression } from "./options.js";
import { formatJsonChunks, type JsonWriteOptions } from "./write-format.js";

/** Options of {@link writeJsonFile}: the text's, compression and chunking. */
export interface WriteJsonFileOptions extends JsonWriteOptions {
  /** `"infer"` (default: gzip when the path ends in `.gz`), `"gzip"`, or `null`. */
  readonly compression?: JsonCompression;
  /** Bytes of text formatted and written at a time (before compression). Default 8 MiB. */
  readonly chunkBytes?: number;
}

/** What {@link writeJsonFile} wrote. */
export interface JsonWriteResult {
  readonly path: string;
  readonly rows: number;
  /** Bytes of the file (after compression). */
  readonly bytes: number;
}

/**
 * Writes `batch` as NDJSON to `path` (local, `file://` or `s3://`), atomically; parent directories
 * are created locally. Errors name the path; nothing is left behind on failure.
 *
 * @example
 * ```ts
 * await writeJsonFile(batch, "s3://bucket/out.json.gz", {}, { region: "eu-west-1" });
 * ```
 */
export async function writeJsonFile(
  batch: Batch, path: string, options: WriteJsonFileOptions = {}, storageOptions?: StorageOptions,
): Promise<JsonWriteResult> {
  const where = `toJson ${path}`;
  if (typeof options !== "object" || options === null) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: options must be an object`, { option: "options", path });
  }
  const { compression, chunkBytes, ...text } = options;
  if (compression !== undefined && compression !== null && compression !== "infer" && compression !== "gzip") {
    throw new DuskError("INVALID_ARGUMENT", `${where}: compression must be "infer", "gzip" or null, got ${JSON.stringify(compression)}`,
      { option: "compression", path });
  }
  const gz = isJsonGzip(path, compression === undefined ? "infer" : compression);
  const chunks = formatJsonChunks(batch, text, chunkBytes ?? 8 * 1024 * 1024);
  const bytes = await writeChunks(path, chunks, gz, storageOptions);
  return { path, rows: batch.length, bytes };
}
