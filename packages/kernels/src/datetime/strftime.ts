/**
 * `dt.strftime(format)`: dates and timestamps as text, in the local time of a timestamp's zone.
 * Directives (as Python's): %Y (4+ digit year) %y %m %d %e %H %I %M %S %f (microseconds, 6 digits)
 * %p (AM/PM) %j (day of year, 3 digits) %a %A %b %B (English names) %u (Monday 1 … Sunday 7)
 * %w (Sunday 0 … Saturday 6) %z (+HHMM; empty for naive) %Z (zone name; empty for naive)
 * %F (%Y-%m-%d) %T (%H:%M:%S) %%. The format is compiled once; each row is written as bytes.
 *
 * @example
 * ```ts
 * dtStrftime(dates, "%a %d %b %Y", "d.dt.strftime(...)"); // "Thu 29 Feb 2024"
 * ```
 */
import { DuskError, formatDType, strftimeProblem } from "@dusk/core";
import { int64Words, type Column, type Utf8Column } from "../column.js";
import { dtypes } from "@dusk/core";
import { CIVIL, civilFromDays, daysFromCivil } from "../civil.js";
import { isValid } from "../validity.js";
import { UNITS_PER_SECOND } from "../time-units.js";
import { encodeUtf8 } from "../utf8.js";
import { writeDigits } from "../format.js";
import { floorMod, InstantReader } from "./instant.js";
import { zoneOf } from "./tz-offsets.js";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(encodeUtf8);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"].map(encodeUtf8);

/** A compiled format: literal byte runs (code -1) and directive letters (char codes). */
interface Compiled { readonly codes: readonly number[]; readonly literals: readonly Uint8Array[]; readonly maxBytes: number }

function compile(format: string, where: string): Compiled {
  const why = strftimeProblem(format);
  if (why !== null) throw new DuskError("INVALID_ARGUMENT", `${where}: ${why}`, { format });
  const expanded = format.replace(/%([%FT])/g, (m, c: string) => (c === "F" ? "%Y-%m-%d" : c === "T" ? "%H:%M:%S" : m));
  const codes: number[] = [];
  const literals: Uint8Array[] = [];
  let lit = "", maxBytes = 0;
  const flush = (): void => {
    if (lit === "") return;
    const b = encodeUtf8(lit);
    codes.push(-1);
    literals.push(b);
    maxBytes += b.length;
    lit = "";
  };
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i];
    if (ch !== "%") { lit += ch; continue; }
    const d = expanded[++i];
    if (d === "%") { lit += "%"; continue; }
    flush();
    codes.push(d.charCodeAt(0));
    literals.push(new Uint8Array(0));
    maxBytes += 32;
  }
  flush();
  return { codes, literals, maxBytes: maxBytes + 32 };
}

/** Writes a signed integer with at least `width` digits. */
function writeSigned(buf: Uint8Array, p: number, v: number, width: number): number {
  if (width === 4 && v >= 0 && v <= 9999) {
    const hi = (v / 100) | 0, lo = v - hi * 100;
    return write2(buf, write2(buf, p, hi), lo);
  }
  if (v < 0) { buf[p++] = 45; return writeDigits(buf, p, -v, width); }
  return writeDigits(buf, p, v, width);
}

/** Writes 0–99 as two digits. */
function write2(buf: Uint8Array, p: number, v: number): number {
  const t = (v / 10) | 0;
  buf[p] = 48 + t;
  buf[p + 1] = 48 + v - t * 10;
  return p + 2;
}

function writeName(buf: Uint8Array, p: number, name: Uint8Array, short: boolean): number {
  const len = short ? 3 : name.length;
  for (let k = 0; k < len; k++) buf[p++] = name[k];
  return p;
}

/**
 * Formats every value of a date32 or timestamp column with `format`, as utf8.
 *
 * @example
 * ```ts
 * dtStrftime(ts, "%Y-%m-%d %H:%M%z", "ts.dt.strftime(...)"); // "2024-03-31 03:00+0200"
 * ```
 */
export function dtStrftime(c: Column, format: string, where: string): Column {
  if (c.layout !== "primitive" || (c.dtype.kind !== "date32" && c.dtype.kind !== "timestamp")) {
    throw new DuskError("TYPE_MISMATCH", `${where}: needs a date32 or timestamp column, got ${formatDType(c.dtype)}`);
  }
  const { codes, literals, maxBytes } = compile(format, where);
  const n = c.length, validity = c.validity;
  const isDate = c.dtype.kind === "date32";
  const ups = isDate ? 1 : UNITS_PER_SECOND[(c.dtype as { unit: "s" | "ms" | "us" | "ns" }).unit];
  const tz = isDate ? null : (c.dtype as { tz: string | null }).tz;
  const zone = zoneOf(tz);
  const zoneName = tz === null ? new Uint8Array(0) : encodeUtf8(tz);
  const reader = isDate ? null : new InstantReader(int64Words(c.values as BigInt64Array), ups, where);
  const days32 = isDate ? (c.values as Int32Array) : null;
  const rowMax = maxBytes + zoneName.length * codes.length;
  const offsets = new Int32Array(n + 1);
  let buf = new Uint8Array(Math.max(1024, n * Math.min(rowMax, 24)));
  let p = 0;
  let lastDays = NaN, y = 0, mo = 0, d = 0;
  for (let i = 0; i < n; i++) {
    if (!isValid(validity, i)) { offsets[i + 1] = p; continue; }
    if (p + rowMax > buf.length) {
      const grown = new Uint8Array(Math.max(buf.length * 2, p + rowMax));
      grown.set(buf.subarray(0, p));
      buf = grown;
    }
    let local: number, frac = 0, off = 0;
    if (reader !== null) {
      reader.read(i);
      off = zone === null ? 0 : zone.offset(reader.secs);
      local = reader.secs + off;
      frac = reader.frac;
    } else local = days32![i] * 86400;
    const days = Math.floor(local / 86400), sod = local - days * 86400;
    if (days !== lastDays) {
      civilFromDays(days, CIVIL);
      lastDays = days; y = CIVIL[0]; mo = CIVIL[1]; d = CIVIL[2];
    }
    const hh = Math.floor(sod / 3600), wd = floorMod(days + 3, 7);
    for (let k = 0; k < codes.length; k++) {
      switch (codes[k]) {
        case -1: { const l = literals[k]; for (let j = 0; j < l.length; j++) buf[p++] = l[j]; break; }
        case 89: p = writeSigned(buf, p, y, 4); break; // Y
        case 121: p = writeDigits(buf, p, floorMod(y, 100), 2); break; // y
        case 109: p = write2(buf, p, mo); break; // m
        case 100: p = write2(buf, p, d); break; // d
        case 101: if (d < 10) buf[p++] = 32; p = writeDigits(buf, p, d, 1); break; // e
        case 72: p = write2(buf, p, hh); break; // H
        case 73: p = writeDigits(buf, p, hh % 12 === 0 ? 12 : hh % 12, 2); break; // I
        case 112: buf[p++] = hh < 12 ? 65 : 80; buf[p++] = 77; break; // p
        case 77: p = write2(buf, p, Math.floor(sod / 60) % 60); break; // M
        case 83: p = write2(buf, p, sod % 60); break; // S
        case 102: p = writeDigits(buf, p, ups >= 1_000_000 ? Math.floor(frac / (ups / 1_000_000)) : frac * (1_000_000 / ups), 6); break; // f
        case 106: p = writeDigits(buf, p, days - daysFromCivil(y, 1, 1) + 1, 3); break; // j
        case 97: p = writeName(buf, p, DAYS[wd], true); break; // a
        case 65: p = writeName(buf, p, DAYS[wd], false); break; // A
        case 98: p = writeName(buf, p, MONTHS[mo - 1], true); break; // b
        case 66: p = writeName(buf, p, MONTHS[mo - 1], false); break; // B
        case 117: p = writeDigits(buf, p, wd + 1, 1); break; // u
        case 119: p = writeDigits(buf, p, (wd + 1) % 7, 1); break; // w
        case 122: { // z
          if (tz === null) break;
          const a = Math.abs(off);
          buf[p++] = off < 0 ? 45 : 43;
          p = writeDigits(buf, p, Math.floor(a / 3600), 2);
          p = writeDigits(buf, p, Math.floor(a / 60) % 60, 2);
          if (a % 60 !== 0) p = writeDigits(buf, p, a % 60, 2);
          break;
        }
        case 90: buf.set(zoneName, p); p += zoneName.length; break; // Z
        default: throw new DuskError("INTERNAL", `${where}: strftime directive %${String.fromCharCode(codes[k])}`);
      }
    }
    offsets[i + 1] = p;
  }
  return { layout: "utf8", dtype: dtypes.utf8, length: n, offsets, data: buf.slice(0, p), validity } satisfies Utf8Column;
}
