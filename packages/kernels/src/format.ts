/**
 * Values as text, the way cast to utf8 writes them (and the CSV writer will):
 *
 * - integers in decimal (64-bit ones from their words, without BigInt);
 * - floats as `String(x)`, with `.0` appended to integral values written without a point or an
 *   exponent ("1.0", "-0.0", "0.1", "1e+21", "NaN", "Infinity", "-Infinity"); float32 values in
 *   their shortest round-trip form ("0.1", not "0.10000000149011612");
 * - bool as `true` / `false`;
 * - date32 as `YYYY-MM-DD` (years outside 0000–9999 as `+YYYYY` / `-YYYY`);
 * - timestamps as `YYYY-MM-DD HH:MM:SS`, plus `.fff` / `.ffffff` / `.fffffffff` by unit when the
 *   fraction is not zero; a timestamp with a time zone is written in UTC with a `+00:00` suffix.
 *
 * The `write*` functions put ASCII bytes into a buffer and return the next position; the caller
 * reserves room (see {@link MAX_TEXT_BYTES}).
 *
 * @example
 * ```ts
 * formatValue(1.5e300, dtypes.float64);              // "1.5e+300"
 * formatValue(19782, dtypes.date32);                 // "2024-02-29"
 * formatValue(1500n, dtypes.timestamp("ms"));        // "1970-01-01 00:00:01.500"
 * ```
 */
import { assertNever, type DType, type TimeUnit } from "@dusk/core";
import type { ScalarValue } from "./column.js";
import { CIVIL, civilFromDays } from "./civil.js";
import { floorDivInt64Small } from "./int64-words.js";
import { UNITS_PER_SECOND, UNIT_DIGITS } from "./time-units.js";

/**
 * Most bytes one value of each kind can take as text (reserve `n * MAX_TEXT_BYTES.int` for n ints).
 *
 * @example
 * ```ts
 * const buf = new Uint8Array(rows * MAX_TEXT_BYTES.date);
 * ```
 */
export const MAX_TEXT_BYTES = { int: 20, float: 26, bool: 5, date: 16, timestamp: 46 } as const;


/**
 * Writes a non-negative integer below 2^53 with at least `width` digits (zero-padded).
 *
 * @example
 * ```ts
 * writeDigits(buf, 0, 7, 2); // "07", returns 2
 * ```
 */
export function writeDigits(out: Uint8Array, pos: number, v: number, width: number): number {
  let len = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) len++;
  if (len < width) len = width;
  let p = pos + len;
  for (let k = 0; k < len; k++) {
    const q = Math.floor(v / 10);
    out[--p] = 48 + (v - q * 10);
    v = q;
  }
  return pos + len;
}

/**
 * Writes an integer of magnitude below 2^53 in decimal.
 *
 * @example
 * ```ts
 * writeIntAscii(buf, 0, -42); // "-42", returns 3
 * ```
 */
export function writeIntAscii(out: Uint8Array, pos: number, v: number): number {
  if (v < 0) { out[pos++] = 45; v = -v; }
  return writeDigits(out, pos, v, 1);
}

/**
 * Writes the 64-bit integer (lo, hi) in decimal; `unsigned` reads hi as unsigned. No BigInt.
 *
 * @example
 * ```ts
 * const w = int64Words(col.values as BigInt64Array);
 * pos = writeInt64Ascii(buf, pos, w[2 * i], w[2 * i + 1], false);
 * ```
 */
export function writeInt64Ascii(out: Uint8Array, pos: number, lo: number, hi: number, unsigned: boolean): number {
  let mhi = unsigned ? hi >>> 0 : hi;
  let mlo = lo >>> 0;
  if (!unsigned && hi < 0) {
    out[pos++] = 45;
    // magnitude of a negative value: two's complement negation (2^63 stays exact as unsigned)
    if (mlo === 0) mhi = (-hi) >>> 0;
    else { mlo = (-mlo) >>> 0; mhi = (~hi) >>> 0; }
  }
  if (mhi < 2097152) return writeDigits(out, pos, mhi * 4294967296 + mlo, 1);
  // unsigned division by 10^9: high digits (< 2^35) and the last nine
  const qh = Math.floor(mhi / 1e9);
  const rh = mhi - qh * 1e9;
  let t = rh * 65536 + (mlo >>> 16);
  const q1 = Math.floor(t / 1e9);
  t = (t - q1 * 1e9) * 65536 + (mlo & 0xffff);
  const q2 = Math.floor(t / 1e9);
  const rest = t - q2 * 1e9;
  pos = writeDigits(out, pos, qh * 4294967296 + q1 * 65536 + q2, 1);
  return writeDigits(out, pos, rest, 9);
}

/**
 * Writes day number `days` (since 1970-01-01) as a date.
 *
 * @example
 * ```ts
 * writeDateAscii(buf, 0, 19782); // "2024-02-29", returns 10
 * ```
 */
export function writeDateAscii(out: Uint8Array, pos: number, days: number): number {
  civilFromDays(days, CIVIL);
  const y = CIVIL[0], m = CIVIL[1], d = CIVIL[2];
  if (y < 0) { out[pos++] = 45; pos = writeDigits(out, pos, -y, 4); }
  else if (y > 9999) { out[pos++] = 43; pos = writeDigits(out, pos, y, 4); }
  else pos = writeDigits(out, pos, y, 4);
  out[pos++] = 45;
  pos = writeDigits(out, pos, m, 2);
  out[pos++] = 45;
  return writeDigits(out, pos, d, 2);
}

const SCRATCH = new Int32Array(2);

/**
 * Writes a timestamp given as int64 words (lo, hi) counting `unit`s, as
 * `YYYY-MM-DD HH:MM:SS[.fraction]`, plus `+00:00` when `utcSuffix`.
 *
 * @example
 * ```ts
 * writeTimestampAscii(buf, 0, 1500, 0, "ms", false); // "1970-01-01 00:00:01.500"
 * ```
 */
export function writeTimestampAscii(out: Uint8Array, pos: number, lo: number, hi: number, unit: TimeUnit, utcSuffix: boolean): number {
  let frac = 0;
  if (unit !== "s") {
    frac = floorDivInt64Small(lo, hi, UNITS_PER_SECOND[unit], SCRATCH, 0);
    lo = SCRATCH[0];
    hi = SCRATCH[1];
  }
  const sod = floorDivInt64Small(lo, hi, 86400, SCRATCH, 0);
  const days = SCRATCH[1] * 4294967296 + (SCRATCH[0] >>> 0);
  pos = writeDateAscii(out, pos, days);
  out[pos++] = 32;
  const h = Math.floor(sod / 3600), mi = Math.floor((sod - h * 3600) / 60), s = sod - h * 3600 - mi * 60;
  pos = writeDigits(out, pos, h, 2);
  out[pos++] = 58;
  pos = writeDigits(out, pos, mi, 2);
  out[pos++] = 58;
  pos = writeDigits(out, pos, s, 2);
  if (frac !== 0) {
    out[pos++] = 46;
    pos = writeDigits(out, pos, frac, UNIT_DIGITS[unit]);
  }
  if (utcSuffix) for (const ch of [43, 48, 48, 58, 48, 48]) out[pos++] = ch;
  return pos;
}

/**
 * A float64 as text: `String(x)`, plus `.0` for integral values written without point or exponent.
 *
 * @example
 * ```ts
 * formatFloat64(1);    // "1.0"
 * formatFloat64(1e21); // "1e+21"
 * ```
 */
export function formatFloat64(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const s = String(x);
  return isPlainInteger(s) ? s + ".0" : s;
}

/**
 * A float32 value as text, in its shortest form that reads back to the same float32.
 *
 * @example
 * ```ts
 * formatFloat32(Math.fround(0.1)); // "0.1"
 * ```
 */
export function formatFloat32(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity || x === 0) return formatFloat64(x);
  for (let p = 1; p <= 9; p++) {
    const t = Number(x.toPrecision(p));
    if (Math.fround(t) === x) return formatFloat64(t);
  }
  return formatFloat64(x); // unreachable: 9 significant digits always identify a float32
}

function isPlainInteger(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (k === 0 && c === 45))) return false;
  }
  return true;
}

/**
 * Writes an ASCII string.
 *
 * @example
 * ```ts
 * writeAscii(buf, 0, "NaN"); // returns 3
 * ```
 */
export function writeAscii(out: Uint8Array, pos: number, s: string): number {
  for (let k = 0; k < s.length; k++) out[pos++] = s.charCodeAt(k);
  return pos;
}

const TEXT = new Uint8Array(64);
const WORDS = new BigInt64Array(1);
const WORDS32 = new Int32Array(WORDS.buffer);

function ascii(end: number): string {
  let s = "";
  for (let k = 0; k < end; k++) s += String.fromCharCode(TEXT[k]);
  return s;
}

/**
 * One value of `dtype` as text ("null" for null), as cast to utf8 writes it. For messages and
 * edges; columns go through the `write*` functions.
 *
 * @example
 * ```ts
 * formatValue(2n ** 63n - 1n, dtypes.int64); // "9223372036854775807"
 * formatValue(1, dtypes.float64);            // "1.0"
 * ```
 */
export function formatValue(value: ScalarValue, dtype: DType): string {
  if (value === null) return "null";
  switch (dtype.kind) {
    case "bool": return value ? "true" : "false";
    case "utf8": return String(value);
    case "float64": return formatFloat64(Number(value));
    case "float32": return formatFloat32(Number(value));
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
    case "int64": case "uint64":
      return String(value);
    case "date32": return ascii(writeDateAscii(TEXT, 0, Number(value)));
    case "timestamp": {
      WORDS[0] = BigInt.asIntN(64, BigInt(value as bigint));
      return ascii(writeTimestampAscii(TEXT, 0, WORDS32[0], WORDS32[1], dtype.unit, dtype.tz !== null));
    }
    default: return assertNever(dtype);
  }
}
