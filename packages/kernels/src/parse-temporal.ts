/**
 * Byte-level date and timestamp parsers (ISO 8601), allocation-free like parse.ts.
 *
 * - Dates: `YYYY-MM-DD`; years outside 0000–9999 as `+YYYYY` / `-YYYY` (sign, then 4 to 12
 *   digits), as the formatter writes them. The date must exist (no 2023-02-29).
 * - Timestamps: a date, optionally followed by `T`, `t` or a space and `HH:MM`, `HH:MM:SS` or
 *   `HH:MM:SS.f` (1–9 fraction digits), then optionally `Z` or an offset `±HH:MM`, `±HHMM`, `±HH`.
 *   With an offset the instant is converted to UTC; without one the wall time is stored as is.
 *   A fraction finer than the unit must be zero beyond it ("…00.5" does not fit timestamp[s]).
 *
 * @example
 * ```ts
 * const b = new TextEncoder().encode("2024-02-29T12:00:00.25+01:00");
 * parseDateBytes(b, 0, 10); // 19782
 * const w = new Int32Array(2);
 * parseTimestampBytes(b, 0, b.length, "ms", w, 0); // true: 1709204400250 ms (11:00:00.25 UTC)
 * ```
 */
import type { TimeUnit } from "@dusk/core";
import { daysFromCivil, daysInMonth } from "./civil.js";
import { mulInt64Small, writeWordsFromNumber } from "./int64-words.js";
import { isAsciiSpace } from "./parse.js";
import { UNITS_PER_SECOND, UNIT_DIGITS } from "./time-units.js";

/** Units per second. */
const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Scratch: [day number, index after the date] of the last {@link readDate}. */
const DATE = new Float64Array(2);

/** `count` digits at i as a number, or −1. */
function digitsAt(bytes: Uint8Array, i: number, count: number, e: number): number {
  if (i + count > e) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const d = bytes[i + k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Reads a date at i (no whitespace); false on error. Result in DATE. */
function readDate(bytes: Uint8Array, i: number, e: number): boolean {
  let sign = 0;
  if (i < e && (bytes[i] === 43 || bytes[i] === 45)) { sign = bytes[i] === 45 ? -1 : 1; i++; }
  let y = 0, n = 0;
  while (i < e && n < 12) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) break;
    y = y * 10 + d;
    i++;
    n++;
  }
  if (sign === 0 ? n !== 4 : n < 4) return false;
  if (sign < 0) y = -y;
  if (i >= e || bytes[i] !== 45) return false;
  const m = digitsAt(bytes, i + 1, 2, e);
  if (m < 1 || m > 12 || i + 3 >= e || bytes[i + 3] !== 45) return false;
  const d = digitsAt(bytes, i + 4, 2, e);
  if (d < 1 || d > daysInMonth(y, m)) return false;
  DATE[0] = daysFromCivil(y, m, d);
  DATE[1] = i + 6;
  return true;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, or NaN when the text is not a valid date.
 *
 * @example
 * ```ts
 * parseDateBytes(new TextEncoder().encode("1970-01-02"), 0, 10); // 1
 * ```
 */
export function parseDateBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isAsciiSpace(bytes[start])) start++;
  while (end > start && isAsciiSpace(bytes[end - 1])) end--;
  if (!readDate(bytes, start, end) || DATE[1] !== end) return NaN;
  return DATE[0];
}

/**
 * Parses an ISO 8601 date or date-time into a count of `unit` since the epoch, written as int64
 * words at `out[2 * row]` (low) and `out[2 * row + 1]` (high). Returns false on a syntax error,
 * an invalid date or time, a fraction finer than `unit`, or a value outside int64.
 *
 * @example
 * ```ts
 * const w = new Int32Array(2);
 * parseTimestampBytes(new TextEncoder().encode("1970-01-01 00:00:01"), 0, 19, "ns", w, 0); // w = [1e9, 0]
 * ```
 */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number, unit: TimeUnit, out: Int32Array, row: number): boolean {
  while (start < end && isAsciiSpace(bytes[start])) start++;
  while (end > start && isAsciiSpace(bytes[end - 1])) end--;
  if (!readDate(bytes, start, end)) return false;
  const days = DATE[0];
  let i = DATE[1];
  let frac = 0;
  let sod = 0; // seconds to add to midnight: time of day minus the UTC offset (|sod| < 2 days)
  if (i < end) {
    const sep = bytes[i];
    if (sep !== 84 && sep !== 116 && sep !== 32) return false;
    const h = digitsAt(bytes, i + 1, 2, end);
    if (h < 0 || h > 23 || i + 3 >= end || bytes[i + 3] !== 58) return false;
    const mi = digitsAt(bytes, i + 4, 2, end);
    if (mi < 0 || mi > 59) return false;
    i += 6;
    let s = 0;
    if (i < end && bytes[i] === 58) {
      s = digitsAt(bytes, i + 1, 2, end);
      if (s < 0 || s > 59) return false;
      i += 3;
      if (i < end && bytes[i] === 46) {
        i++;
        const from = i;
        let f = 0;
        while (i < end && i - from < 9) {
          const d = bytes[i] - 48;
          if (d < 0 || d > 9) break;
          f = f * 10 + d;
          i++;
        }
        const k = i - from;
        if (k === 0) return false;
        const p = UNIT_DIGITS[unit];
        if (k <= p) frac = f * POW10[p - k];
        else {
          const drop = POW10[k - p];
          frac = Math.floor(f / drop);
          if (frac * drop !== f) return false;
        }
      }
    }
    sod = h * 3600 + mi * 60 + s;
    if (i < end) {
      const z = bytes[i];
      if (z === 90 || z === 122) i++;
      else if (z === 43 || z === 45) {
        const oh = digitsAt(bytes, i + 1, 2, end);
        if (oh < 0 || oh > 23) return false;
        i += 3;
        let om = 0;
        if (i < end) {
          if (bytes[i] === 58) i++;
          om = digitsAt(bytes, i, 2, end);
          if (om < 0 || om > 59) return false;
          i += 2;
        }
        const offset = (oh * 60 + om) * 60;
        sod -= z === 43 ? offset : -offset;
      } else return false;
    }
    if (i !== end) return false;
  }
  // seconds = days × 86400 + sod, exact on words (years far from the epoch exceed 2^53 seconds);
  // before the epoch as (days + 2) × 86400 + (sod − 2 days), so that the product stays in int64
  // whenever the result does
  let d = days;
  if (d < 0) { d += 2; sod -= 172800; }
  writeWordsFromNumber(out, row, d);
  if (!mulInt64Small(out[2 * row], out[2 * row + 1], 86400, out, row) || !addSmall(out, row, sod)) return false;
  if (unit === "s") return true;
  // × units per second + fraction; before the epoch as (secs + 1) × ups − (ups − frac), so that
  // no intermediate leaves int64 when the result does not (1677-09-21 00:12:43.145224192 in ns)
  const ups = UNITS_PER_SECOND[unit];
  let add = frac;
  if (out[2 * row + 1] < 0 && frac > 0) {
    if (!addSmall(out, row, 1)) return false;
    add = frac - ups;
  }
  return mulInt64Small(out[2 * row], out[2 * row + 1], ups, out, row) && addSmall(out, row, add);
}

/** Adds a small signed integer (|x| < 2^31) to the int64 words at `row`; false on overflow. */
function addSmall(out: Int32Array, row: number, x: number): boolean {
  const lo = (out[2 * row] >>> 0) + x;
  const hi = out[2 * row + 1] + (lo > 4294967295 ? 1 : lo < 0 ? -1 : 0);
  if (hi > 2147483647 || hi < -2147483648) return false;
  out[2 * row] = lo | 0;
  out[2 * row + 1] = hi;
  return true;
}
