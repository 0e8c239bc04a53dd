/**
 * Reading Parquet footers into {@link ParquetMetadata}: schema as Dusk dtypes, row counts, sizes and
 * decoded statistics per row group. One footer costs one ranged read of the file's end (two when
 * the footer is longer than 64 KiB); footers already read in this thread come from a cache keyed by
 * path, size and version. The footer is checked against the file before it is trusted: every column
 * chunk must lie inside the file's data section, and each row group must have one chunk per column,
 * so a truncated or corrupt file fails here, in the planner, with a PARQUET_ERROR naming it.
 *
 * @example
 * ```ts
 * const meta = await readParquetMetadata("s3://bucket/events/part-0.parquet", storageOptions);
 * meta.numRows;                       // 1000000
 * meta.schema.names;                  // ["id", "ts", "v1"]
 * meta.rowGroups[0].columns.v1?.max;  // 99.5
 * ```
 */
import type { FileMetaData } from "hyparquet";
import type { FileInfo, FileSystem, StorageOptions } from "../fs/filesystem.js";
import { fileSystemFor } from "../fs/registry.js";
import { chunkRange } from "./chunk-range.js";
import { corruptParquet } from "./errors.js";
import { decodeFooter, readFooterBytes, type FooterBytes } from "./footer.js";
import { cacheParquetMetadata, cachedParquetMetadata } from "./metadata-cache.js";
import type { ColumnStats, ParquetMetadata, ParquetRowGroup } from "./metadata-types.js";
import { parquetColumns } from "./schema.js";
import { decodeColumnStats } from "./statistics.js";

/**
 * The footer facts of one Parquet file (local path, file:// or s3:// URL, or a FileInfo from
 * discovery, which saves asking the store for the size). NOT_FOUND and other I/O errors come from
 * the file system; an invalid file is a PARQUET_ERROR naming it and what is wrong.
 *
 * @example
 * ```ts
 * const [info] = await discoverFiles("data/*.parquet");
 * const meta = await readParquetMetadata(info);
 * ```
 */
export async function readParquetMetadata(file: FileInfo | string, storageOptions?: StorageOptions): Promise<ParquetMetadata> {
  const path = typeof file === "string" ? file : file.path;
  return metadataWith(fileSystemFor(path, storageOptions), file);
}

/**
 * The footer facts of many files, read concurrently (`concurrency` at a time, default 16), in the
 * order given. When some files fail, the error of the first failing file (in that order) is thrown.
 * The asynchronous half of `readParquetMetadataSync`.
 *
 * @example
 * ```ts
 * const metas = await readParquetMetadataMany(await discoverFiles("s3://b/events/"), storageOptions);
 * ```
 */
export async function readParquetMetadataMany(
  files: readonly (FileInfo | string)[],
  storageOptions?: StorageOptions,
  concurrency = 16,
): Promise<ParquetMetadata[]> {
  const out = new Array<ParquetMetadata>(files.length);
  const failures = new Map<number, unknown>();
  let next = 0;
  const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, files.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length && failures.size === 0) {
        const i = next++;
        try {
          out[i] = await readParquetMetadata(files[i], storageOptions);
        } catch (e) {
          failures.set(i, e);
        }
      }
    }),
  );
  if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
  return out;
}

/**
 * {@link readParquetMetadata} through a given file system (the cache is consulted first).
 *
 * @example
 * ```ts
 * const meta = await metadataWith(new LocalFileSystem(), "/data/x.parquet");
 * ```
 */
export async function metadataWith(fs: FileSystem, file: FileInfo | string): Promise<ParquetMetadata> {
  const info = typeof file === "string" ? await fs.info(file) : file;
  const hit = cachedParquetMetadata(info);
  if (hit !== undefined) return hit;
  return cacheParquetMetadata(metadataFromFooter(info, await readFooterBytes(fs, info)));
}

/**
 * Builds the metadata of a file from its footer bytes, checking the footer against the file.
 *
 * @example
 * ```ts
 * const meta = metadataFromFooter(info, await readFooterBytes(fs, info));
 * ```
 */
export function metadataFromFooter(info: FileInfo, bytes: FooterBytes): ParquetMetadata {
  return metadataFromDecoded(info, bytes.footerLength, decodeFooter(info.path, bytes));
}

/**
 * {@link metadataFromFooter} over a footer already decoded by `decodeFooter`.
 *
 * @example
 * ```ts
 * const meta = metadataFromDecoded(info, bytes.footerLength, decodeFooter(info.path, bytes));
 * ```
 */
export function metadataFromDecoded(info: FileInfo, footerLength: number, fileMeta: FileMetaData): ParquetMetadata {
  const { path, size } = info;
  const columns = parquetColumns(path, fileMeta);
  const readable = columns.filter((c) => c.dtype !== null);
  const leafCount = fileMeta.schema.slice(1).filter((e) => (e.num_children ?? 0) === 0).length;
  const dataEnd = size - 8 - footerLength;
  const rowGroups = fileMeta.row_groups.map((rg, r): ParquetRowGroup => {
    if (!Array.isArray(rg.columns) || rg.columns.length !== leafCount) {
      throw corruptParquet(path, `row group ${r} has ${rg.columns?.length ?? 0} column chunks but the schema has ${leafCount} columns`, { rowGroup: r });
    }
    let compressedSize = 0;
    rg.columns.forEach((chunk, k) => {
      const md = chunk.meta_data;
      if (chunk.file_path !== undefined) {
        throw corruptParquet(path, `row group ${r} keeps its column chunks in another file (${chunk.file_path}), which Dusk does not support`, {
          rowGroup: r,
        });
      }
      if (md === undefined) throw corruptParquet(path, `row group ${r}, column chunk ${k} has no metadata (an encrypted column?)`, { rowGroup: r });
      const { start, end } = chunkRange(md);
      if (!(start >= 4 && end <= dataEnd && end >= start)) {
        const name = md.path_in_schema.join(".");
        throw corruptParquet(
          path,
          `the data of row group ${r}, column "${name}" at bytes [${start}, ${end}) lies outside the file's data section [4, ${dataEnd}), so the file is truncated or corrupt`,
          { rowGroup: r, column: name },
        );
      }
      compressedSize += end - start;
    });
    const stats: Record<string, ColumnStats | null> = {};
    for (const c of readable) stats[c.name] = decodeColumnStats(rg.columns[c.leafIndex], c, c.dtype!);
    const numRows = Number(rg.num_rows);
    if (!(numRows >= 0)) throw corruptParquet(path, `row group ${r} has ${numRows} rows`, { rowGroup: r });
    return { numRows, totalByteSize: Number(rg.total_byte_size), compressedSize, columns: stats };
  });
  return {
    path,
    size,
    version: info.version ?? null,
    numRows: rowGroups.reduce((a, rg) => a + rg.numRows, 0),
    schema: {
      names: readable.map((c) => c.name),
      dtypes: readable.map((c) => c.dtype!),
      unsupported: columns.filter((c) => c.dtype === null).map((c) => ({ name: c.name, type: c.type })),
    },
    rowGroups,
    footerLength,
    createdBy: fileMeta.created_by ?? null,
  };
}
