/**
 * Blocking versions of the I/O that synchronous Dusk calls need (`readCsv`/`readParquet` must
 * return a frame with known columns): file discovery and ranged reads, local or on S3, run in the
 * `runSync` helper worker.
 *
 * @example
 * ```ts
 * const files = discoverFilesSync("s3://bucket/data/*.csv", { storageOptions });
 * const head = readRangeSync(files[0].path, 0, 65536, storageOptions);
 * ```
 */
import type { DiscoverOptions } from "../discover.js";
import type { FileInfo, StorageOptions } from "../fs/filesystem.js";
import { builtModuleUrl } from "@dusk/core";
import { runSync, type RunSyncOptions } from "./run-sync.js";

/** Options of {@link discoverFilesSync}: those of `discoverFiles` plus the runSync timeout. */
export interface DiscoverSyncOptions extends DiscoverOptions, RunSyncOptions {}

/**
 * `discoverFiles`, blocking: every file a path, directory, glob or list names, sorted by path.
 *
 * @example
 * ```ts
 * const files = discoverFilesSync(["data/*.csv", "s3://b/more/"], { storageOptions, timeoutMs: 60_000 });
 * ```
 */
export function discoverFilesSync(location: string | readonly string[], options: DiscoverSyncOptions = {}): FileInfo[] {
  const { timeoutMs, ...discover } = options;
  return runSync<FileInfo[]>(builtModuleUrl("../discover.js", import.meta.url), "discoverFiles", [location, discover], {
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

/**
 * Bytes [start, end) of a local or s3:// file, blocking (to the end when `end` is omitted or past it).
 *
 * @example
 * ```ts
 * const head = readRangeSync("s3://bucket/x.csv", 0, 65536, storageOptions);
 * ```
 */
export function readRangeSync(
  path: string,
  start: number,
  end?: number,
  storageOptions?: StorageOptions,
  options: RunSyncOptions = {},
): Uint8Array {
  return runSync<Uint8Array>(builtModuleUrl("../fs/read-range.js", import.meta.url), "readRange", [path, start, end, storageOptions], options);
}
