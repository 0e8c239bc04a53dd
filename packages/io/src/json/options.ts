/**
 * Options of `readJson` (newline-delimited JSON), as users pass them, and their validated form.
 * Names follow pandas' `read_json` where it has them (`lines`, `dtype`, `compression`) and
 * `readCsv` otherwise (`blocksize`, `parseDates`, `onBadLines`, `sampleSize`, `storageOptions`).
 * What workers need travels as plain data ({@link JsonWireOptions}).
 *
 * @example
 * ```ts
 * const r = resolveReadJsonOptions({ lines: true, blocksize: "16MB", dtype: { id: "int64" } });
 * r.blocksize;  // 16000000
 * r.json.dtype; // { id: { kind: "int64" } }
 * ```
 */
import { DuskError, parseBytes, parseDType, type DType, type DTypeLike } from "@dusk/core";
import type { StorageOptions } from "../fs/filesystem.js";
import { lineReaderOptions, type OnBadLines } from "../csv/options.js";

/** Compression of the files: by file extension (`.gz`), gzip, or none. */
export type JsonCompression = "infer" | "gzip" | null;

/** Options of `dd.readJson`. Every field is optional. */
export interface ReadJsonOptions {
  /** Newline-delimited JSON: one record (object) per line. Only `true` is supported (the default). */
  readonly lines?: boolean;
  /**
   * Dtypes by column (dotted names for nested keys: `{ "user.id": "int64" }`), overriding inference.
   * A key the sample does not show becomes a column too; `"utf8"` on an object key keeps the
   * object as JSON text instead of flattening it.
   */
  readonly dtype?: Readonly<Record<string, DTypeLike>>;
  /**
   * The columns to read (dotted names); every other key of the records is ignored. Without it,
   * every key of the sample is a column and a key the sample did not show fails the read.
   */
  readonly columns?: readonly string[];
  /** Columns of ISO 8601 strings to read as date32 (every value `YYYY-MM-DD`) or timestamp. */
  readonly parseDates?: readonly string[];
  /** What to do with a line that is not a JSON object: `"error"` (default), `"skip"`, `"warn"`. */
  readonly onBadLines?: OnBadLines;
  /** Receives the warnings of `onBadLines: "warn"` raised on the calling thread. Default `console.warn`. */
  readonly onWarning?: (message: string) => void;
  /** Only `"utf-8"` is supported; a byte order mark is skipped. */
  readonly encoding?: string;
  /** Bytes per partition (`"64MB"` default); `null`: one partition per file. */
  readonly blocksize?: number | string | null;
  /** `"infer"` (default: gzip for names ending in `.gz`), `"gzip"`, or `null`. Compressed files are one partition each. */
  readonly compression?: JsonCompression;
  /** Bytes of the first file read to infer the schema (default `"1MiB"`). */
  readonly sampleSize?: number | string;
  /** S3 settings (endpoint, region, credentials, ...) for s3:// paths. */
  readonly storageOptions?: StorageOptions;
}

/** The parser's options as sent to workers: plain data. */
export interface JsonWireOptions {
  readonly dtype: Readonly<Record<string, DType>>;
  /** The chosen columns, or null for every key of the sample. */
  readonly columns: readonly string[] | null;
  readonly parseDates: readonly string[];
  readonly onBadLines: OnBadLines;
}

export interface ResolvedReadJsonOptions {
  readonly blocksize: number | null;
  readonly compression: JsonCompression;
  readonly sampleSize: number;
  readonly storageOptions: StorageOptions | undefined;
  readonly json: JsonWireOptions;
  readonly onWarning: (message: string) => void;
}

function invalid(message: string, option: string): DuskError {
  return new DuskError("INVALID_ARGUMENT", `readJson: ${message}`, { option });
}

function names(value: unknown, option: string): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid(`${option} must be an array of column names`, option);
  const dup = value.filter((v, i) => value.indexOf(v) !== i);
  if (dup.length > 0) throw invalid(`${option} has duplicates: ${dup.map((d) => JSON.stringify(d)).join(", ")}`, option);
  return Object.freeze([...(value as string[])]);
}

/**
 * Validates `readJson` options and resolves defaults; throws `INVALID_ARGUMENT` naming the option
 * (`INVALID_DTYPE` for a dtype it does not know).
 *
 * @example
 * ```ts
 * resolveReadJsonOptions({ lines: false }); // throws: only newline-delimited JSON is supported
 * ```
 */
export function resolveReadJsonOptions(options: ReadJsonOptions = {}): ResolvedReadJsonOptions {
  if (typeof options !== "object" || options === null) throw invalid("options must be an object", "options");
  const o = options;
  if (o.lines !== undefined && o.lines !== true) {
    throw invalid("only newline-delimited JSON (lines: true, one object per line) is supported; convert a JSON array first, e.g. with jq -c '.[]'", "lines");
  }
  const dtype: Record<string, DType> = {};
  if (o.dtype !== undefined && o.dtype !== null) {
    if (typeof o.dtype !== "object" || Array.isArray(o.dtype)) throw invalid("dtype must be an object { column: dtype }", "dtype");
    for (const [name, like] of Object.entries(o.dtype)) dtype[name] = parseDType(like, `readJson dtype.${name}`);
  }
  const columns = names(o.columns, "columns");
  if (columns !== null && columns.length === 0) throw invalid("columns must name at least one column", "columns");
  const parseDates = names(o.parseDates, "parseDates") ?? [];
  const onBadLines = lineReaderOptions(o, invalid);
  const c = o.compression;
  if (c !== undefined && c !== null && c !== "infer" && c !== "gzip") {
    throw invalid(`compression must be "infer", "gzip" or null, got ${JSON.stringify(c)}`, "compression");
  }
  return {
    blocksize: o.blocksize === null ? null : parseBytes(o.blocksize ?? "64MB", "readJson blocksize"),
    compression: c === undefined ? "infer" : c,
    sampleSize: Math.max(1024, Math.floor(parseBytes(o.sampleSize ?? "1MiB", "readJson sampleSize"))),
    storageOptions: o.storageOptions,
    json: Object.freeze({ dtype: Object.freeze(dtype), columns, parseDates: Object.freeze([...parseDates]), onBadLines }),
    onWarning: o.onWarning ?? ((message: string) => console.warn(message)),
  };
}
