/**
 * The error for a field that does not parse as its column's dtype: it names the file, the line,
 * the column, the value and the dtype, and says how to read the column instead.
 *
 * @example
 * ```ts
 * valueError({ file: "data/x.csv", name: "id4", dtype: dtypes.int64 }, 12034, bytes, 0, 3);
 * // SCHEMA_MISMATCH: data/x.csv line 12034, column "id4": "12a" is not an int64;
 * //   pass dtype: { id4: "utf8" } (or fix the value)
 * ```
 */
import { DuskError, formatDType, intRange, isInteger, type DType, type IntKind } from "@dusk/core";
import { decodeUtf8, parseFloatBytes, parseInt64Bytes, parseTimestampBytes, parseUint64Bytes, isNanLiteral } from "@dusk/kernels";

/** What a value error needs to know about its column. */
export interface ValueErrorContext {
  readonly file: string;
  readonly name: string;
  readonly dtype: DType;
}

const MAX_SHOWN = 40;
const WORDS = new Int32Array(2);

/** The value for a message: quoted, cut to about 40 characters. */
export function showValue(src: Uint8Array, start: number, end: number): string {
  const text = decodeUtf8(src.subarray(start, Math.min(end, start + MAX_SHOWN * 4)));
  const chars = Array.from(text);
  return chars.length > MAX_SHOWN || end - start > MAX_SHOWN * 4 ? `${JSON.stringify(chars.slice(0, MAX_SHOWN).join(""))}…` : JSON.stringify(text);
}

/** A column name as an object key in a code hint: bare when it is an identifier. */
function keyOf(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The dtype that would hold this value, for the hint. */
function suggest(src: Uint8Array, start: number, end: number, dtype: DType): string {
  if (dtype.kind === "date32" || dtype.kind === "timestamp") {
    for (const unit of ["s", "ms", "us", "ns"] as const) {
      if (parseTimestampBytes(src, start, end, unit, WORDS, 0)) return `timestamp[${unit}]`;
    }
    return "utf8";
  }
  if (parseInt64Bytes(src, start, end, WORDS, 0)) return "int64";
  if (parseUint64Bytes(src, start, end, WORDS, 0)) return "uint64";
  const f = parseFloatBytes(src, start, end);
  if (f === f || isNanLiteral(src, start, end)) return "float64";
  return "utf8";
}

/**
 * `SCHEMA_MISMATCH` for the value `src[start, end)` of a column on a line; `quotedNull`: the value
 * is a null string read as a value because it was quoted (`quotedNa: false`).
 */
export function valueError(ctx: ValueErrorContext, line: number, src: Uint8Array, start: number, end: number, quotedNull = false): DuskError {
  if (ctx.dtype.kind === "utf8") {
    // text columns take any value but bytes that are not UTF-8
    return new DuskError("CSV_PARSE_ERROR",
      `${ctx.file} line ${line}, column ${JSON.stringify(ctx.name)}: the value is not valid UTF-8; Dusk reads UTF-8 text only (re-encode the file first, e.g. iconv -f latin1 -t utf-8)`,
      { file: ctx.file, line, column: ctx.name });
  }
  const dt = formatDType(ctx.dtype);
  const shown = showValue(src, start, end);
  let why = "";
  if (isInteger(ctx.dtype) && (parseInt64Bytes(src, start, end, WORDS, 0) || parseUint64Bytes(src, start, end, WORDS, 0))) {
    const [lo, hi] = intRange(ctx.dtype.kind as IntKind);
    why = ` (outside ${lo}..${hi})`;
  }
  let fix = suggest(src, start, end, ctx.dtype);
  if (fix === dt) fix = "utf8";
  const article = ctx.dtype.kind.startsWith("int") ? "an" : "a";
  return new DuskError("SCHEMA_MISMATCH",
    `${ctx.file} line ${line}, column ${JSON.stringify(ctx.name)}: ${shown} is not ${article} ${dt}${why}` +
    `${quotedNull ? " (it is quoted, so a value with quotedNa: false, not a null)" : ""}; ` +
    `pass dtype: { ${keyOf(ctx.name)}: "${fix}" } (or fix the value)`,
    { file: ctx.file, line, column: ctx.name, value: decodeUtf8(src.subarray(start, end)), dtype: dt });
}
