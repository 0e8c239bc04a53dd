/**
 * Byte-level number parsers over UTF-8/ASCII text: the hot path of casts from utf8 and of the CSV
 * reader. They read `bytes[start, end)` in place and allocate nothing on the common path.
 *
 * Parsing is strict: ASCII whitespace around the number is allowed, anything else that is not part
 * of the number is an error ("12abc", "1 2", "" all fail).
 *
 * - Integers: `[+-]?[0-9]+`.
 * - Floats: `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`, plus `inf`, `infinity` and
 *   `nan` in any case, signed or not. The result is exactly the double JS `Number()` gives: when the
 *   decimal mantissa has at most 15 significant digits and the power of ten is within ±22, it is
 *   mantissa × 10^e or mantissa / 10^−e in doubles (Clinger's fast path: both factors exact, one
 *   rounding); otherwise the bytes are decoded and handed to `Number()` (correctly rounded).
 *
 * @example
 * ```ts
 * const b = new TextEncoder().encode(" -12.5e1 ,42");
 * parseFloatBytes(b, 0, 9);   // -125
 * parseIntBytes(b, 10, 12);   // 42
 * const w = new Int32Array(2);
 * parseInt64Bytes(new TextEncoder().encode("-9223372036854775808"), 0, 20, w, 0); // true
 * ```
 */
import { writeInt64FromNumber } from "./build.js";
import { MAX_SAFE } from "./int64-words.js";

/** Exact powers of ten 10^0 … 10^22. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * True for ASCII whitespace: space, \t, \n, \v, \f, \r (the only whitespace parsers skip).
 *
 * @example
 * ```ts
 * isAsciiSpace(0x20); // true
 * isAsciiSpace(0xa0); // false: no-break space is not skipped
 * ```
 */
export function isAsciiSpace(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

/** Scratch result of {@link trim}: the [start, end) left after trimming ASCII whitespace. */
const TRIM = new Int32Array(2);

function trim(bytes: Uint8Array, start: number, end: number): void {
  while (start < end && isAsciiSpace(bytes[start])) start++;
  while (end > start && isAsciiSpace(bytes[end - 1])) end--;
  TRIM[0] = start;
  TRIM[1] = end;
}

/**
 * A decimal integer, or NaN when the text is not an integer or its magnitude exceeds 2^53 − 1.
 *
 * @example
 * ```ts
 * parseIntBytes(new TextEncoder().encode(" +007 "), 0, 6); // 7
 * ```
 */
export function parseIntBytes(bytes: Uint8Array, start: number, end: number): number {
  trim(bytes, start, end);
  let i = TRIM[0];
  const e = TRIM[1];
  let neg = false;
  if (i < e && (bytes[i] === 45 || bytes[i] === 43)) { neg = bytes[i] === 45; i++; }
  if (i === e) return NaN;
  let v = 0;
  for (; i < e; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
    if (v > MAX_SAFE) return NaN;
  }
  return neg ? 0 - v : v;
}

/** Scratch words for magnitudes: [lo, hi] of an unsigned 64-bit value. */
const MAG = new Int32Array(2);

/**
 * Reads `[+-]?digits` (already trimmed) and leaves the unsigned magnitude in MAG. Returns 0 for a
 * syntax error or a magnitude ≥ 2^64, 1 for a positive value, −1 for a negative one.
 */
function parseMagnitude(bytes: Uint8Array, i: number, e: number): number {
  let sign = 1;
  if (i < e && (bytes[i] === 45 || bytes[i] === 43)) { if (bytes[i] === 45) sign = -1; i++; }
  if (i === e) return 0;
  while (i < e - 1 && bytes[i] === 48) i++;
  const n = e - i;
  for (let k = i; k < e; k++) { const d = bytes[k] - 48; if (d < 0 || d > 9) return 0; }
  if (n > 20) return 0;
  if (n <= 15) {
    let v = 0;
    for (; i < e; i++) v = v * 10 + (bytes[i] - 48);
    writeInt64FromNumber(MAG, 0, v);
    return sign;
  }
  // high digits (≤ 11, exact in a double) × 10^9 + the last 9 digits, in 16-bit limbs
  let high = 0;
  for (; i < e - 9; i++) high = high * 10 + (bytes[i] - 48);
  let low = 0;
  for (; i < e; i++) low = low * 10 + (bytes[i] - 48);
  const hh = Math.floor(high / 4294967296);
  const hl = high - hh * 4294967296;
  const f = 1e9;
  const t0 = (hl & 0xffff) * f + low;
  const c0 = Math.floor(t0 / 65536);
  const t1 = (hl >>> 16) * f + c0;
  const c1 = Math.floor(t1 / 65536);
  const t2 = (hh & 0xffff) * f + c1;
  const c2 = Math.floor(t2 / 65536);
  const t3 = (hh >>> 16) * f + c2;
  if (t3 > 65535) return 0;
  MAG[0] = ((t1 - c1 * 65536) * 65536 + (t0 - c0 * 65536)) | 0;
  MAG[1] = (t3 * 65536 + (t2 - c2 * 65536)) | 0;
  return sign;
}

/**
 * Parses a decimal int64 into `out[2 * row]` (low word) and `out[2 * row + 1]` (high word).
 * Returns false (writing nothing) on a syntax error or a value outside the int64 range.
 *
 * @example
 * ```ts
 * const w = int64Words(new BigInt64Array(1));
 * parseInt64Bytes(new TextEncoder().encode("9007199254740993"), 0, 16, w, 0); // true: 2^53 + 1 exactly
 * ```
 */
export function parseInt64Bytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, row: number): boolean {
  trim(bytes, start, end);
  const sign = parseMagnitude(bytes, TRIM[0], TRIM[1]);
  if (sign === 0) return false;
  const lo = MAG[0], hi = MAG[1];
  if (sign > 0) {
    if (hi < 0) return false; // ≥ 2^63
    out[2 * row] = lo;
    out[2 * row + 1] = hi;
    return true;
  }
  if (hi < 0 && !(hi === -2147483648 && lo === 0)) return false; // magnitude > 2^63
  if (lo === 0) { out[2 * row] = 0; out[2 * row + 1] = -hi; }
  else { out[2 * row] = -lo; out[2 * row + 1] = ~hi; }
  return true;
}

/**
 * Parses a decimal uint64 into words at `row` of `out` (as {@link parseInt64Bytes}); "-0" is 0,
 * other negative values fail.
 *
 * @example
 * ```ts
 * parseUint64Bytes(new TextEncoder().encode("18446744073709551615"), 0, 20, w, 0); // true
 * ```
 */
export function parseUint64Bytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, row: number): boolean {
  trim(bytes, start, end);
  const sign = parseMagnitude(bytes, TRIM[0], TRIM[1]);
  if (sign === 0 || (sign < 0 && (MAG[0] | MAG[1]) !== 0)) return false;
  out[2 * row] = MAG[0];
  out[2 * row + 1] = MAG[1];
  return true;
}

/** True when bytes[i, e) spell `word` (lower case ASCII) in any case. */
function matchesWord(bytes: Uint8Array, i: number, e: number, word: string): boolean {
  if (e - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) if ((bytes[i + k] | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * True when the text is a NaN literal (`nan`, any case, optionally signed), which
 * {@link parseFloatBytes} also answers with NaN: call it to tell that apart from a syntax error.
 *
 * @example
 * ```ts
 * isNanLiteral(new TextEncoder().encode("NaN"), 0, 3); // true
 * ```
 */
export function isNanLiteral(bytes: Uint8Array, start: number, end: number): boolean {
  trim(bytes, start, end);
  let i = TRIM[0];
  const e = TRIM[1];
  if (i < e && (bytes[i] === 45 || bytes[i] === 43)) i++;
  return matchesWord(bytes, i, e, "nan");
}

/** Decodes ASCII bytes (already validated) to a string. Slow path only. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/**
 * A decimal floating-point number: exactly the double `Number()` / `parseFloat` give for the same
 * text, or NaN on a syntax error (and for a NaN literal; see {@link isNanLiteral}).
 *
 * @example
 * ```ts
 * parseFloatBytes(new TextEncoder().encode("5."), 0, 2);   // 5
 * parseFloatBytes(new TextEncoder().encode("-inf"), 0, 4); // -Infinity
 * ```
 */
export function parseFloatBytes(bytes: Uint8Array, start: number, end: number): number {
  trim(bytes, start, end);
  const first = TRIM[0];
  const e = TRIM[1];
  let i = first;
  let neg = false;
  if (i < e && (bytes[i] === 45 || bytes[i] === 43)) { neg = bytes[i] === 45; i++; }
  if (i === e) return NaN;
  const c = bytes[i] | 0x20;
  if (c === 0x69 /* i */) {
    return matchesWord(bytes, i, e, "inf") || matchesWord(bytes, i, e, "infinity") ? (neg ? -Infinity : Infinity) : NaN;
  }
  if (c === 0x6e /* n */) return NaN;
  let mant = 0;
  let sig = 0; // significant digits taken into mant
  let digits = 0;
  let scale = 0; // digits after the point taken into mant
  let exact = true;
  for (; i < e; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (mant !== 0 || d !== 0) {
      if (sig < 15) { mant = mant * 10 + d; sig++; } else exact = false;
    }
  }
  if (i < e && bytes[i] === 46 /* . */) {
    i++;
    for (; i < e; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      digits++;
      if (mant !== 0 || d !== 0) {
        if (sig < 15) { mant = mant * 10 + d; sig++; scale++; } else exact = false;
      } else scale++;
    }
  }
  if (digits === 0) return NaN;
  let exp = 0;
  if (i < e && (bytes[i] | 0x20) === 0x65 /* e */) {
    i++;
    let eneg = false;
    if (i < e && (bytes[i] === 45 || bytes[i] === 43)) { eneg = bytes[i] === 45; i++; }
    const from = i;
    for (; i < e; i++) {
      const d = bytes[i] - 48;
      if (d < 0 || d > 9) break;
      if (exp < 100000) exp = exp * 10 + d;
    }
    if (i === from) return NaN;
    if (eneg) exp = -exp;
  }
  if (i !== e) return NaN;
  if (exact) {
    if (mant === 0) return neg ? -0 : 0;
    const p = exp - scale;
    if (p >= 0 && p <= 22) { const r = mant * POW10[p]; return neg ? -r : r; }
    if (p < 0 && p >= -22) { const r = mant / POW10[-p]; return neg ? -r : r; }
  }
  return Number(ascii(bytes, first, e));
}
