/**
 * Planning a CSV read on the calling thread: find the files, infer the schema from a sample of the
 * first non-empty one, and cut every file into blocks (partitions). Synchronous, so `readCsv` can
 * return a frame whose columns and dtypes are known; S3 is reached through the runSync helper.
 *
 * Blocks follow the newline rule: a block covers the rows that start after the first line break
 * at or after its nominal start, up to and including the first line break at or after its nominal
 * end; the first block of a file starts after the file's header. Compressed files, and every file
 * when `blocksize` is null, are one block each.
 *
 * @example
 * ```ts
 * const plan = planCsvRead("data/*.csv", { blocksize: "16MB" });
 * plan.schema.columns.map((c) => c.name); // ["id1", "v1", ...]
 * plan.blocks.length;                       // partitions
 * ```
 */
import { createHash } from "node:crypto";
import { gunzipSync, constants as zlibConstants } from "node:zlib";
import { DuskError, formatDType } from "@dusk/core";
import type { FileInfo, StorageOptions } from "../fs/filesystem.js";
import { discoverFilesSync, readRangeSync } from "../sync/io-sync.js";
import { inferCsvSchema } from "./infer.js";
import { normalizeCsvOptions } from "./options.js";
import { isGzip, resolveReadCsvOptions, type CsvWireOptions, type ReadCsvOptions, type ResolvedReadCsvOptions } from "./read-options.js";
import type { CsvLayout, CsvSchema } from "./schema.js";

/** Where a file's data starts, when known on the calling thread (the sampled file). */
export interface CsvHeaderInfo {
  readonly dataStart: number;
  readonly headerLines: number;
}

/** One partition of a CSV read: a byte range of one file (or the whole file). Plain data. */
export interface CsvBlock {
  readonly path: string;
  readonly size: number;
  /** Nominal byte range; rows are assigned by the newline rule. */
  readonly start: number;
  readonly end: number;
  /** Position of the block in its file (0: the block holding the header). */
  readonly index: number;
  /** The block is the whole file (compressed, or blocksize null): read it all, no newline rule. */
  readonly whole: boolean;
  readonly gzip: boolean;
  /** Where the data starts, for the sampled file; null: found by reading the file's head. */
  readonly header: CsvHeaderInfo | null;
}

/** What every block read needs besides its block: the file layout and options. Plain data. */
export interface CsvReadSpec {
  /** Every kept column, in file order, with its dtype. */
  readonly layout: CsvLayout;
  /** Every column name of a file, in order: each file's header must match. */
  readonly fileColumns: readonly string[];
  /** The file the schema came from, for messages. */
  readonly sampledFile: string;
  readonly csv: CsvWireOptions;
  readonly storageOptions: StorageOptions | undefined;
}

export interface CsvReadPlan {
  readonly files: readonly FileInfo[];
  readonly schema: CsvSchema;
  readonly blocks: readonly CsvBlock[];
  readonly read: CsvReadSpec;
  /** A hash of the files (paths, sizes, versions) and options: equal reads get equal task keys. */
  readonly token: string;
  readonly onWarning: ((message: string) => void) | undefined;
}

/** The decompressed head of a gzip file from its first bytes (a cut stream decodes as far as it goes). */
export function gunzipHead(bytes: Uint8Array, path: string): Uint8Array {
  try {
    return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (e) {
    throw new DuskError("CSV_PARSE_ERROR", `${path}: not a gzip file (${(e as Error).message}); pass compression: null if it is plain text`,
      { file: path }, { cause: e });
  }
}

/** Reads a sample of `file` and infers its schema, reading more when the header does not fit. */
function sampleSchema(file: FileInfo, o: ResolvedReadCsvOptions, gzip: boolean): { schema: CsvSchema; sample: Uint8Array } {
  const csv = normalizeCsvOptions({ ...o.csv, onWarning: o.onWarning });
  for (let want = o.sampleSize; ; want *= 4) {
    const raw = readRangeSync(file.path, 0, Math.min(file.size, want), o.storageOptions);
    const all = want >= file.size;
    const sample = gzip ? gunzipHead(raw, file.path) : raw;
    try {
      return { schema: inferCsvSchema(sample, csv, file.path, { wholeFile: all }), sample };
    } catch (e) {
      if (all || (e as DuskError).details?.reason !== "sample-too-small") throw e;
    }
  }
}

/** Whether lines end in a lone \r (old Mac files): the newline rule splits at \n only, so such files are read whole. */
function crOnly(sample: Uint8Array): boolean {
  return sample.indexOf(10) < 0 && sample.indexOf(13) >= 0;
}

function blocksOf(file: FileInfo, o: ResolvedReadCsvOptions, header: CsvHeaderInfo | null, minFirst: number): CsvBlock[] {
  const gzip = isGzip(file.path, o.compression);
  const base = { path: file.path, size: file.size, gzip, header };
  if (gzip || o.blocksize === null || file.size <= o.blocksize) {
    return [Object.freeze({ ...base, start: 0, end: file.size, index: 0, whole: gzip || o.blocksize === null })];
  }
  const out: CsvBlock[] = [];
  // the first block must hold the header whole: a later block never starts inside it
  let start = 0, end = Math.min(file.size, Math.max(o.blocksize, minFirst));
  for (let index = 0; start < file.size; index++) {
    out.push(Object.freeze({ ...base, start, end, index, whole: false }));
    start = end;
    end = Math.min(file.size, start + o.blocksize);
  }
  return out;
}

function tokenOf(files: readonly FileInfo[], o: ResolvedReadCsvOptions, schema: CsvSchema): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({
    files: files.map((f) => [f.path, f.size, f.version ?? null]),
    csv: o.csv, blocksize: o.blocksize, compression: o.compression,
    columns: schema.columns.map((c) => [c.name, formatDType(c.dtype), c.fileColumnIndex]),
  }));
  return h.digest("hex").slice(0, 16);
}

/** Finds the files, infers the schema and cuts the files into blocks. */
export function planCsvRead(location: string | readonly string[], options: ReadCsvOptions = {}): CsvReadPlan {
  const o = resolveReadCsvOptions(options);
  const files = discoverFilesSync(location, { storageOptions: o.storageOptions });
  const sampled = files.find((f) => f.size > 0);
  const csv = normalizeCsvOptions({ ...o.csv, onWarning: o.onWarning });
  let schema: CsvSchema;
  let whole = o;
  if (sampled === undefined) {
    if (csv.names === null) {
      throw new DuskError("CSV_PARSE_ERROR",
        `readCsv: ${files.length === 1 ? `${files[0].path} is empty` : `all ${files.length} files are empty`}: there are no columns to read; pass names to read an empty frame`,
        { file: files[0]?.path });
    }
    schema = inferCsvSchema(new Uint8Array(0), csv, files[0].path, { wholeFile: true });
  } else {
    const got = sampleSchema(sampled, o, isGzip(sampled.path, o.compression));
    schema = got.schema;
    if (crOnly(got.sample)) whole = { ...o, blocksize: null };
  }
  // the first block of each file must hold its header: other files' headers are taken to be like the sampled one's
  const minFirst = 2 * schema.dataStart + 4096;
  const blocks: CsvBlock[] = [];
  for (const f of files) {
    if (f.size === 0) continue;
    const header = f === sampled && !isGzip(f.path, o.compression) ? { dataStart: schema.dataStart, headerLines: schema.headerLines } : null;
    blocks.push(...blocksOf(f, whole, header, minFirst));
  }
  const read: CsvReadSpec = Object.freeze({
    layout: Object.freeze({ columns: schema.columns, fieldCount: schema.fieldCount }),
    fileColumns: schema.fileColumns,
    sampledFile: sampled?.path ?? files[0].path,
    csv: o.csv,
    storageOptions: o.storageOptions,
  });
  return { files, schema, blocks, read, token: tokenOf(files, o, schema), onWarning: o.onWarning };
}
