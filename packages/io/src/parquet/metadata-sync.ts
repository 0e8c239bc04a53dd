/**
 * Blocking footer reads for the synchronous planner (`dd.readParquet` must return a frame whose
 * columns are known): the footers are read concurrently in the `runSync` helper thread, whose own
 * cache keeps them warm across calls, and files already known to this thread (same path, size and
 * version) are answered from this thread's cache without waking the helper at all.
 *
 * @example
 * ```ts
 * const files = discoverFilesSync("s3://bucket/events/", { storageOptions });
 * const metas = readParquetMetadataSync(files, storageOptions);
 * ```
 */
import { builtModuleUrl } from "@dusk/core";
import type { FileInfo, StorageOptions } from "../fs/filesystem.js";
import { runSync, type RunSyncOptions } from "../sync/run-sync.js";
import { cacheParquetMetadata, cachedParquetMetadata } from "./metadata-cache.js";
import type { ParquetMetadata } from "./metadata-types.js";

/** Options of {@link readParquetMetadataSync}: the runSync timeout and how many footers to read at once. */
export interface ReadParquetMetadataSyncOptions extends RunSyncOptions {
  /** Footers read at the same time (default 16). */
  readonly concurrency?: number;
}

/**
 * `readParquetMetadataMany`, blocking: the footer facts of each file, in the order given. Pass the
 * FileInfos discovery returned: they carry size and version, so cached footers need no I/O at all.
 *
 * @example
 * ```ts
 * const [meta] = readParquetMetadataSync(["data/part-0.parquet"]);
 * meta.schema.names; // ["id", "v1"]
 * ```
 */
export function readParquetMetadataSync(
  files: readonly (FileInfo | string)[],
  storageOptions?: StorageOptions,
  options: ReadParquetMetadataSyncOptions = {},
): ParquetMetadata[] {
  const out = new Array<ParquetMetadata>(files.length);
  const missing: number[] = [];
  files.forEach((f, i) => {
    const hit = typeof f === "string" ? undefined : cachedParquetMetadata(f);
    if (hit === undefined) missing.push(i);
    else out[i] = hit;
  });
  if (missing.length === 0) return out;
  const { concurrency, timeoutMs } = options;
  const read = runSync<ParquetMetadata[]>(
    builtModuleUrl("./metadata.js", import.meta.url),
    "readParquetMetadataMany",
    [missing.map((i) => plainFile(files[i])), storageOptions, concurrency ?? 16],
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  read.forEach((meta, k) => {
    out[missing[k]] = cacheParquetMetadata(meta);
  });
  return out;
}

/** A FileInfo reduced to its plain fields (callers may pass richer objects that do not clone). */
function plainFile(f: FileInfo | string): FileInfo | string {
  if (typeof f === "string") return f;
  return f.version === undefined ? { path: f.path, size: f.size } : { path: f.path, size: f.size, version: f.version };
}
