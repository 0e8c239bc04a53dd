/**
 * Schema inference for newline-delimited JSON from a sample of the first file: every key of the
 * sampled records becomes a column, nested objects flattened to dotted names (`user.id`), in the
 * order keys are first seen. Dtypes follow the CSV reader's rules (infer-dtype.ts) on the values'
 * JSON types, reading numbers as written (so `1.0` is a float and digits past 2^53 are kept):
 * - all `true`/`false` → bool; all integers → int64 (uint64 when some fit only there; utf8 when some
 *   fit neither, rather than lose digits); numbers with a fraction or exponent → float64;
 * - strings → utf8, or with `parseDates` date32 (every value `YYYY-MM-DD`) or timestamp;
 * - arrays, and keys whose values mix JSON types → utf8 (non-strings kept as their JSON text);
 * - a key that is null (or absent) in every sampled record → float64, as in pandas' CSV reader.
 * `dtype` overrides any of these and may name keys the sample lacks; `columns` picks the columns.
 * The last line of the sample is left out, as it may be cut, unless the sample is the whole file.
 *
 * @example
 * ```ts
 * const s = inferJsonSchema(new TextEncoder().encode('{"a":1,"b":{"c":"x"}}\n'), wire, "t.ndjson", { wholeFile: true });
 * s.columns.map((c) => [c.name, formatDType(c.dtype)]); // [["a", "int64"], ["b.c", "utf8"]]
 * ```
 */
import { DuskError, dtypes, type DType } from "@dusk/core";
import { DTypeGuess } from "../csv/infer-dtype.js";
import { badLine, collision } from "./errors.js";
import { JsonSyntaxError, NumberText, parseJsonExact } from "./exact-parse.js";
import type { JsonWireOptions } from "./options.js";
import type { JsonColumnSpec, JsonSchema } from "./schema.js";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const I64_MIN = -(2n ** 63n), I64_MAX = 2n ** 63n - 1n, U64_MAX = 2n ** 64n - 1n;

/** What the sampled values of one key were. */
class KeyGuess {
  values = 0;
  bool = true;
  int64 = true;
  uint64 = true;
  integers = true;
  numbers = true;
  strings = true;
  readonly dates: DTypeGuess | null;

  constructor(readonly path: readonly string[], dates: boolean) {
    this.dates = dates ? new DTypeGuess(true) : null;
  }

  /** Takes a non-null value; false when a parseDates column gets a value that is no date. */
  add(v: unknown): boolean {
    this.values++;
    if (typeof v !== "boolean") this.bool = false;
    if (v instanceof NumberText) {
      this.strings = false;
      if (v.integer) {
        const b = BigInt(v.text);
        if (b < I64_MIN || b > I64_MAX) this.int64 = false;
        if (b < 0n || b > U64_MAX) this.uint64 = false;
      } else {
        this.integers = false;
      }
    } else {
      this.numbers = false;
      if (typeof v !== "string") this.strings = false;
    }
    if (this.dates !== null) {
      if (typeof v !== "string") return false;
      const b = encoder.encode(v);
      return this.dates.add(b, 0, b.length);
    }
    return true;
  }

  result(rows: number): DType {
    if (this.dates !== null) return this.dates.result(rows);
    if (this.values === 0) return rows === 0 ? dtypes.utf8 : dtypes.float64;
    if (this.bool) return dtypes.bool;
    if (this.numbers) {
      if (!this.integers) return dtypes.float64;
      if (this.int64) return dtypes.int64;
      if (this.uint64) return dtypes.uint64;
    }
    return dtypes.utf8;
  }
}

/** How the sample relates to the file. */
export interface JsonSampleInfo {
  /** The sample is the whole file: its last line is complete even without a line break. */
  readonly wholeFile?: boolean;
}

function sampleTooSmall(file: string, bytes: number): DuskError {
  return new DuskError("JSON_PARSE_ERROR", `${file}: the first line does not fit in the first ${bytes} bytes read to infer the schema; read a larger sample`,
    { file, reason: "sample-too-small", sampleBytes: bytes });
}

/** The sample as text, up to its last line feed (all of it when whole); a byte order mark dropped. */
function sampleText(sample: Uint8Array, file: string, wholeFile: boolean): string {
  let end = sample.length;
  if (!wholeFile) {
    end = sample.lastIndexOf(10) + 1;
    if (end === 0) throw sampleTooSmall(file, sample.length);
  }
  const start = sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  try {
    return fatalDecoder.decode(sample.subarray(start, end));
  } catch {
    let line = 1;
    for (let pos = start; pos < end; line++) {
      let nl = sample.indexOf(10, pos);
      if (nl < 0 || nl >= end) nl = end;
      try { fatalDecoder.decode(sample.subarray(pos, nl)); } catch { break; }
      pos = nl + 1;
    }
    throw new DuskError("JSON_PARSE_ERROR",
      `${file} line ${line}: not valid UTF-8; Dusk reads UTF-8 JSON only (re-encode the file first, e.g. iconv -f latin1 -t utf-8)`, { file, line });
  }
}

/**
 * Infers the columns of a newline-delimited JSON file from `sample`, its first bytes. Throws
 * `JSON_PARSE_ERROR` for a bad line (per onBadLines; `details.reason = "sample-too-small"` when no
 * line fits), `COLUMN_NOT_FOUND` when `columns` or `parseDates` name a key neither the sample nor
 * `dtype` has, `SCHEMA_MISMATCH` for a parseDates value that is no date, `DUPLICATE_COLUMN` when a
 * dotted key and a nested key flatten to the same name.
 */
export function inferJsonSchema(sample: Uint8Array, o: JsonWireOptions, file: string, info: JsonSampleInfo = {}): JsonSchema {
  const text = sampleText(sample, file, info.wholeFile ?? false);
  const guesses = new Map<string, KeyGuess>();
  const given = (name: string): DType | undefined => o.dtype[name];
  let rows = 0, lineNo = 0;

  const visit = (obj: Record<string, unknown>, prefix: readonly string[]): void => {
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const path = [...prefix, k];
      const name = path.join(".");
      if (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof NumberText) && given(name) === undefined) {
        visit(v as Record<string, unknown>, path);
        continue;
      }
      let g = guesses.get(name);
      if (g === undefined) {
        g = new KeyGuess(path, o.parseDates.includes(name) && given(name) === undefined);
        guesses.set(name, g);
      } else if (g.path.length !== path.length || g.path.some((p, i) => p !== path[i])) {
        throw collision(file, lineNo, name);
      }
      if (v !== null && !g.add(v)) {
        throw new DuskError("SCHEMA_MISMATCH",
          `${file} line ${lineNo}, column ${JSON.stringify(name)}: ${JSON.stringify(v instanceof NumberText ? v.text : v)} is not a date or timestamp; ` +
          `remove ${JSON.stringify(name)} from parseDates (or fix the value)`, { file, line: lineNo, column: name });
      }
    }
  };

  for (let pos = 0; pos < text.length;) {
    lineNo++;
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    if (line.trim() === "") continue;
    let rec: unknown;
    try {
      rec = parseJsonExact(line, true);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      if (o.onBadLines === "error") throw badLine(file, lineNo, line, `not valid JSON (${e.message})`);
      continue; // reported when the block is parsed, not twice
    }
    if (rec === null || typeof rec !== "object" || Array.isArray(rec) || rec instanceof NumberText) {
      if (o.onBadLines === "error") throw badLine(file, lineNo, line, `not a JSON object (each line must hold one object, like {"a": 1})`);
      continue;
    }
    visit(rec as Record<string, unknown>, []);
    rows++;
  }

  // the columns: every sampled key (but a key only ever null where other records nest objects), then keys only dtype names
  let names = [...guesses.keys()].filter((n) => guesses.get(n)!.values > 0 || !guesses.has(n) || ![...guesses.keys()].some((m) => m.startsWith(`${n}.`)));
  for (const name of Object.keys(o.dtype)) if (!guesses.has(name)) names.push(name);
  const missing = (what: string, name: string): DuskError => new DuskError("COLUMN_NOT_FOUND",
    `readJson ${what}: ${JSON.stringify(name)} is not a key of the records sampled from ${file} (${rows} records; keys ${names.slice(0, 12).map((c) => JSON.stringify(c)).join(", ")}${names.length > 12 ? ", …" : ""}); ` +
    `pass dtype: { ${JSON.stringify(name)}: "..." } to read a key that appears only later, or a larger sampleSize`,
    { file, column: name });
  for (const name of o.parseDates) if (!names.includes(name)) throw missing("parseDates", name);
  if (o.columns !== null) {
    for (const name of o.columns) if (!names.includes(name)) throw missing("columns", name);
    const keep = new Set(o.columns);
    names = names.filter((n) => keep.has(n));
  }
  const columns: JsonColumnSpec[] = names.map((name) => {
    const g = guesses.get(name);
    const dtype = given(name) ?? g!.result(rows);
    const text = dtype.kind === "utf8" && !names.some((m) => m.startsWith(`${name}.`));
    return Object.freeze({ name, path: Object.freeze(g?.path ?? name.split(".")), dtype, text });
  });
  return Object.freeze({ columns: Object.freeze(columns), sampleRows: rows });
}
