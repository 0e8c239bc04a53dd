/**
 * The errors of the JSON reader. Parsing a block does not know the block's first line number
 * (counting the lines before it means reading the file up to it), so the parser throws a
 * {@link LineFault}: the line's index within the block and how to make the error once the line
 * number is known. The block reader turns it into the DuskError, naming file and true line.
 *
 * @example
 * ```ts
 * throw new LineFault(17, (line) => badLine("data/x.ndjson", line, "{oops", "expected a key"));
 * ```
 */
import { DuskError, formatDType, intRange, isInteger, type DType, type IntKind } from "@dusk/core";
import { toJsonText } from "./exact-parse.js";

/** A failure on the `rel`-th line (0-based) of the text being parsed. */
export class LineFault extends Error {
  constructor(readonly rel: number, readonly build: (line: number) => DuskError) {
    super("LineFault");
  }
}

const MAX_SHOWN = 60;

/** A line or value for a message: cut to about 60 characters. */
export function snippet(text: string): string {
  const chars = Array.from(text.length > MAX_SHOWN * 2 ? text.slice(0, MAX_SHOWN * 2) : text);
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join("")}…` : chars.join("");
}

/** A column name as a key in a code hint: bare when it is an identifier. */
export function keyOf(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A value as JSON text for messages (BigInt as digits). */
export function showJson(v: unknown): string {
  return snippet(toJsonText(v));
}

/** `JSON_PARSE_ERROR` for a line that is not a JSON object. */
export function badLine(file: string, line: number, text: string, why: string): DuskError {
  return new DuskError("JSON_PARSE_ERROR",
    `${file} line ${line}: ${why}: ${JSON.stringify(snippet(text))}; fix the line, or pass onBadLines: "skip" (or "warn") to drop such lines`,
    { file, line, reason: "bad-line" });
}

const I64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;

/** The dtype that would hold a value, for the hint. */
function suggest(v: unknown): string {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isSafeInteger(v) ? "int64" : "float64";
  if (typeof v === "bigint") return v >= I64[0] && v <= I64[1] ? "int64" : v >= 0n && v < 2n ** 64n ? "uint64" : "utf8";
  return "utf8";
}

/** `SCHEMA_MISMATCH` for a value of a column that its dtype cannot hold (as the CSV reader words it). */
export function valueMismatch(file: string, line: number, name: string, dtype: DType, v: unknown): DuskError {
  const dt = formatDType(dtype);
  let why = "";
  if (isInteger(dtype) && (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)))) {
    const [lo, hi] = intRange(dtype.kind as IntKind);
    why = ` (outside ${lo}..${hi})`;
  }
  if (typeof v === "string" && (dtype.kind === "date32" || dtype.kind === "timestamp")) why = " (not an ISO 8601 date or date-time)";
  let fix = suggest(v);
  if (fix === dt) fix = "utf8";
  const article = /^[aeiou]/.test(dtype.kind) || dtype.kind.startsWith("int") ? "an" : "a";
  return new DuskError("SCHEMA_MISMATCH",
    `${file} line ${line}, column ${JSON.stringify(name)}: ${showJson(v)} is not ${article} ${dt}${why}; ` +
    `pass dtype: { ${keyOf(name)}: "${fix}" } (or fix the value)`,
    { file, line, column: name, value: showJson(v), dtype: dt });
}

/** `SCHEMA_MISMATCH` for a key the schema does not have. */
export function unknownKey(file: string, line: number, name: string, v: unknown, sampledFile: string): DuskError {
  return new DuskError("SCHEMA_MISMATCH",
    `${file} line ${line}: key ${JSON.stringify(name)} (value ${showJson(v)}) is not a column: the sample of ${sampledFile} the schema was inferred from did not have it. ` +
    `Pass dtype: { ${keyOf(name)}: "${suggest(v)}" } to read it as a column, or columns: [...] to choose the columns to read (other keys are then ignored)`,
    { file, line, column: name, reason: "unknown-key" });
}

/** `SCHEMA_MISMATCH` for a scalar where the schema has nested columns. */
export function notAnObject(file: string, line: number, name: string, v: unknown, nested: readonly string[]): DuskError {
  return new DuskError("SCHEMA_MISMATCH",
    `${file} line ${line}, key ${JSON.stringify(name)}: ${showJson(v)} is not an object, but in the sample it holds objects (columns ${nested.slice(0, 4).map((c) => JSON.stringify(c)).join(", ")}${nested.length > 4 ? ", …" : ""}); ` +
    `pass dtype: { ${keyOf(name)}: "utf8" } to keep ${JSON.stringify(name)} as JSON text, or columns: [...] to choose the columns to read`,
    { file, line, column: name, reason: "not-an-object" });
}

/** `DUPLICATE_COLUMN` when a dotted key and a nested key name the same column. */
export function collision(file: string, line: number, name: string): DuskError {
  return new DuskError("DUPLICATE_COLUMN",
    `${file} line ${line}: column ${JSON.stringify(name)} is given twice in one record (a key with a dot in its name and a nested key flatten to the same name); ` +
    "rename one of the keys, or choose the columns to read with columns: [...]",
    { file, line, column: name });
}
