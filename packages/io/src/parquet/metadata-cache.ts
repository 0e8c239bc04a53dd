/**
 * Footers already read, per thread, keyed by path + size + version: a second plan over the same
 * files (or a worker reading several row groups of one file) does not read their footers again. A
 * file whose store gives no version tag is never cached (its content could change unseen). Entries
 * are deeply frozen, so every holder sees the same immutable plain data. The cache is bounded by an
 * estimate of its size (row groups × columns) and forgets the least recently used files first.
 *
 * @example
 * ```ts
 * cacheParquetMetadata(meta);
 * cachedParquetMetadata({ path: meta.path, size: meta.size, version: meta.version ?? undefined }); // meta
 * clearParquetMetadataCache();
 * ```
 */
import type { FileInfo } from "../fs/filesystem.js";
import type { ParquetMetadata } from "./metadata-types.js";

/** Upper bound of the summed weights (1 + row groups × (1 + columns) per file). */
const MAX_WEIGHT = 4_000_000;

interface Entry {
  readonly meta: ParquetMetadata;
  readonly weight: number;
}

const entries = new Map<string, Entry>();
let totalWeight = 0;

const keyOf = (path: string, size: number, version: string): string => `${path}\u0000${size}\u0000${version}`;

/**
 * The cached metadata of exactly this file version, if any (and marks it recently used).
 *
 * @example
 * ```ts
 * const hit = cachedParquetMetadata(fileInfo); // ParquetMetadata | undefined
 * ```
 */
export function cachedParquetMetadata(info: FileInfo): ParquetMetadata | undefined {
  if (info.version === undefined) return undefined;
  const key = keyOf(info.path, info.size, info.version);
  const hit = entries.get(key);
  if (hit === undefined) return undefined;
  entries.delete(key);
  entries.set(key, hit);
  return hit.meta;
}

/**
 * Remembers the metadata of a file (deeply frozen first); files without a version are skipped.
 *
 * @example
 * ```ts
 * const frozen = cacheParquetMetadata(meta); // the same data, frozen
 * ```
 */
export function cacheParquetMetadata(meta: ParquetMetadata): ParquetMetadata {
  const frozen = deepFreeze(meta);
  if (meta.version === null) return frozen;
  const key = keyOf(meta.path, meta.size, meta.version);
  const old = entries.get(key);
  if (old !== undefined) {
    entries.delete(key);
    totalWeight -= old.weight;
  }
  const weight = 1 + meta.rowGroups.length * (1 + meta.schema.names.length);
  if (weight > MAX_WEIGHT) return frozen;
  entries.set(key, { meta: frozen, weight });
  totalWeight += weight;
  for (const [k, e] of entries) {
    if (totalWeight <= MAX_WEIGHT) break;
    entries.delete(k);
    totalWeight -= e.weight;
  }
  return frozen;
}

/**
 * Forgets every cached footer of this thread.
 *
 * @example
 * ```ts
 * clearParquetMetadataCache(); // the next readParquetMetadata reads the footer again
 * ```
 */
export function clearParquetMetadataCache(): void {
  entries.clear();
  totalWeight = 0;
}

/** Freezes plain data (objects and arrays) all the way down; already frozen parts are left alone. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
