/**
 * CSV reading options as users pass them (`dd.readCsv(path, options)`), and their validated,
 * resolved form. Names and defaults follow pandas' `read_csv` in camelCase.
 *
 * @example
 * ```ts
 * const o = normalizeCsvOptions({ sep: ";", dtype: { id4: "int32" }, naValues: ["-"] });
 * o.sep;                 // 59 (the byte of ";")
 * o.dtype.get("id4");    // { kind: "int32" }
 * o.naValues.includes("NA"); // true: the defaults are kept unless keepDefaultNa is false
 * ```
 */
import { DuskError, dtypes, parseDType, type DType, type DTypeLike } from "@dusk/core";
import { compileDateFormat, type DateFormat } from "@dusk/kernels";

/** What to do with a row whose field count differs from the header's. */
export type OnBadLines = "error" | "skip" | "warn";

/** Options of the CSV reader, as users pass them. Every field is optional. */
export interface CsvOptions {
  /** Field separator: one ASCII character. Default `","`. */
  readonly sep?: string;
  /**
   * Where the column names are: `true` (the first row, as `0`), `false` (no header: names are
   * `"0"`, `"1"`, … or `names`) or the 0-based index of the header row among the non-blank,
   * non-comment rows after `skiprows` (rows before it are dropped). Default: `0`, or `false` when
   * `names` is given (as in pandas).
   */
  readonly header?: boolean | number;
  /** Column names to use; with `header` also given, they replace the header row's names. */
  readonly names?: readonly string[];
  /** Columns to keep, by name or by 0-based position; they come back in file order. */
  readonly usecols?: readonly string[] | readonly number[];
  /** Dtypes by column name, overriding inference (`{ id4: "int32", v3: "float32" }`). */
  readonly dtype?: Readonly<Record<string, DTypeLike>>;
  /** Columns to parse as dates or timestamps (date32 when every value is `YYYY-MM-DD`). */
  readonly parseDates?: readonly string[];
  /**
   * The layout of the `parseDates` columns when they are not ISO 8601: a strptime-like format for
   * all of them (`"%d/%m/%Y %H:%M"`) or one per column (`{ day: "%d.%m.%Y" }`). A format with a time
   * of day gives timestamp[us] (timestamp[ns] with `%f`), one without gives date32, unless `dtype`
   * says otherwise. Directives: %Y %y %m %d %H %I %p %M %S %f %j %b %B %z %%.
   */
  readonly dateFormat?: string | Readonly<Record<string, string>>;
  /** Extra strings read as null. */
  readonly naValues?: readonly string[];
  /** Whether the default null strings (`""`, `"NA"`, `"NaN"`, `"null"`, …) apply. Default true. */
  readonly keepDefaultNa?: boolean;
  /**
   * Whether a quoted field can be null: true (default, as pandas and DuckDB) matches the null
   * strings after removing the quotes, so `"NA"` and `""` are null like `NA` and an empty field;
   * false reads every quoted field as a value (`""` is the empty string), which makes files
   * written by toCsv (strings equal to a null string are quoted, nulls are not) read back exactly.
   */
  readonly quotedNa?: boolean;
  /** Quote character; a doubled quote inside quotes is a literal quote. Default `'"'`. */
  readonly quotechar?: string;
  /** Escape character: the character after it is taken literally, inside or outside quotes. */
  readonly escapechar?: string;
  /** Number of physical lines to skip at the start of the file, before the header. Default 0. */
  readonly skiprows?: number;
  /** Comment character: the rest of the line is ignored; a line starting with it is skipped. */
  readonly comment?: string;
  /** What to do with rows of the wrong field count. Default `"error"`. */
  readonly onBadLines?: OnBadLines;
  /** Receives the messages of `onBadLines: "warn"`. Default: `console.warn`. */
  readonly onWarning?: (message: string) => void;
  /** Only `"utf-8"` (any case, `"utf8"` too) is supported; a byte order mark is skipped. */
  readonly encoding?: string;
}

/** The null strings pandas uses by default (pandas' `STR_NA_VALUES`). */
export const DEFAULT_NA_VALUES: readonly string[] = Object.freeze([
  "", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A", "-NaN", "n/a", "<NA>",
  "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-nan", "1.#IND", "1.#QNAN",
]);

/** {@link CsvOptions} validated and resolved: characters as bytes (−1 for none), dtypes parsed. */
export interface NormalizedCsvOptions {
  readonly sep: number;
  /** Header row index, or null for no header. */
  readonly header: number | null;
  readonly names: readonly string[] | null;
  readonly usecols: readonly string[] | readonly number[] | null;
  readonly dtype: ReadonlyMap<string, DType>;
  readonly parseDates: readonly string[];
  /** Date formats by column (from `dateFormat`); columns not in it parse ISO 8601. */
  readonly dateFormat: ReadonlyMap<string, string>;
  /** The null strings in force (defaults merged per keepDefaultNa). */
  readonly naValues: readonly string[];
  /** Whether quoted fields are matched against naValues (see CsvOptions.quotedNa). */
  readonly quotedNa: boolean;
  readonly quote: number;
  readonly escape: number;
  readonly comment: number;
  readonly skiprows: number;
  readonly onBadLines: OnBadLines;
  readonly onWarning: (message: string) => void;
}

const normalized = new WeakSet<object>();

function invalid(message: string, option: string): DuskError {
  return new DuskError("INVALID_ARGUMENT", `readCsv: ${message}`, { option });
}

/**
 * The options every line-based reader (CSV, NDJSON) shares, checked: `onBadLines` (returned,
 * "error" by default), `onWarning` and `encoding`; `invalid` makes the reader's own error.
 */
export function lineReaderOptions(
  o: { readonly onBadLines?: unknown; readonly onWarning?: unknown; readonly encoding?: unknown },
  invalid: (message: string, option: string) => DuskError,
): OnBadLines {
  const onBadLines = o.onBadLines ?? "error";
  if (onBadLines !== "error" && onBadLines !== "skip" && onBadLines !== "warn") {
    throw invalid(`onBadLines must be "error", "skip" or "warn", got ${JSON.stringify(o.onBadLines)}`, "onBadLines");
  }
  if (o.onWarning !== undefined && typeof o.onWarning !== "function") throw invalid("onWarning must be a function", "onWarning");
  if (o.encoding !== undefined && (typeof o.encoding !== "string" || !/^utf-?8$/i.test(o.encoding))) {
    throw invalid(`encoding ${JSON.stringify(o.encoding)} is not supported; only utf-8 is (convert the file first, e.g. with iconv)`, "encoding");
  }
  return onBadLines;
}

/** One ASCII character as its byte; −1 when absent. */
function asciiChar(value: unknown, option: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || value.length !== 1 || value.charCodeAt(0) > 127) {
    throw invalid(`${option} must be one ASCII character, got ${JSON.stringify(value)}`, option);
  }
  const b = value.charCodeAt(0);
  if (b === 10 || b === 13) throw invalid(`${option} cannot be a line break`, option);
  return b;
}

function stringArray(value: unknown, option: string): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalid(`${option} must be an array of strings`, option);
  }
  return Object.freeze([...(value as string[])]);
}

function duplicates(xs: readonly (string | number)[]): (string | number)[] {
  const seen = new Set<string | number>();
  const dup = new Set<string | number>();
  for (const x of xs) (seen.has(x) ? dup : seen).add(x);
  return [...dup];
}

/**
 * Validates reader options and resolves defaults. Throws `INVALID_ARGUMENT` naming the option and
 * what is accepted (`INVALID_DTYPE` for a dtype it does not know). Passing an already normalized
 * object returns it unchanged.
 *
 * @example
 * ```ts
 * normalizeCsvOptions({ sep: "\t", header: false }).header; // null
 * normalizeCsvOptions({ sep: "::" }); // throws INVALID_ARGUMENT: sep must be one ASCII character
 * ```
 */
export function normalizeCsvOptions(options: CsvOptions | NormalizedCsvOptions = {}): NormalizedCsvOptions {
  if (normalized.has(options)) return options as NormalizedCsvOptions;
  const o = options as CsvOptions;
  if (typeof o !== "object" || o === null) throw invalid("options must be an object", "options");

  const sep = asciiChar(o.sep, "sep", 44);
  const quote = asciiChar(o.quotechar, "quotechar", 34);
  const escape = asciiChar(o.escapechar, "escapechar", -1);
  const comment = asciiChar(o.comment, "comment", -1);
  const chars: [string, number][] = [["sep", sep], ["quotechar", quote], ["escapechar", escape], ["comment", comment]];
  for (let a = 0; a < chars.length; a++) {
    for (let b = a + 1; b < chars.length; b++) {
      if (chars[a][1] >= 0 && chars[a][1] === chars[b][1]) {
        throw invalid(`${chars[a][0]} and ${chars[b][0]} are the same character ${JSON.stringify(String.fromCharCode(chars[a][1]))}`, chars[b][0]);
      }
    }
  }

  const names = stringArray(o.names, "names");
  if (names !== null) {
    const dup = duplicates(names);
    if (dup.length > 0) throw invalid(`names has duplicates: ${dup.map((d) => JSON.stringify(d)).join(", ")}`, "names");
  }

  let header: number | null;
  if (o.header === undefined) header = names === null ? 0 : null;
  else if (o.header === true) header = 0;
  else if (o.header === false) header = null;
  else if (typeof o.header === "number" && Number.isInteger(o.header) && o.header >= 0) header = o.header;
  else throw invalid(`header must be true, false or a row index ≥ 0, got ${JSON.stringify(o.header)}`, "header");

  let usecols: readonly string[] | readonly number[] | null = null;
  if (o.usecols !== undefined && o.usecols !== null) {
    const u = o.usecols as readonly unknown[];
    if (!Array.isArray(u)) throw invalid("usecols must be an array of column names or of positions", "usecols");
    if (u.every((v) => typeof v === "string")) usecols = Object.freeze([...(u as string[])]);
    else if (u.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0)) usecols = Object.freeze([...(u as number[])]);
    else throw invalid("usecols must be all column names or all 0-based positions (integers ≥ 0)", "usecols");
    const dup = duplicates(usecols);
    if (dup.length > 0) throw invalid(`usecols has duplicates: ${dup.map((d) => JSON.stringify(d)).join(", ")}`, "usecols");
  }

  const dtype = new Map<string, DType>();
  if (o.dtype !== undefined && o.dtype !== null) {
    if (typeof o.dtype !== "object" || Array.isArray(o.dtype)) throw invalid("dtype must be an object { column: dtype }", "dtype");
    for (const [name, like] of Object.entries(o.dtype)) dtype.set(name, parseDType(like, `readCsv dtype.${name}`));
  }

  const parseDates = stringArray(o.parseDates, "parseDates") ?? [];
  const dateFormat = new Map<string, string>();
  if (o.dateFormat !== undefined && o.dateFormat !== null) {
    const entries: [string, unknown][] = typeof o.dateFormat === "string"
      ? parseDates.map((c) => [c, o.dateFormat])
      : typeof o.dateFormat === "object" && !Array.isArray(o.dateFormat) ? Object.entries(o.dateFormat)
        : (() => { throw invalid("dateFormat must be a format string or an object { column: format }", "dateFormat"); })();
    if (typeof o.dateFormat === "string" && parseDates.length === 0) throw invalid("dateFormat applies to the parseDates columns; name them in parseDates", "dateFormat");
    for (const [name, fmt] of entries) {
      let compiled: DateFormat;
      try { compiled = compileDateFormat(fmt as string); } catch (e) { throw invalid(`dateFormat for ${JSON.stringify(name)}: ${(e as Error).message}`, "dateFormat"); }
      dateFormat.set(name, compiled.text);
      if (!dtype.has(name)) dtype.set(name, compiled.hasTime ? parseDType(compiled.hasFraction ? "timestamp[ns]" : "timestamp[us]") : dtypes.date32);
    }
  }
  const extraNa = stringArray(o.naValues, "naValues") ?? [];
  if (o.keepDefaultNa !== undefined && typeof o.keepDefaultNa !== "boolean") throw invalid("keepDefaultNa must be a boolean", "keepDefaultNa");
  const keepDefaultNa = o.keepDefaultNa ?? true;
  const naValues = Object.freeze([...new Set([...(keepDefaultNa ? DEFAULT_NA_VALUES : []), ...extraNa])]);
  if (o.quotedNa !== undefined && typeof o.quotedNa !== "boolean") throw invalid("quotedNa must be a boolean", "quotedNa");
  const quotedNa = o.quotedNa ?? true;

  const skiprows = o.skiprows ?? 0;
  if (typeof skiprows !== "number" || !Number.isInteger(skiprows) || skiprows < 0) {
    throw invalid(`skiprows must be an integer ≥ 0, got ${JSON.stringify(o.skiprows)}`, "skiprows");
  }
  const onBadLines = lineReaderOptions(o, invalid);

  const out: NormalizedCsvOptions = Object.freeze({
    sep, header, names, usecols, dtype, parseDates, dateFormat, naValues, quotedNa, quote, escape, comment, skiprows, onBadLines,
    onWarning: o.onWarning ?? ((message: string) => console.warn(message)),
  });
  normalized.add(out);
  return out;
}
