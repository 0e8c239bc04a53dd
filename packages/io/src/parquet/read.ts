/**
 * Reading row groups of a Parquet file into one Dusk batch, with parquet-wasm.
 *
 * How bytes are fetched: the file's tail (its footer) is read once; then for each row group only
 * the byte ranges of the selected columns' chunks are read through the Dusk FileSystem (local or
 * S3; nearby ranges merged into one request, ranges inside the tail served from it) — never the
 * whole file. Those chunks and a rewritten footer make a small one-row-group Parquet file
 * (row-group-file.ts) that parquet-wasm's synchronous reader decodes. (parquet-wasm's asynchronous
 * range reader was tried and rejected: on an I/O error or corrupt data it traps inside a callback,
 * which surfaces as an uncaught exception while the read's promise never settles.)
 *
 * Row groups are decoded one at a time — parquet-wasm's WebAssembly memory never shrinks, so its
 * peak is one row group's data — while the next row group's bytes are already being fetched. Each
 * decoded row group leaves WebAssembly as Arrow IPC and becomes Dusk columns; then all are
 * concatenated. Columns come back in the order asked; utf8 columns written from dictionary columns
 * come back dictionary-encoded (the file's Arrow schema says so); int64, uint64 and timestamps stay
 * exact (BigInt64Array / BigUint64Array).
 *
 * @example
 * ```ts
 * const batch = await readParquetRowGroups("s3://bucket/events/part-0.parquet", [0, 2], ["v1", "id"], storageOptions);
 * batch.names; // ["v1", "id"]
 * ```
 */
import * as A from "apache-arrow";
import { DuskError, dtypeEquals, formatDType, isDuskError, type DType } from "@dusk/core";
import { concatBatches, emptyColumn, tableToBatches, type Batch } from "@dusk/kernels";
import type { FileMetaData } from "hyparquet";
import type { FileInfo, FileSystem, StorageOptions } from "../fs/filesystem.js";
import { fileSystemFor } from "../fs/registry.js";
import { readByteRanges } from "./byte-ranges.js";
import { narrowedArrowSchemaHint } from "./arrow-hint.js";
import { chunkRange } from "./chunk-range.js";
import { resolveParquetColumns } from "./columns.js";
import { corruptParquet, messageOf, unsupportedParquetColumn } from "./errors.js";
import { decodeFooter, readFooterBytes, type FooterBytes } from "./footer.js";
import { cacheParquetMetadata, cachedParquetMetadata } from "./metadata-cache.js";
import { metadataFromDecoded } from "./metadata.js";
import { footerLayout, oneRowGroupFile, type ChunkBytes, type FooterLayout } from "./row-group-file.js";
import { parquetColumns, type ParquetColumnInfo } from "./schema.js";
import { NativeUnsupported } from "./decode/chunk.js";
import { ChunkError, decodeRowGroupNative, nativePlan, parquetDecoderMode } from "./decode/native.js";
import { parquetWasm, releaseParquetWasm } from "./wasm.js";

/** Rows per Arrow record batch parquet-wasm produces (a larger row group comes in several). */
const MAX_BATCH_ROWS = 1 << 20;

/**
 * The rows of the given row groups (in the order given) of one Parquet file, restricted to
 * `columns` in the order asked (null: every column, in file order). Pass the FileInfo from discovery
 * to save asking the store for the file's size. Errors: NOT_FOUND and other I/O errors from the file
 * system; COLUMN_NOT_FOUND / UNSUPPORTED_TYPE for the columns; INVALID_ARGUMENT for a row group the
 * file lacks; PARQUET_ERROR for a corrupt file; each naming the file.
 *
 * @example
 * ```ts
 * const meta = await readParquetMetadata(info);
 * const batch = await readParquetRowGroups(info, [0], ["id", "v1"]);
 * batch.length === meta.rowGroups[0].numRows; // true
 * ```
 */
export async function readParquetRowGroups(
  file: FileInfo | string,
  rowGroups: readonly number[],
  columns: readonly string[] | null,
  storageOptions?: StorageOptions,
): Promise<Batch> {
  const path = typeof file === "string" ? file : file.path;
  return readRowGroupsWith(fileSystemFor(path, storageOptions), file, rowGroups, columns);
}

/**
 * {@link readParquetRowGroups} through a given file system.
 *
 * @example
 * ```ts
 * const batch = await readRowGroupsWith(new LocalFileSystem(), "/data/x.parquet", [0], null);
 * ```
 */
export async function readRowGroupsWith(
  fs: FileSystem,
  file: FileInfo | string,
  rowGroups: readonly number[],
  columns: readonly string[] | null,
): Promise<Batch> {
  const info = typeof file === "string" ? await fs.info(file) : file;
  const { path } = info;
  const footer = await readFooterBytes(fs, info);
  const fileMeta = decodeFooter(path, footer);
  const meta = cachedParquetMetadata(info) ?? cacheParquetMetadata(metadataFromDecoded(info, footer.footerLength, fileMeta));
  const { names, dtypes } = resolveParquetColumns(meta, columns);
  for (const rg of rowGroups) {
    if (!Number.isInteger(rg) || rg < 0 || rg >= meta.rowGroups.length) {
      throw new DuskError(
        "INVALID_ARGUMENT",
        `row group ${rg} does not exist in ${path}, which has ${meta.rowGroups.length} row groups (numbered from 0); read its metadata again if the file changed`,
        { path, rowGroup: rg, rowGroups: meta.rowGroups.length },
      );
    }
  }
  const wanted = rowGroups.filter((rg) => meta.rowGroups[rg].numRows > 0);
  if (names.length === 0) {
    return { names: [], columns: [], length: wanted.reduce((a, rg) => a + meta.rowGroups[rg].numRows, 0) };
  }
  if (wanted.length === 0) return { names, columns: dtypes.map(emptyColumn), length: 0 };

  const selected = new Set(names);
  const chosen = parquetColumns(path, fileMeta).filter((c) => selected.has(c.name)); // file order
  const leaves = chosen.map((c) => c.leafIndex);
  const mode = parquetDecoderMode();
  const plan = mode === "parquet-wasm" ? null : nativePlan(fileMeta, chosen, wanted);
  if (mode === "native" && typeof plan === "string") throw notNative(path, plan);
  let wasm: ((rg: number, chunks: Map<number, ChunkBytes>) => Batch[]) | undefined;
  const viaWasm = (rg: number, chunks: Map<number, ChunkBytes>): Batch[] =>
    (wasm ??= wasmDecoder(path, footer, fileMeta, chosen, names, dtypes, meta.rowGroups.map((g) => g.numRows)))(rg, chunks);
  const fetch = (rg: number): Promise<Map<number, ChunkBytes>> => fetchChunks(fs, info, footer, fileMeta, rg, leaves);

  const parts: Batch[] = [];
  let pending = fetch(wanted[0]);
  for (let i = 0; i < wanted.length; i++) {
    const rg = wanted[i];
    const chunks = await pending;
    if (i + 1 < wanted.length) {
      pending = fetch(wanted[i + 1]);
      pending.catch(() => undefined); // awaited on the next turn; a failure is reported there
    }
    if (plan === null || typeof plan === "string") {
      parts.push(...viaWasm(rg, chunks));
      continue;
    }
    try {
      parts.push(decodeRowGroupNative(plan, chunks, meta.rowGroups[rg].numRows, names, fileMeta, rg));
    } catch (e) {
      if (!(e instanceof ChunkError)) throw e;
      if (e.error instanceof NativeUnsupported) {
        if (mode === "native") throw notNative(path, `column "${e.column}" of row group ${rg} has ${e.message}`);
        parts.push(...viaWasm(rg, chunks));
        continue;
      }
      throw corruptParquet(path, `column "${e.column}" of row group ${rg} cannot be decoded (${e.message})`, { rowGroup: rg, column: e.column }, e.error);
    }
  }
  return concatBatches(parts, names, dtypes);
}

/** The error for a read the native decoder cannot take while DUSK_PARQUET_DECODER=native. */
function notNative(path: string, why: string): DuskError {
  return new DuskError(
    "UNSUPPORTED_TYPE",
    `the native decoder cannot read ${path}: ${why}; unset DUSK_PARQUET_DECODER (or set it to "auto") to read such files with parquet-wasm`,
    { path, reason: why },
  );
}

/** Decodes row groups of one file with parquet-wasm: each becomes a small one-row-group file (row-group-file.ts). */
function wasmDecoder(
  path: string,
  footer: FooterBytes,
  fileMeta: FileMetaData,
  chosen: readonly ParquetColumnInfo[],
  names: readonly string[],
  dtypes: readonly DType[],
  rowCounts: readonly number[],
): (rg: number, chunks: Map<number, ChunkBytes>) => Batch[] {
  const thrift = footer.tail.subarray(footer.tail.byteLength - 8 - footer.footerLength, footer.tail.byteLength - 8);
  let layout: FooterLayout;
  try {
    layout = footerLayout(thrift);
  } catch (e) {
    throw corruptParquet(path, `its footer cannot be decoded (${messageOf(e)})`, {}, e);
  }
  const elements = chosen.map((c) => c.elementIndex);
  const arrowSchema = narrowedArrowSchemaHint(fileMeta.key_value_metadata, new Set(names));
  return (rg, chunks) => {
    const numRows = rowCounts[rg];
    const file = oneRowGroupFile(thrift, layout, { rowGroup: rg, numRows, elements, chunks, arrowSchema });
    const table = decodeRowGroup(file, Math.min(numRows, MAX_BATCH_ROWS), path, rg);
    return toBatches(table, names, dtypes, path, rg);
  };
}

/** The bytes of the chosen leaf columns' chunks in one row group, by leaf index. */
async function fetchChunks(
  fs: FileSystem,
  info: FileInfo,
  footer: FooterBytes,
  fileMeta: FileMetaData,
  rowGroup: number,
  leaves: readonly number[],
): Promise<Map<number, ChunkBytes>> {
  const ranges = leaves.map((k) => chunkRange(fileMeta.row_groups[rowGroup].columns[k].meta_data!));
  const bytes = await readByteRanges(fs, info, ranges.map((r) => [r.start, r.end] as const), footer);
  return new Map(leaves.map((k, j) => [k, { bytes: bytes[j], range: ranges[j] }]));
}

/** One row group's columns, decoded by parquet-wasm, as an Arrow table. */
function decodeRowGroup(file: Uint8Array, batchSize: number, path: string, rowGroup: number): A.Table {
  const pw = parquetWasm();
  let ipc: Uint8Array;
  try {
    ipc = pw.readParquet(file, { rowGroups: [0], batchSize }).intoIPCStream();
  } catch (e) {
    releaseParquetWasm(e);
    const why = e instanceof Error && e.name === "RuntimeError" ? `the decoder crashed on its data: ${e.message}` : messageOf(e);
    throw corruptParquet(path, `row group ${rowGroup} cannot be decoded (${why})`, { rowGroup }, e);
  }
  releaseParquetWasm();
  return A.tableFromIPC(ipc);
}

/** Dusk batches over one row group's Arrow table, columns in the order asked and checked against the footer's dtypes. */
function toBatches(table: A.Table, names: readonly string[], dtypes: readonly DType[], path: string, rowGroup: number): Batch[] {
  let converted: ReturnType<typeof tableToBatches>;
  try {
    converted = tableToBatches(table);
  } catch (e) {
    if (isDuskError(e, "INVALID_DTYPE")) {
      throw unsupportedParquetColumn(path, String(e.details.column), `Arrow ${String(e.details.arrowType)}`);
    }
    throw e;
  }
  const order = names.map((name, i) => {
    const j = converted.names.indexOf(name);
    if (j < 0) {
      throw corruptParquet(path, `row group ${rowGroup} came back without column "${name}"`, { rowGroup, column: name });
    }
    if (!dtypeEquals(converted.dtypes[j], dtypes[i])) {
      throw new DuskError(
        "PARQUET_ERROR",
        `column "${name}" of ${path} reads as ${formatDType(converted.dtypes[j])} although its footer says ${formatDType(dtypes[i])}; ` +
          "Dusk cannot reconcile the two: leave the column out with `columns`, or rewrite the file",
        { path, column: name, rowGroup, expected: formatDType(dtypes[i]), actual: formatDType(converted.dtypes[j]) },
      );
    }
    return j;
  });
  return converted.batches.map((b) => ({ names, columns: order.map((j) => b.columns[j]), length: b.length }));
}
