/**
 * Options of `readCsv` beyond the parser's: how files are split into partitions, compression, and
 * where S3 lives. Resolved once on the calling thread; what workers need travels as plain data.
 *
 * @example
 * ```ts
 * const r = resolveReadCsvOptions({ blocksize: "16MB", compression: "infer", sep: ";" });
 * r.blocksize; // 16000000
 * r.csv.sep;   // ";"
 * ```
 */
import { DuskError, parseBytes } from "@dusk/core";
import type { StorageOptions } from "../fs/filesystem.js";
import { normalizeCsvOptions, type CsvOptions } from "./options.js";

/** Compression of the files: by file extension (`.gz`), gzip, or none. */
export type CsvCompression = "infer" | "gzip" | null;

export interface ReadCsvOptions extends CsvOptions {
  /**
   * Bytes per partition (`64e6`, `"64MB"`, `"128MiB"`); files are split at line breaks near these
   * offsets. `null`: one partition per file (needed when quoted fields hold line breaks). Default `"64MB"`.
   */
  readonly blocksize?: number | string | null;
  /** `"infer"` (default: gzip for names ending in `.gz`), `"gzip"`, or `null`. Compressed files are one partition each. */
  readonly compression?: CsvCompression;
  /** Bytes of the first file read to infer the schema (default `"1MiB"`). */
  readonly sampleSize?: number | string;
  /** S3 settings (endpoint, region, credentials, ...) for s3:// paths. */
  readonly storageOptions?: StorageOptions;
}

/** The parser's options in the form sent to workers: plain data (no functions). */
export type CsvWireOptions = Omit<CsvOptions, "onWarning">;

export interface ResolvedReadCsvOptions {
  readonly blocksize: number | null;
  readonly compression: CsvCompression;
  readonly sampleSize: number;
  readonly storageOptions: StorageOptions | undefined;
  readonly csv: CsvWireOptions;
  readonly onWarning: ((message: string) => void) | undefined;
}

export function resolveReadCsvOptions(options: ReadCsvOptions = {}): ResolvedReadCsvOptions {
  if (typeof options !== "object" || options === null) {
    throw new DuskError("INVALID_ARGUMENT", "readCsv: options must be an object");
  }
  const { blocksize, compression, sampleSize, storageOptions, onWarning, ...csv } = options;
  normalizeCsvOptions({ ...csv, onWarning }); // validates every parser option now, at the call
  if (compression !== undefined && compression !== null && compression !== "infer" && compression !== "gzip") {
    throw new DuskError("INVALID_ARGUMENT", `readCsv: compression must be "infer", "gzip" or null, got ${JSON.stringify(compression)}`, { option: "compression" });
  }
  return {
    blocksize: blocksize === null ? null : parseBytes(blocksize ?? "64MB", "readCsv blocksize"),
    compression: compression === undefined ? "infer" : compression,
    sampleSize: Math.max(1024, Math.floor(parseBytes(sampleSize ?? "1MiB", "readCsv sampleSize"))),
    storageOptions,
    csv,
    onWarning,
  };
}

/** Whether a file is read as gzip under a compression setting. */
export function isGzip(path: string, compression: CsvCompression): boolean {
  return compression === "gzip" || (compression === "infer" && /\.gz$/i.test(path));
}
