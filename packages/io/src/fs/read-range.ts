import type { StorageOptions } from "./filesystem.js";
import { fileSystemFor } from "./registry.js";

/**
 * Bytes [start, end) of the file at `path` (to its end when `end` is omitted or past it): any
 * location (local path, file:// or s3:// URL), the file system picked by scheme. The asynchronous
 * half of `readRangeSync`.
 *
 * @example
 * ```ts
 * const head = await readRange("s3://bucket/x.csv", 0, 65536, { endpoint: "http://127.0.0.1:4568" });
 * ```
 */
export async function readRange(path: string, start = 0, end?: number, storageOptions?: StorageOptions): Promise<Uint8Array> {
  return fileSystemFor(path, storageOptions).read(path, start, end ?? undefined);
}
