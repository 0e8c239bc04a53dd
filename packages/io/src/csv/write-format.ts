/**
 * CSV text from a Batch, exact and fast: every value is written so that our reader (given the
 * dtypes) reads back the same value, and the bytes go straight from the columns' typed arrays into
 * the output (no decoding of strings, no string per number on the common paths).
 *
 * How values are written (pandas' `to_csv` wherever it reads back exactly):
 * - integers in decimal, int64/uint64 exactly over their whole range (from their 32-bit words, no
 *   BigInt and no Number conversion);
 * - floats as their shortest round-trip text, `String(x)` (`0.1`, `1e+21`, `5e-324`, `1` for 1.0),
 *   except `-0` for negative zero; float32 as the shortest text that reads back to the same float32
 *   (`0.1`, not `0.10000000149011612`); infinities as `inf` / `-inf` (pandas); NaN as `nanRep`,
 *   default `NAN`, because `NaN` and `nan` are null strings of the reader (as of pandas) and would
 *   read back as null, while `NAN` reads back as NaN (a float column keeps NaN and null apart);
 * - bool as `True` / `False` (pandas; the reader reads True, true and TRUE);
 * - date32 as `YYYY-MM-DD` (years before 1000 zero-padded, outside 0000–9999 as `-YYYY` / `+YYYYY`);
 * - timestamps as `YYYY-MM-DD HH:MM:SS`, plus for ms/us/ns units always 3/6/9 fraction digits (the
 *   unit's precision, also when zero); a timestamp with a time zone is written as its UTC instant
 *   with a `+00:00` suffix (not as local wall time: Dusk stores instants, and the reader converts
 *   any offset back to UTC);
 * - nulls as `naRep` (default empty).
 *
 * Quoting (Python csv's QUOTE_* meanings), with the quote character doubled inside quotes:
 * - `"minimal"` (default): a field is quoted when it contains the separator, the quote character,
 *   `\r` or `\n`, starts or ends with a space or tab, or starts with a byte order mark; a string is
 *   also quoted when it is empty or equal to one of the reader's default null strings ("NA",
 *   "null", ...) or to `naRep`. The null text itself is quoted only when it contains such bytes, or
 *   when it is empty in a one-column file (where an empty line would be skipped as blank).
 * - `"all"`: every field, null text included, is quoted.
 * - `"nonnumeric"`: everything but non-null ints and floats is quoted (strings, bools, dates,
 *   timestamps, null text, header names).
 * - `"none"`: nothing is quoted; a value that would need quotes to read back (separator, quote
 *   character or line break in it; an empty or blank row of a one-column file) is an
 *   `INVALID_ARGUMENT` error naming the column and the row.
 *
 * Reading back: by default our reader, like pandas, matches null strings after removing the
 * quotes, so a non-null string equal to one of its null strings (`""`, `"NA"`, `"null"`, `"None"`,
 * ... — see DEFAULT_NA_VALUES — or to a custom `naRep`) reads back as null even though it is written
 * quoted. Reading with `quotedNa: false` takes every quoted field as a value, and since "minimal"
 * quoting writes such strings quoted and the null text unquoted, every string and null reads back
 * as it was ("all" and "nonnumeric" quote the null text too: there a distinct `naRep`, read with
 * `keepDefaultNa: false, naValues: [naRep]`, keeps them apart). Likewise, when the
 * reader infers dtypes instead of being given them, a float column whose values are all integral
 * reads back as int64 (`String(1.0)` is "1"), and dates and timestamps need `parseDates`.
 *
 * The output is UTF-8; strings are written as the bytes their column holds.
 *
 * @example
 * ```ts
 * const batch = { names: ["a", "b"], length: 2, columns: [columnFromValues(dtypes.int64, [1n, null]), columnFromValues(dtypes.utf8, ["x,y", "NA"])] };
 * new TextDecoder().decode(formatCsv(batch)); // 'a,b\n1,"x,y"\n,"NA"\n'
 * for (const chunk of formatCsvChunks(batch, { sep: ";" }, { chunkBytes: 1 << 20 })) await sink.write(chunk);
 * ```
 */
import { assertNever, DuskError, type TimeUnit } from "@dusk/core";
import {
  int64Words, writeDateAscii, writeInt64Ascii, writeTimestampAscii,
  type Batch, type Column, type PrimitiveColumn,
} from "@dusk/kernels";
import { NaMatcher } from "./na-values.js";
import { DEFAULT_NA_VALUES } from "./options.js";

/** How fields are quoted: Python csv's QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE. */
export type CsvQuoting = "minimal" | "all" | "nonnumeric" | "none";

/** Options of the CSV writer. Every field is optional; defaults follow pandas' `to_csv`. */
export interface CsvWriteOptions {
  /** Field separator: one ASCII character, not a line break. Default `","`. */
  readonly sep?: string;
  /** Quote character: one ASCII character, not a line break nor the separator. Default `'"'`. */
  readonly quotechar?: string;
  /** Write the column names as the first row. Default true. */
  readonly header?: boolean;
  /** Text of a null. Default `""`. The reader reads it back as null when it is one of its null strings. */
  readonly naRep?: string;
  /** Text of a float NaN. Default `"NAN"` (not a null string of the reader, so it reads back as NaN). */
  readonly nanRep?: string;
  /** Which fields are quoted; see the module doc. Default `"minimal"`. */
  readonly quoting?: CsvQuoting;
  /** Line terminator: `"\n"` (default), `"\r\n"` or `"\r"`. */
  readonly lineTerminator?: "\n" | "\r\n" | "\r";
}

/** How {@link formatCsvChunks} cuts its output, and how messages name it. */
export interface CsvChunkOptions {
  /** Bytes per chunk, roughly (a chunk ends after the first row pass that reaches it). Default 4 MiB. */
  readonly chunkBytes?: number;
  /** What messages call the output, e.g. `"toCsv out/part-0.csv"`. Default `"toCsv"`. */
  readonly where?: string;
}

const MINIMAL = 0;
const ALL = 1;
const NONNUMERIC = 2;
const NONE = 3;
const QUOTING: Readonly<Record<CsvQuoting, number>> = { minimal: MINIMAL, all: ALL, nonnumeric: NONNUMERIC, none: NONE };

const LF = 10;
const CR = 13;
/** Rows formatted per pass: each column's texts for a pass, then the rows interleaved. */
const PASS_ROWS = 8192;
const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

const utf8 = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Options validated, characters as bytes. */
interface Resolved {
  readonly sep: number;
  readonly quote: number;
  readonly header: boolean;
  readonly naRep: Uint8Array;
  readonly nanRep: Uint8Array;
  readonly quoting: number;
  readonly terminator: Uint8Array;
}

function invalid(where: string, message: string, option: string): DuskError {
  return new DuskError("INVALID_ARGUMENT", `${where}: ${message}`, { option });
}

function asciiChar(where: string, value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.length !== 1 || value.charCodeAt(0) > 127 || value === "\n" || value === "\r") {
    throw invalid(where, `${option} must be one ASCII character other than a line break, got ${JSON.stringify(value)}`, option);
  }
  return value.charCodeAt(0);
}

function text(where: string, value: unknown, option: string, fallback: string): Uint8Array {
  if (value === undefined) return utf8.encode(fallback);
  if (typeof value !== "string") throw invalid(where, `${option} must be a string, got ${JSON.stringify(value)}`, option);
  return utf8.encode(value);
}

function resolveOptions(o: CsvWriteOptions, where: string): Resolved {
  if (typeof o !== "object" || o === null) throw invalid(where, "options must be an object", "options");
  const sep = asciiChar(where, o.sep, "sep", 44);
  const quote = asciiChar(where, o.quotechar, "quotechar", 34);
  if (sep === quote) throw invalid(where, `sep and quotechar are the same character ${JSON.stringify(String.fromCharCode(sep))}`, "quotechar");
  if (o.header !== undefined && typeof o.header !== "boolean") throw invalid(where, `header must be true or false, got ${JSON.stringify(o.header)}`, "header");
  const quoting = QUOTING[o.quoting ?? "minimal"];
  if (quoting === undefined || !Object.hasOwn(QUOTING, o.quoting ?? "minimal")) {
    throw invalid(where, `quoting must be "minimal", "all", "nonnumeric" or "none", got ${JSON.stringify(o.quoting)}`, "quoting");
  }
  const term = o.lineTerminator ?? "\n";
  if (term !== "\n" && term !== "\r\n" && term !== "\r") {
    throw invalid(where, `lineTerminator must be "\\n", "\\r\\n" or "\\r" (the line breaks the reader knows), got ${JSON.stringify(term)}`, "lineTerminator");
  }
  return {
    sep, quote, quoting, header: o.header ?? true,
    naRep: text(where, o.naRep, "naRep", ""),
    nanRep: text(where, o.nanRep, "nanRep", "NAN"),
    terminator: utf8.encode(term),
  };
}

// ---------------------------------------------------------------------------------------------
// Quoting rules

/** Why a field cannot be written unquoted (quoting "none"); 0 when it can. */
const OK = 0;
const HAS_SEP = 1;
const HAS_QUOTE = 2;
const HAS_LINE_BREAK = 3;
const BLANK_ROW = 4;

/** The quoting rules of one output, over field bytes in place. */
class QuoteRules {
  /** 1 for the bytes that force quotes: separator, quote character, \r, \n. */
  readonly special = new Uint8Array(256);
  /** Strings quoted in "minimal" mode because a reader would take them for nulls. */
  private readonly na: NaMatcher;
  /** Longest null string, in bytes: longer strings are never one. */
  readonly naMax: number;

  constructor(readonly sep: number, readonly quote: number, readonly quoting: number, readonly singleColumn: boolean, naRep: string) {
    this.special[sep] = 1;
    this.special[quote] = 1;
    this.special[LF] = 1;
    this.special[CR] = 1;
    this.na = new NaMatcher(naRep === "" || DEFAULT_NA_VALUES.includes(naRep) ? DEFAULT_NA_VALUES : [...DEFAULT_NA_VALUES, naRep]);
    this.naMax = this.na.maxLength;
  }

  /** True when the bytes need quotes to read back as themselves (any text but a string's equality to a null string). */
  needsQuotes(b: Uint8Array, s: number, e: number): boolean {
    if (s === e) return this.singleColumn;
    const first = b[s], last = b[e - 1];
    if (first === 32 || first === 9 || last === 32 || last === 9) return true;
    if (first === 0xef && e - s >= 3 && b[s + 1] === 0xbb && b[s + 2] === 0xbf) return true;
    const special = this.special;
    for (let k = s; k < e; k++) if (special[b[k]] !== 0) return true;
    return false;
  }

  /** "minimal" rule for a string value: also quoted when empty or equal to a null string. */
  stringNeedsQuotes(b: Uint8Array, s: number, e: number): boolean {
    return s === e || this.needsQuotes(b, s, e) || (e - s <= this.naMax && this.na.matches(b, s, e));
  }

  /** Why the bytes cannot be written without quotes ({@link OK} when they can). */
  problem(b: Uint8Array, s: number, e: number): number {
    let blank = true;
    for (let k = s; k < e; k++) {
      const c = b[k];
      if (c === this.sep) return HAS_SEP;
      if (c === this.quote) return HAS_QUOTE;
      if (c === LF || c === CR) return HAS_LINE_BREAK;
      if (c !== 32 && c !== 9) blank = false;
    }
    return blank && this.singleColumn ? BLANK_ROW : OK;
  }

  /**
   * The text of an entry written the same way everywhere (a dictionary string, True/False, the
   * null and NaN texts): quoted when `always` or when the rule says so; raw under "none".
   */
  entry(raw: Uint8Array, always: boolean, isString: boolean): Uint8Array {
    if (this.quoting === NONE) return raw;
    const quoted = always || (isString ? this.stringNeedsQuotes(raw, 0, raw.length) : this.needsQuotes(raw, 0, raw.length));
    if (!quoted) return raw;
    const out = new Uint8Array(raw.length * 2 + 2);
    return out.subarray(0, writeQuoted(out, 0, raw, 0, raw.length, this.quote));
  }
}

/** Writes `b[s, e)` in quotes, doubling the quote character; returns the next position. */
function writeQuoted(out: Uint8Array, pos: number, b: Uint8Array, s: number, e: number, quote: number): number {
  out[pos++] = quote;
  for (let k = s; k < e; k++) {
    const c = b[k];
    out[pos++] = c;
    if (c === quote) out[pos++] = quote;
  }
  out[pos++] = quote;
  return pos;
}

function showBytes(b: Uint8Array, s: number, e: number): string {
  const t = decoder.decode(b.subarray(s, Math.min(e, s + 60)));
  return JSON.stringify(e - s > 60 ? `${t}…` : t);
}

function problemError(where: string, rules: QuoteRules, column: string, row: number, what: string, why: number): DuskError {
  const ch = (c: number): string => JSON.stringify(String.fromCharCode(c));
  const reason = why === HAS_SEP ? `contains the separator ${ch(rules.sep)}`
    : why === HAS_QUOTE ? `contains the quote character ${ch(rules.quote)}`
      : why === HAS_LINE_BREAK ? "contains a line break"
        : "is empty or only spaces, which in a one-column file reads back as a blank line and is skipped";
  const at = row < 0 ? `the header, column ${JSON.stringify(column)}` : `column ${JSON.stringify(column)}, row ${row}`;
  return new DuskError("INVALID_ARGUMENT",
    `${where}: ${at}: ${what} ${reason}; with quoting: "none" it cannot be written so that it reads back — ` +
    `use quoting: "minimal" (the default), or change the value`,
    { column, row, option: "quoting" });
}

// ---------------------------------------------------------------------------------------------
// Number text

/** "00" … "99". */
const DIGITS2 = new Uint8Array(200);
for (let i = 0; i < 100; i++) { DIGITS2[2 * i] = 48 + Math.floor(i / 10); DIGITS2[2 * i + 1] = 48 + (i % 10); }

/** Writes an integer 0 ≤ v < 2^32 in decimal; returns the next position. */
function writeU32(out: Uint8Array, pos: number, v: number): number {
  const len = v < 100000
    ? (v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10000 ? 4 : 5)
    : v < 10000000 ? (v < 1000000 ? 6 : 7) : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
  let p = pos + len;
  while (v >= 100) {
    const q = (v / 100) >>> 0;
    const d = (v - q * 100) << 1;
    out[--p] = DIGITS2[d + 1];
    out[--p] = DIGITS2[d];
    v = q;
  }
  if (v >= 10) { out[--p] = DIGITS2[2 * v + 1]; out[--p] = DIGITS2[2 * v]; } else out[--p] = 48 + v;
  return pos + len;
}

/** Writes an integer 0 ≤ v < 10^width (v < 2^53) as exactly `width` digits, zero-padded. */
function writePadded(out: Uint8Array, pos: number, v: number, width: number): number {
  let p = pos + width;
  while (v >= 4294967296) {
    const q = Math.floor(v / 10);
    out[--p] = 48 + (v - q * 10);
    v = q;
  }
  while (p > pos) {
    const q = (v / 10) >>> 0;
    out[--p] = 48 + (v - q * 10);
    v = q;
  }
  return pos + width;
}

/** Writes an integer 0 ≤ v < 2^53 in decimal. */
function writeU53(out: Uint8Array, pos: number, v: number): number {
  if (v < 4294967296) return writeU32(out, pos, v);
  let hi = Math.floor(v / 1e8);
  let lo = v - hi * 1e8;
  if (lo < 0) { hi--; lo += 1e8; }
  pos = writeU32(out, pos, hi);
  return writePadded(out, pos, lo, 8);
}

/** Exact powers of ten 10^0 … 10^22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Decimal mantissas stay below this, so at most one of them reads back to a given double (see writeFloat64). */
const MAX_MANTISSA = 2 ** 51;

/** Writes m / 10^k in fixed notation (`123.45`; m < 2^51, no trailing zero in the fraction). */
function writeFixed(out: Uint8Array, pos: number, m: number, k: number): number {
  if (k === 0) return writeU53(out, pos, m);
  const p = POW10[k];
  let ip = Math.floor(m / p);
  if (ip * p > m) ip--;
  pos = writeU53(out, pos, ip);
  out[pos++] = 46;
  return writePadded(out, pos, m - ip * p, k);
}

function writeString(out: Uint8Array, pos: number, s: string): number {
  for (let k = 0; k < s.length; k++) out[pos++] = s.charCodeAt(k);
  return pos;
}

/**
 * Writes a finite double as `String(x)` does (shortest round-trip text), `-0` for negative zero.
 *
 * Fast path, without a string: the fewest fraction digits k for which m = round(|x| × 10^k) reads
 * back as x (m / 10^k === x: both exact, one rounding, what parsing "m·10^−k" gives). With
 * m < 2^51 the doubles near x are less than 0.5 apart at that scale, so m is the only candidate and
 * the computed product rounds to it; fewest fraction digits means fewest significant digits, so
 * this is the text String(x) writes — in fixed notation, which String uses when the decimal is at
 * least 10^−6 and below 10^21: true for |x| ≥ 1e-6 (the real 10^−6 is within half an ulp of the
 * double 1e-6, so the decimals of larger doubles are above it) and m < 2^51. Anything else
 * (exponent notation, 16+ significant digits) goes through String(x).
 */
function writeFloat64(out: Uint8Array, pos: number, x: number): number {
  if (x === 0) {
    if (1 / x < 0) out[pos++] = 45;
    out[pos++] = 48;
    return pos;
  }
  const a = x < 0 ? -x : x;
  if (a >= 1e-6 && a < MAX_MANTISSA) {
    for (let k = 0; k <= 22; k++) {
      const p = POW10[k];
      const t = a * p;
      if (t >= MAX_MANTISSA) break;
      const m = Math.round(t);
      // m can read back as x only when it is within about an ulp of x × 10^k: most k fail this
      // cheap test, and only the rest pay for the exact check (a division)
      const d = t - m;
      if (d <= t * 2.3e-16 && -d <= t * 2.3e-16 && m / p === a) {
        if (x < 0) out[pos++] = 45;
        return writeFixed(out, pos, m, k);
      }
    }
  }
  return writeString(out, pos, String(x));
}

/**
 * Writes a finite float32 (held in a double) as the shortest text whose double rounds back to the
 * same float32 (what the reader does for float32 columns); `-0` for negative zero.
 */
function writeFloat32(out: Uint8Array, pos: number, x: number): number {
  if (x === 0) {
    if (1 / x < 0) out[pos++] = 45;
    out[pos++] = 48;
    return pos;
  }
  const a = x < 0 ? -x : x;
  if (a >= 1e-6 && a < MAX_MANTISSA) {
    for (let k = 0; k <= 22; k++) {
      const p = POW10[k];
      const t = a * p;
      if (t >= MAX_MANTISSA) break;
      const m = Math.round(t);
      if (Math.fround(m / p) === a) {
        if (x < 0) out[pos++] = 45;
        return writeFixed(out, pos, m, k);
      }
    }
  }
  for (let p = 1; p <= 9; p++) {
    const t = Number(x.toPrecision(p));
    if (Math.fround(t) === x) return writeString(out, pos, String(t));
  }
  return writeString(out, pos, String(x)); // unreachable: 9 significant digits identify a float32
}
// ---------------------------------------------------------------------------------------------
// The encoder: one pass over the rows, each field written straight into the output

// column kinds of the row loop
const K_BOOL = 0;
const K_DICT = 1;
const K_UTF8 = 2;
const K_INT = 3; // int8..int32, uint8..uint32 (converted per pass into a Float64Array)
const K_INT64 = 4;
const K_UINT64 = 5;
const K_FLOAT64 = 6;
const K_FLOAT32 = 7;
const K_DATE = 8;
const K_TIMESTAMP = 9;

/** Most bytes of one value's text, and the characters it may contain, per number kind. */
const MAX_BYTES: Readonly<Record<number, number>> = { [K_INT]: 11, [K_INT64]: 20, [K_UINT64]: 20, [K_FLOAT64]: 26, [K_FLOAT32]: 26, [K_DATE]: 16, [K_TIMESTAMP]: 46 };
const CHARSET: Readonly<Record<number, string>> = {
  [K_INT]: "-0123456789", [K_INT64]: "-0123456789", [K_UINT64]: "0123456789",
  [K_FLOAT64]: "-+.0123456789einf", [K_FLOAT32]: "-+.0123456789einf",
  [K_DATE]: "-+0123456789", [K_TIMESTAMP]: "-+0123456789 :.",
};

// how a number column is quoted
const RAW = 0; // never
const WRAP = 1; // always, around the digits (no value can hold a special byte)
const CHECK = 2; // values may hold the separator or quote character: each is checked (see fix)

type SmallIntArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

/** A growable output buffer. */
class ByteSink {
  buf: Uint8Array;
  pos = 0;
  constructor(capacity: number) { this.buf = new Uint8Array(capacity); }

  /** Room for `extra` more bytes; when it must grow, to hold `expected` more if that is more. */
  ensure(extra: number, expected = 0): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(need, expected > 0 ? this.pos + expected : Math.floor(this.buf.length * 1.5)));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** The bytes written (a view when the buffer is nearly full, else a trimmed copy). */
  bytes(): Uint8Array {
    const { buf, pos } = this;
    return (buf.length - pos) * 16 <= buf.length ? buf.subarray(0, pos) : buf.slice(0, pos);
  }
}

/**
 * Formats one batch, rows in passes of PASS_ROWS. What the row loop reads of each column sits in
 * parallel arrays holding one typed-array class each (a dummy where a column has none), so that
 * every load in the loop sees one array class; the loop picks the code per field by its kind.
 */
class CsvEncoder {
  readonly rows: number;
  private readonly names: readonly string[];
  private readonly where: string;
  private readonly rules: QuoteRules;
  private readonly headerBytes: Uint8Array;
  private readonly sep: number;
  private readonly quote: number;
  private readonly term0: number;
  private readonly term1: number;
  private readonly nullText: Uint8Array;
  private readonly nullProblem: number;
  private readonly nanText: Uint8Array;
  private readonly nanProblem: number;

  private readonly kinds: Int32Array;
  /** Number columns: RAW, WRAP or CHECK. String columns: the quoting mode. */
  private readonly modes: Int32Array;
  /** Most bytes of one value (number kinds), or of one entry (bool, dict). */
  private readonly widths: Int32Array;
  /** Fraction digits of timestamps (by unit), 0 otherwise. */
  private readonly fractions: Int32Array;
  /** 1 for timestamps with a time zone (written in UTC with +00:00). */
  private readonly utc: Uint8Array;
  private readonly validity: (Uint8Array | null)[];
  /** float64 values; small-int values converted for the current pass. */
  private readonly f64: Float64Array[];
  private readonly f32: Float32Array[];
  /** int64/uint64/timestamp words, date32 days, dictionary codes. */
  private readonly i32: Int32Array[];
  /** bool values. */
  private readonly u8: Uint8Array[];
  /** utf8 offsets; entry offsets of bool and dict columns. */
  private readonly offsets: Int32Array[];
  /** utf8 bytes; entry texts of bool and dict columns. */
  private readonly bytes: Uint8Array[];
  /** Per entry (bool, dict), why it cannot be written under quoting "none". */
  private readonly problems: Uint8Array[];
  /** Small-int columns' values, converted to `f64` pass by pass. */
  private readonly smallInts: (SmallIntArray | null)[];

  constructor(batch: Batch, options: CsvWriteOptions, where: string) {
    const o = resolveOptions(options, where);
    const { names, columns, length } = batch;
    if (names.length !== columns.length) {
      throw new DuskError("INVALID_ARGUMENT", `${where}: the batch has ${names.length} names but ${columns.length} columns`);
    }
    columns.forEach((c, k) => {
      if (c.length !== length) {
        throw new DuskError("INVALID_ARGUMENT", `${where}: column ${JSON.stringify(names[k])} has ${c.length} rows, the batch ${length}`, { column: names[k] });
      }
    });
    this.rows = length;
    this.names = names;
    this.where = where;
    this.sep = o.sep;
    this.quote = o.quote;
    this.term0 = o.terminator[0];
    this.term1 = o.terminator.length > 1 ? o.terminator[1] : -1;
    const rules = new QuoteRules(o.sep, o.quote, o.quoting, columns.length === 1, decoder.decode(o.naRep));
    this.rules = rules;
    // null and NaN texts: quoted under "all" (and nulls under "nonnumeric"), else only when they must be
    this.nullText = rules.entry(o.naRep, o.quoting === ALL || o.quoting === NONNUMERIC, false);
    this.nanText = rules.entry(o.nanRep, o.quoting === ALL, false);
    this.nullProblem = o.quoting === NONE ? rules.problem(this.nullText, 0, this.nullText.length) : OK;
    this.nanProblem = o.quoting === NONE ? rules.problem(this.nanText, 0, this.nanText.length) : OK;

    const n = columns.length;
    this.kinds = new Int32Array(n);
    this.modes = new Int32Array(n);
    this.widths = new Int32Array(n);
    this.fractions = new Int32Array(n);
    this.utc = new Uint8Array(n);
    this.validity = columns.map((c) => c.validity);
    this.f64 = new Array<Float64Array>(n).fill(EMPTY_F64);
    this.f32 = new Array<Float32Array>(n).fill(EMPTY_F32);
    this.i32 = new Array<Int32Array>(n).fill(EMPTY_I32);
    this.u8 = new Array<Uint8Array>(n).fill(EMPTY_U8);
    this.offsets = new Array<Int32Array>(n).fill(EMPTY_I32);
    this.bytes = new Array<Uint8Array>(n).fill(EMPTY_U8);
    this.problems = new Array<Uint8Array>(n).fill(EMPTY_U8);
    this.smallInts = new Array<SmallIntArray | null>(n).fill(null);
    columns.forEach((c, k) => this.prepare(c, k));
    this.headerBytes = o.header && n > 0 ? this.header(o.terminator) : new Uint8Array(0);
  }

  private prepare(c: Column, k: number): void {
    const rules = this.rules;
    const always = rules.quoting === ALL || rules.quoting === NONNUMERIC;
    switch (c.layout) {
      case "bool":
        this.kinds[k] = K_BOOL;
        this.u8[k] = c.values;
        this.entries(k, [utf8.encode("False"), utf8.encode("True")], always, false);
        return;
      case "dict": {
        this.kinds[k] = K_DICT;
        this.i32[k] = c.codes;
        const d = c.dictionary;
        const entries: Uint8Array[] = new Array(d.length);
        for (let e = 0; e < d.length; e++) entries[e] = d.data.subarray(d.offsets[e], d.offsets[e + 1]);
        this.entries(k, entries, always, true);
        return;
      }
      case "utf8":
        this.kinds[k] = K_UTF8;
        this.modes[k] = rules.quoting;
        this.offsets[k] = c.offsets;
        this.bytes[k] = c.data;
        return;
      case "primitive":
        this.primitive(c, k);
        return;
      default:
        assertNever(c);
    }
  }

  /** Entry texts of a bool or dict column, formatted once. */
  private entries(k: number, raw: readonly Uint8Array[], always: boolean, isString: boolean): void {
    const rules = this.rules;
    const texts = raw.map((e) => rules.entry(e, always, isString));
    const offsets = new Int32Array(texts.length + 1);
    const problems = new Uint8Array(texts.length);
    let total = 0, widest = 0;
    for (const t of texts) { total += t.length; widest = Math.max(widest, t.length); }
    const bytes = new Uint8Array(total);
    let pos = 0;
    texts.forEach((t, e) => {
      bytes.set(t, pos);
      offsets[e] = pos;
      pos += t.length;
      if (rules.quoting === NONE) problems[e] = rules.problem(t, 0, t.length);
    });
    offsets[texts.length] = pos;
    this.offsets[k] = offsets;
    this.bytes[k] = bytes;
    this.problems[k] = problems;
    this.widths[k] = widest;
  }

  private primitive(c: PrimitiveColumn, k: number): void {
    const t = c.dtype;
    let kind: number;
    switch (t.kind) {
      case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
        kind = K_INT;
        this.smallInts[k] = c.values as SmallIntArray;
        this.f64[k] = new Float64Array(Math.min(PASS_ROWS, c.length));
        break;
      case "int64": kind = K_INT64; this.i32[k] = int64Words(c.values as BigInt64Array); break;
      case "uint64": kind = K_UINT64; this.i32[k] = int64Words(c.values as BigUint64Array); break;
      case "float64": kind = K_FLOAT64; this.f64[k] = c.values as Float64Array; break;
      case "float32": kind = K_FLOAT32; this.f32[k] = c.values as Float32Array; break;
      case "date32": kind = K_DATE; this.i32[k] = c.values as Int32Array; break;
      case "timestamp":
        kind = K_TIMESTAMP;
        this.i32[k] = int64Words(c.values as BigInt64Array);
        this.fractions[k] = UNIT_DIGITS[t.unit];
        this.utc[k] = t.tz === null ? 0 : 1;
        break;
      default: kind = assertNever(t);
    }
    this.kinds[k] = kind;
    const rules = this.rules;
    const charset = CHARSET[kind];
    const numeric = kind !== K_DATE && kind !== K_TIMESTAMP;
    this.modes[k] = charset.includes(String.fromCharCode(rules.sep)) || charset.includes(String.fromCharCode(rules.quote)) ? CHECK
      : rules.quoting === ALL || (rules.quoting === NONNUMERIC && !numeric) ? WRAP : RAW;
    this.widths[k] = Math.max(2 * MAX_BYTES[kind] + 2, this.nanText.length);
  }

  private header(terminator: Uint8Array): Uint8Array {
    const rules = this.rules;
    const parts = this.names.map((name) => {
      const raw = utf8.encode(name);
      if (rules.quoting === NONE) {
        const why = rules.problem(raw, 0, raw.length);
        if (why !== OK) throw problemError(this.where, rules, name, -1, `the column name ${showBytes(raw, 0, raw.length)}`, why);
        return raw;
      }
      return rules.entry(raw, rules.quoting !== MINIMAL || raw.length === 0, false);
    });
    const total = parts.reduce((a, p) => a + p.length, 0) + parts.length - 1 + terminator.length;
    const out = new Uint8Array(total);
    let pos = 0;
    parts.forEach((p, k) => {
      if (k > 0) out[pos++] = this.sep;
      out.set(p, pos);
      pos += p.length;
    });
    out.set(terminator, pos);
    return out;
  }

  /** Most bytes rows [from, to) can take. */
  private bound(from: number, to: number): number {
    const n = to - from;
    let total = n * (this.kinds.length + 2);
    const nullLen = this.nullText.length;
    for (let c = 0; c < this.kinds.length; c++) {
      if (this.kinds[c] === K_UTF8) {
        const o = this.offsets[c];
        total += 2 * (o[to] - o[from]) + n * 2;
      } else total += n * this.widths[c];
      if (this.validity[c] !== null) total += n * nullLen;
    }
    return total;
  }

  /**
   * Appends the text of rows [from, to) (at most PASS_ROWS) to the sink; if it must grow, to hold
   * `expected` more bytes when that is more.
   */
  encodeRows(from: number, to: number, sink: ByteSink, expected = 0): void {
    const C = this.kinds.length;
    for (let c = 0; c < C; c++) {
      const src = this.smallInts[c];
      if (src !== null) this.f64[c].set(src.subarray(from, to));
    }
    const bound = this.bound(from, to);
    sink.ensure(bound, expected > 0 ? expected + bound : 0);
    const out = sink.buf;
    const { kinds, modes, validity, f64, f32, i32, u8, offsets, bytes, problems, fractions, utc, nullText, nanText } = this;
    const rules = this.rules, special = rules.special, naMax = rules.naMax;
    const sep = this.sep, quote = this.quote, term0 = this.term0, term1 = this.term1;
    const nullLen = nullText.length, nanLen = nanText.length;
    let pos = sink.pos;
    for (let r = from; r < to; r++) {
      for (let c = 0; c < C; c++) {
        const v = validity[c];
        if (v !== null && ((v[r >> 3] >> (r & 7)) & 1) === 0) {
          if (this.nullProblem !== OK) throw this.nullError(c, r);
          for (let k = 0; k < nullLen; k++) out[pos++] = nullText[k];
          out[pos++] = sep;
          continue;
        }
        const start = pos;
        const mode = modes[c];
        switch (kinds[c]) {
          case K_DICT: case K_BOOL: {
            const e = kinds[c] === K_DICT ? i32[c][r] : u8[c][r];
            const p = problems[c];
            if (p.length > 0 && p[e] !== OK) throw this.entryError(c, r, e);
            const o = offsets[c], b = bytes[c];
            const end = o[e + 1];
            for (let k = o[e]; k < end; k++) out[pos++] = b[k];
            break;
          }
          case K_UTF8: {
            const o = offsets[c], b = bytes[c];
            const s = o[r], e = o[r + 1];
            if (mode === ALL || mode === NONNUMERIC) { pos = writeQuoted(out, pos, b, s, e, quote); break; }
            // copied as it is while looking for bytes that need quotes; rewritten quoted if any
            let flag = 0;
            for (let k = s; k < e; k++) { const x = b[k]; out[pos++] = x; flag |= special[x]; }
            if (flag !== 0 || e - s <= naMax || b[s] <= 32 || b[e - 1] <= 32 || b[s] === 0xef) {
              if (mode === MINIMAL) {
                if (rules.stringNeedsQuotes(b, s, e)) pos = writeQuoted(out, start, b, s, e, quote);
              } else {
                const why = rules.problem(b, s, e);
                if (why !== OK) throw problemError(this.where, rules, this.names[c], r, `the value ${showBytes(b, s, e)}`, why);
              }
            }
            break;
          }
          case K_INT: {
            if (mode === WRAP) out[pos++] = quote;
            const x = f64[c][r - from];
            if (x < 0) { out[pos++] = 45; pos = writeU32(out, pos, -x); } else pos = writeU32(out, pos, x);
            if (mode === WRAP) out[pos++] = quote; else if (mode === CHECK) pos = this.fix(out, start, pos, c, r);
            break;
          }
          case K_INT64: case K_UINT64: {
            if (mode === WRAP) out[pos++] = quote;
            const w = i32[c], lo = w[2 * r], hi = w[2 * r + 1];
            if (kinds[c] === K_UINT64) pos = hi === 0 ? writeU32(out, pos, lo >>> 0) : writeInt64Ascii(out, pos, lo, hi, true);
            else if (hi === 0 && lo >= 0) pos = writeU32(out, pos, lo);
            else if (hi === -1 && lo < 0) { out[pos++] = 45; pos = writeU32(out, pos, -lo); }
            else pos = writeInt64Ascii(out, pos, lo, hi, false);
            if (mode === WRAP) out[pos++] = quote; else if (mode === CHECK) pos = this.fix(out, start, pos, c, r);
            break;
          }
          case K_FLOAT64: case K_FLOAT32: {
            const x = kinds[c] === K_FLOAT64 ? f64[c][r] : f32[c][r];
            if (x !== x) {
              if (this.nanProblem !== OK) throw this.nanError(c, r);
              for (let k = 0; k < nanLen; k++) out[pos++] = nanText[k];
              break;
            }
            if (mode === WRAP) out[pos++] = quote;
            if (x === Infinity) { out[pos++] = 105; out[pos++] = 110; out[pos++] = 102; } // inf
            else if (x === -Infinity) { out[pos++] = 45; out[pos++] = 105; out[pos++] = 110; out[pos++] = 102; }
            else pos = kinds[c] === K_FLOAT64 ? writeFloat64(out, pos, x) : writeFloat32(out, pos, x);
            if (mode === WRAP) out[pos++] = quote; else if (mode === CHECK) pos = this.fix(out, start, pos, c, r);
            break;
          }
          case K_DATE: {
            if (mode === WRAP) out[pos++] = quote;
            pos = writeDate(out, pos, i32[c][r]);
            if (mode === WRAP) out[pos++] = quote; else if (mode === CHECK) pos = this.fix(out, start, pos, c, r);
            break;
          }
          case K_TIMESTAMP: {
            if (mode === WRAP) out[pos++] = quote;
            pos = writeTimestamp(out, pos, i32[c], r, fractions[c], utc[c] !== 0);
            if (mode === WRAP) out[pos++] = quote; else if (mode === CHECK) pos = this.fix(out, start, pos, c, r);
            break;
          }
          default:
            throw new DuskError("INTERNAL", `${this.where}: column kind ${kinds[c]}`);
        }
        out[pos++] = sep;
      }
      out[pos - 1] = term0;
      if (term1 >= 0) out[pos++] = term1;
    }
    sink.pos = pos;
  }

  /**
   * A value written raw at out[s, e) whose text may hold the separator or quote character (say
   * sep "."): quoted in place when the rules want it, or an error under "none". Returns its end.
   */
  private fix(out: Uint8Array, s: number, e: number, c: number, row: number): number {
    const rules = this.rules;
    let special = false;
    for (let k = s; k < e; k++) if (rules.special[out[k]] !== 0) { special = true; break; }
    if (rules.quoting === NONE) {
      if (special) throw problemError(this.where, rules, this.names[c], row, `the value ${showBytes(out, s, e)}`, rules.problem(out, s, e));
      return e;
    }
    if (!special && rules.quoting === MINIMAL) return e;
    if (!special && rules.quoting === NONNUMERIC && this.kinds[c] !== K_DATE && this.kinds[c] !== K_TIMESTAMP) return e;
    const quote = rules.quote;
    let quotes = 0;
    for (let k = s; k < e; k++) if (out[k] === quote) quotes++;
    const end = e + 2 + quotes;
    let w = end - 1;
    out[w--] = quote;
    for (let k = e - 1; k >= s; k--) {
      const x = out[k];
      out[w--] = x;
      if (x === quote) out[w--] = quote;
    }
    out[w] = quote;
    return end;
  }

  private nullError(c: number, row: number): DuskError {
    const t = this.nullText;
    return problemError(this.where, this.rules, this.names[c], row, `the value is null and naRep ${showBytes(t, 0, t.length)}`, this.nullProblem);
  }

  private nanError(c: number, row: number): DuskError {
    const t = this.nanText;
    return problemError(this.where, this.rules, this.names[c], row, `the value is NaN and nanRep ${showBytes(t, 0, t.length)}`, this.nanProblem);
  }

  private entryError(c: number, row: number, e: number): DuskError {
    const o = this.offsets[c];
    return problemError(this.where, this.rules, this.names[c], row, `the value ${showBytes(this.bytes[c], o[e], o[e + 1])}`, this.problems[c][e]);
  }

  /** The whole text in one array. */
  all(): Uint8Array {
    const n = this.rows;
    const sink = new ByteSink(this.headerBytes.length + 65536);
    sink.buf.set(this.headerBytes);
    sink.pos = this.headerBytes.length;
    if (this.kinds.length === 0) return sink.bytes();
    const head = this.headerBytes.length;
    for (let r = 0; r < n; r += PASS_ROWS) {
      // grown to what the rest should take at the bytes per row so far: the result is a view, not a copy
      const expected = r === 0 ? 0 : Math.ceil((sink.pos - head) / r * (n - r) * 1.02);
      this.encodeRows(r, Math.min(n, r + PASS_ROWS), sink, expected);
    }
    return sink.bytes();
  }

  /** The text in chunks of about `chunkBytes`. */
  *chunks(chunkBytes: number): Generator<Uint8Array, void, undefined> {
    const n = this.rows;
    let sink = new ByteSink(Math.min(chunkBytes, 1 << 16) + this.headerBytes.length);
    sink.buf.set(this.headerBytes);
    sink.pos = this.headerBytes.length;
    if (this.kinds.length > 0) {
      for (let r = 0; r < n; r += PASS_ROWS) {
        this.encodeRows(r, Math.min(n, r + PASS_ROWS), sink);
        if (sink.pos >= chunkBytes) {
          const size = sink.buf.length;
          yield sink.bytes();
          sink = new ByteSink(size);
        }
      }
    }
    if (sink.pos > 0) yield sink.bytes();
  }
}

/** Day numbers of 0000-03-01 (where z below turns negative) and 9999-12-31: the fast path's range. */
const FIRST_DAY = -719468;
const LAST_DAY = 2932896;

/** Writes two digits of 0 ≤ v < 100. */
function write2(out: Uint8Array, pos: number, v: number): number {
  out[pos] = DIGITS2[2 * v];
  out[pos + 1] = DIGITS2[2 * v + 1];
  return pos + 2;
}

/**
 * Writes day number `days` as `YYYY-MM-DD`: from 0000-03-01 to 9999-12-31 with int32 arithmetic
 * (Hinnant's civil_from_days), others through kernels' writeDateAscii (`-YYYY`, `+YYYYY`).
 */
function writeDate(out: Uint8Array, pos: number, days: number): number {
  if (days < FIRST_DAY || days > LAST_DAY) return writeDateAscii(out, pos, days);
  const z = days + 719468; // ≥ 0 here, so | 0 floors
  const era = (z / 146097) | 0;
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const c = (y / 100) | 0;
  pos = write2(out, pos, c);
  pos = write2(out, pos, y - c * 100);
  out[pos++] = 45;
  pos = write2(out, pos, m);
  out[pos++] = 45;
  return write2(out, pos, d);
}

const PER_SECOND = [1, 0, 0, 1e3, 0, 0, 1e6, 0, 0, 1e9];
const TWO_POW_52 = 2 ** 52;

/**
 * Writes timestamp `row` (int64 words in `w`, `digits` = 0/3/6/9 for s/ms/us/ns) as
 * `YYYY-MM-DD HH:MM:SS`, then the unit's fraction digits (always, when it has them), then `+00:00`
 * when `utc`. Values below 2^52 in magnitude are split with doubles (exact there); others go
 * through kernels' writeTimestampAscii (exact on words).
 */
function writeTimestamp(out: Uint8Array, pos: number, w: Int32Array, row: number, digits: number, utc: boolean): number {
  const lo = w[2 * row], hi = w[2 * row + 1];
  const v = hi * 4294967296 + (lo >>> 0);
  if (v > -TWO_POW_52 && v < TWO_POW_52) {
    const per = PER_SECOND[digits];
    let secs = Math.floor(v / per);
    let frac = v - secs * per;
    if (frac < 0) { secs--; frac += per; } else if (frac >= per) { secs++; frac -= per; }
    let days = Math.floor(secs / 86400);
    let sod = secs - days * 86400;
    if (sod < 0) { days--; sod += 86400; } else if (sod >= 86400) { days++; sod -= 86400; }
    pos = writeDate(out, pos, days);
    const h = (sod / 3600) | 0, rest = sod - h * 3600, mi = (rest / 60) | 0;
    out[pos++] = 32;
    pos = write2(out, pos, h);
    out[pos++] = 58;
    pos = write2(out, pos, mi);
    out[pos++] = 58;
    pos = write2(out, pos, rest - mi * 60);
    if (digits > 0) {
      out[pos++] = 46;
      pos = writePadded(out, pos, frac, digits);
    }
  } else {
    pos = writeTimestampAscii(out, pos, lo, hi, digits === 0 ? "s" : digits === 3 ? "ms" : digits === 6 ? "us" : "ns", false);
    // the kernel leaves a zero fraction out
    if (digits > 0 && out[pos - digits - 1] !== 46) {
      out[pos++] = 46;
      for (let k = 0; k < digits; k++) out[pos++] = 48;
    }
  }
  if (utc) { out[pos++] = 43; out[pos++] = 48; out[pos++] = 48; out[pos++] = 58; out[pos++] = 48; out[pos++] = 48; }
  return pos;
}

const UNIT_DIGITS: Readonly<Record<TimeUnit, number>> = { s: 0, ms: 3, us: 6, ns: 9 };

/**
 * The CSV text of a batch as one UTF-8 array: a header row (unless `header: false`), then one row
 * per batch row, each ended by the line terminator. See the module doc for how each dtype and
 * null is written and quoted. A batch without columns gives an empty array. Throws
 * `INVALID_ARGUMENT` for a bad option, or under `quoting: "none"` for a value that would need
 * quotes (naming the column and the 0-based row).
 *
 * @example
 * ```ts
 * const b = { names: ["x", "when"], length: 1, columns: [columnFromValues(dtypes.float64, [0.1]), columnFromValues(dtypes.date32, [19782])] };
 * new TextDecoder().decode(formatCsv(b));                     // "x,when\n0.1,2024-02-29\n"
 * new TextDecoder().decode(formatCsv(b, { quoting: "all" })); // '"x","when"\n"0.1","2024-02-29"\n'
 * ```
 */
export function formatCsv(batch: Batch, options: CsvWriteOptions = {}): Uint8Array {
  return new CsvEncoder(batch, options, "toCsv").all();
}

/**
 * The CSV text of a batch (as {@link formatCsv} writes it) in chunks of about `chunkBytes` bytes,
 * for writing large outputs piece by piece. Options are checked when it is called; a value that
 * cannot be written throws when its chunk is made. Each chunk is a new array the caller may keep.
 *
 * @example
 * ```ts
 * const sink = await fs.openWrite("out.csv");
 * for (const chunk of formatCsvChunks(batch, {}, { chunkBytes: 8 << 20, where: "toCsv out.csv" })) await sink.write(chunk);
 * await sink.close();
 * ```
 */
export function formatCsvChunks(batch: Batch, options: CsvWriteOptions = {}, chunking: CsvChunkOptions = {}): Generator<Uint8Array, void, undefined> {
  const where = chunking.where ?? "toCsv";
  const chunkBytes = chunking.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (typeof chunkBytes !== "number" || !Number.isSafeInteger(chunkBytes) || chunkBytes < 1) {
    throw invalid(where, `chunkBytes must be a positive integer, got ${JSON.stringify(chunking.chunkBytes)}`, "chunkBytes");
  }
  return new CsvEncoder(batch, options, where).chunks(chunkBytes);
}
