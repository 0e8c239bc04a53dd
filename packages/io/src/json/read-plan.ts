/**
 * Planning a newline-delimited JSON read on the calling thread, as planCsvRead does for CSV: find
 * the files, infer the schema from a sample of the first non-empty one, and cut every file into
 * blocks of `blocksize` bytes by the same newline rule (a block holds the lines that start after
 * the first line feed at or after its first byte, up to the first line feed at or after its end).
 * JSON strings cannot hold a raw line break, so every line lands whole in exactly one block. Gzip
 * files, and every file when `blocksize` is null, are one block each.
 *
 * @example
 * ```ts
 * const plan = planJsonRead("logs/*.ndjson", { blocksize: "16MB" });
 * plan.schema.columns.map((c) => c.name); // ["ts", "user.id", ...]
 * ```
 */
import { createHash } from "node:crypto";
import { DuskError, formatDType } from "@dusk/core";
import type { FileInfo, StorageOptions } from "../fs/filesystem.js";
import { discoverFilesSync, readRangeSync } from "../sync/io-sync.js";
import { gunzipHead } from "../csv/read-plan.js";
import { inferJsonSchema } from "./infer.js";
import { resolveReadJsonOptions, type JsonCompression, type JsonWireOptions, type ReadJsonOptions, type ResolvedReadJsonOptions } from "./options.js";
import type { JsonSchema } from "./schema.js";

/** One partition of a JSON read: a byte range of one file (or the whole file). Plain data. */
export interface JsonBlock {
  readonly path: string;
  readonly size: number;
  /** Nominal byte range; lines are assigned by the newline rule. */
  readonly start: number;
  readonly end: number;
  /** Position of the block in its file (0: the first). */
  readonly index: number;
  /** The block is the whole file (compressed, or blocksize null). */
  readonly whole: boolean;
  readonly gzip: boolean;
}

/** What every block read needs besides its block. Plain data. */
export interface JsonReadSpec {
  readonly schema: JsonSchema;
  readonly json: JsonWireOptions;
  readonly sampledFile: string;
  readonly storageOptions: StorageOptions | undefined;
}

export interface JsonReadPlan {
  readonly files: readonly FileInfo[];
  readonly schema: JsonSchema;
  readonly blocks: readonly JsonBlock[];
  readonly read: JsonReadSpec;
  /** A hash of the files (paths, sizes, versions) and options: equal reads get equal task keys. */
  readonly token: string;
}

/** Whether a file is read as gzip under a compression setting. */
export function isJsonGzip(path: string, compression: JsonCompression): boolean {
  return compression === "gzip" || (compression === "infer" && /\.gz$/i.test(path));
}

function sampleSchema(file: FileInfo, o: ResolvedReadJsonOptions, gzip: boolean): JsonSchema {
  for (let want = o.sampleSize; ; want *= 4) {
    const raw = readRangeSync(file.path, 0, Math.min(file.size, want), o.storageOptions);
    const all = want >= file.size;
    const sample = gzip ? gunzipHead(raw, file.path) : raw;
    try {
      return inferJsonSchema(sample, o.json, file.path, { wholeFile: all });
    } catch (e) {
      if (all || (e as DuskError).details?.reason !== "sample-too-small") throw e;
    }
  }
}

function blocksOf(file: FileInfo, o: ResolvedReadJsonOptions): JsonBlock[] {
  const gzip = isJsonGzip(file.path, o.compression);
  const base = { path: file.path, size: file.size, gzip };
  if (gzip || o.blocksize === null || file.size <= o.blocksize) {
    return [Object.freeze({ ...base, start: 0, end: file.size, index: 0, whole: gzip || o.blocksize === null })];
  }
  const out: JsonBlock[] = [];
  for (let start = 0, index = 0; start < file.size; start += o.blocksize, index++) {
    out.push(Object.freeze({ ...base, start, end: Math.min(file.size, start + o.blocksize), index, whole: false }));
  }
  return out;
}

/** Finds the files, infers the schema and cuts the files into blocks. */
export function planJsonRead(location: string | readonly string[], options: ReadJsonOptions = {}): JsonReadPlan {
  const o = resolveReadJsonOptions(options);
  const files = discoverFilesSync(location, { storageOptions: o.storageOptions });
  const sampled = files.find((f) => f.size > 0);
  const schema = sampled === undefined
    ? inferJsonSchema(new Uint8Array(0), o.json, files[0].path, { wholeFile: true })
    : sampleSchema(sampled, o, isJsonGzip(sampled.path, o.compression));
  if (schema.columns.length === 0) {
    throw new DuskError("JSON_PARSE_ERROR",
      `readJson: ${sampled === undefined ? (files.length === 1 ? `${files[0].path} is empty` : `all ${files.length} files are empty`) : `the records sampled from ${sampled.path} have no keys`}: ` +
      "there are no columns to read; pass dtype: { column: dtype, ... } to name them", { file: (sampled ?? files[0]).path });
  }
  const blocks: JsonBlock[] = [];
  for (const f of files) if (f.size > 0) blocks.push(...blocksOf(f, o));
  const read: JsonReadSpec = Object.freeze({ schema, json: o.json, sampledFile: (sampled ?? files[0]).path, storageOptions: o.storageOptions });
  const h = createHash("sha256");
  h.update(JSON.stringify({
    format: "ndjson",
    files: files.map((f) => [f.path, f.size, f.version ?? null]),
    json: { ...o.json, dtype: Object.entries(o.json.dtype).map(([k, v]) => [k, formatDType(v)]) },
    blocksize: o.blocksize, compression: o.compression,
    columns: schema.columns.map((c) => [c.name, c.path, formatDType(c.dtype), c.text]),
  }));
  return { files, schema, blocks, read, token: h.digest("hex").slice(0, 16) };
}
