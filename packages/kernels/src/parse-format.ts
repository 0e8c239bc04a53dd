/**
 * Dates and times written in a known layout, as strptime formats describe them: `%Y` (4-digit
 * year), `%y` (2-digit: 69–99 → 19xx, 00–68 → 20xx, as Python), `%m`, `%d`, `%H`, `%I` + `%p`
 * (12-hour clock, AM/PM), `%M`, `%S` (1 or 2 digits each), `%f` (1–9 fraction digits), `%j`
 * (day of the year), `%b` / `%B` (English month names, any case), `%z` (`Z`, `±HH:MM`, `±HHMM`,
 * `±HH`), `%%`; any other character must appear as written. Values are checked (month 1–12, day
 * within its month, hour < 24, ...); anything else fails, so a bad value is reported, never guessed.
 * A value with `%z` is converted to UTC; without, it is stored as written.
 *
 * @example
 * ```ts
 * const f = compileDateFormat("%d/%m/%Y %H:%M");
 * const w = new Int32Array(2);
 * parseFormattedTimestamp(bytes("31/12/1999 23:59"), 0, 16, f, "us", w, 0); // true: 946684740000000 µs
 * parseFormattedDate(bytes("31/12/1999"), 0, 10, compileDateFormat("%d/%m/%Y")); // 10956
 * ```
 */
import { DuskError, type TimeUnit } from "@dusk/core";
import { daysFromCivil, daysInMonth } from "./civil.js";

type Token =
  | { readonly kind: "lit"; readonly byte: number }
  | { readonly kind: "field"; readonly field: "Y" | "y" | "m" | "d" | "H" | "I" | "M" | "S" | "j"; readonly min: number; readonly max: number }
  | { readonly kind: "f" | "p" | "b" | "z" };

/** A compiled format: its tokens, and whether it holds a time of day (else it is a date). */
export interface DateFormat {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly hasTime: boolean;
  readonly hasFraction: boolean;
}

const WIDTH: Record<string, [number, number]> = { Y: [4, 4], y: [2, 2], m: [1, 2], d: [1, 2], H: [1, 2], I: [1, 2], M: [1, 2], S: [1, 2], j: [1, 3] };
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Compiles a strptime-like format; INVALID_ARGUMENT for an unknown directive or a format without a year. */
export function compileDateFormat(text: string): DateFormat {
  if (typeof text !== "string" || text.length === 0) throw new DuskError("INVALID_ARGUMENT", `a date format must be a non-empty string such as "%d/%m/%Y", got ${JSON.stringify(text)}`);
  const tokens: Token[] = [];
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 37) { tokens.push({ kind: "lit", byte: bytes[i] }); continue; }
    const c = String.fromCharCode(bytes[++i] ?? 0);
    if (c === "%") tokens.push({ kind: "lit", byte: 37 });
    else if (c in WIDTH) tokens.push({ kind: "field", field: c as "Y", min: WIDTH[c][0], max: WIDTH[c][1] });
    else if (c === "f" || c === "p" || c === "z") tokens.push({ kind: c });
    else if (c === "b" || c === "B") tokens.push({ kind: "b" });
    else {
      throw new DuskError("INVALID_ARGUMENT",
        `date format ${JSON.stringify(text)}: %${c} is not supported; use %Y %y %m %d %H %I %p %M %S %f %j %b %B %z or %%`, { format: text });
    }
  }
  const has = (f: string) => tokens.some((t) => (t.kind === "field" ? t.field === f : t.kind === f));
  if (!has("Y") && !has("y")) throw new DuskError("INVALID_ARGUMENT", `date format ${JSON.stringify(text)} has no year (%Y or %y)`, { format: text });
  if (has("I") !== has("p")) throw new DuskError("INVALID_ARGUMENT", `date format ${JSON.stringify(text)}: %I and %p go together (12-hour clock)`, { format: text });
  const hasTime = ["H", "I", "M", "S", "f", "z"].some(has);
  return Object.freeze({ text, tokens: Object.freeze(tokens), hasTime, hasFraction: has("f") });
}

interface Parts { y: number; mo: number; d: number; doy: number; h: number; mi: number; s: number; frac: number; fracDigits: number; pm: number; offset: number }
const P: Parts = { y: 0, mo: 1, d: 1, doy: 0, h: 0, mi: 0, s: 0, frac: 0, fracDigits: 0, pm: -1, offset: 0 };

/** Reads `b[s, e)` into P; false when it does not follow the format. */
function scan(b: Uint8Array, s: number, e: number, f: DateFormat): boolean {
  while (s < e && b[s] === 32) s++;
  while (e > s && b[e - 1] === 32) e--;
  P.y = 0; P.mo = 1; P.d = 1; P.doy = 0; P.h = 0; P.mi = 0; P.s = 0; P.frac = 0; P.fracDigits = 0; P.pm = -1; P.offset = 0;
  let i = s;
  for (const t of f.tokens) {
    switch (t.kind) {
      case "lit": if (i >= e || b[i] !== t.byte) return false; i++; break;
      case "field": {
        let v = 0, n = 0;
        while (n < t.max && i < e && b[i] >= 48 && b[i] <= 57) { v = v * 10 + b[i] - 48; i++; n++; }
        if (n < t.min) return false;
        switch (t.field) {
          case "Y": P.y = v; break;
          case "y": P.y = v >= 69 ? 1900 + v : 2000 + v; break;
          case "m": P.mo = v; break;
          case "d": P.d = v; break;
          case "H": case "I": P.h = v; break;
          case "M": P.mi = v; break;
          case "S": P.s = v; break;
          case "j": P.doy = v; break;
        }
        break;
      }
      case "f": {
        let v = 0, n = 0;
        while (i < e && b[i] >= 48 && b[i] <= 57) { if (n < 9) { v = v * 10 + b[i] - 48; n++; } else if (b[i] !== 48) return false; i++; }
        if (n === 0) return false;
        P.frac = v; P.fracDigits = n;
        break;
      }
      case "p": {
        if (i + 2 > e) return false;
        const a = b[i] | 32, m = b[i + 1] | 32;
        if (m !== 109 || (a !== 97 && a !== 112)) return false;
        P.pm = a === 112 ? 1 : 0; i += 2;
        break;
      }
      case "b": {
        let j = i;
        while (j < e && ((b[j] | 32) >= 97 && (b[j] | 32) <= 122)) j++;
        const word = String.fromCharCode(...b.subarray(i, j)).toLowerCase();
        const k = word.length === 3 ? MONTHS.indexOf(word) : MONTH_NAMES.indexOf(word);
        if (k < 0) return false;
        P.mo = k + 1; i = j;
        break;
      }
      case "z": {
        if (i < e && (b[i] === 90 || b[i] === 122)) { i++; break; }
        if (i >= e || (b[i] !== 43 && b[i] !== 45)) return false;
        const sign = b[i] === 45 ? -1 : 1; i++;
        const two = (): number => (i + 2 <= e && b[i] >= 48 && b[i] <= 57 && b[i + 1] >= 48 && b[i + 1] <= 57 ? (b[i++] - 48) * 10 + (b[i++] - 48) : -1);
        const hh = two();
        if (hh < 0 || hh > 23) return false;
        let mm = 0;
        if (i < e && b[i] === 58) i++;
        if (i < e) { mm = two(); if (mm < 0 || mm > 59) return false; }
        P.offset = sign * (hh * 60 + mm) * 60;
        break;
      }
    }
  }
  if (i !== e) return false;
  if (P.pm >= 0) { if (P.h < 1 || P.h > 12) return false; P.h = (P.h % 12) + (P.pm === 1 ? 12 : 0); }
  if (P.doy > 0) {
    const leap = daysInMonth(P.y, 2) === 29;
    if (P.doy > (leap ? 366 : 365)) return false;
    P.mo = 1; P.d = P.doy;
    return P.h < 24 && P.mi < 60 && P.s < 60;
  }
  return P.mo >= 1 && P.mo <= 12 && P.d >= 1 && P.d <= daysInMonth(P.y, P.mo) && P.h < 24 && P.mi < 60 && P.s < 60;
}

const daysOf = (): number => (P.doy > 0 ? daysFromCivil(P.y, 1, 1) + P.doy - 1 : daysFromCivil(P.y, P.mo, P.d));

/** Days since 1970-01-01 of a date in format `f`, or NaN when the text does not follow it. */
export function parseFormattedDate(b: Uint8Array, s: number, e: number, f: DateFormat): number {
  return scan(b, s, e, f) ? daysOf() : NaN;
}

const PER_SECOND: Record<TimeUnit, bigint> = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };
const DIGITS: Record<TimeUnit, number> = { s: 0, ms: 3, us: 6, ns: 9 };
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

/**
 * A timestamp in format `f` as a count of `unit` since the epoch, written as int64 words at `row`;
 * false when the text does not follow the format, its fraction is finer than the unit, or the value
 * does not fit in int64.
 */
export function parseFormattedTimestamp(b: Uint8Array, s: number, e: number, f: DateFormat, unit: TimeUnit, out: Int32Array, row: number): boolean {
  if (!scan(b, s, e, f)) return false;
  const seconds = daysOf() * 86400 + P.h * 3600 + P.mi * 60 + P.s - P.offset;
  const digits = DIGITS[unit];
  let frac = P.frac;
  if (P.fracDigits > digits) {
    const drop = 10 ** (P.fracDigits - digits);
    if (frac % drop !== 0) return false; // finer than the unit: reported, not rounded
    frac /= drop;
  } else frac *= 10 ** (digits - P.fracDigits);
  const v = BigInt(seconds) * PER_SECOND[unit] + BigInt(frac);
  if (v < INT64_MIN || v > INT64_MAX) return false;
  out[2 * row] = Number(BigInt.asIntN(32, v));
  out[2 * row + 1] = Number(v >> 32n);
  return true;
}
