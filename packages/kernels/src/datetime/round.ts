/**
 * `dt.floor`, `dt.ceil` and `dt.round` to a frequency, exact on int64 words:
 *
 * - fixed frequencies (ns … W) are multiples counted from 1970-01-01 00:00, as in pandas; `round`
 *   breaks ties to the even multiple (pandas). A frequency at least a second long must be whole
 *   seconds, a shorter one must divide a second (checked when binding).
 * - floor also takes calendar frequencies: `nW` (Mondays), `nM` (month starts, months counted
 *   from year 0) and `nY` (year starts).
 * - a timestamp with a time zone is rounded in its local wall-clock time, then converted back
 *   (see {@link TzOffsets.utcOf} for repeated and skipped wall times); a naive or UTC one in UTC.
 * - date32 columns round whole days (frequencies of whole days, W, M, Y) and stay date32.
 *
 * A result outside the column's range throws INT_OVERFLOW naming the row; nulls stay null.
 *
 * @example
 * ```ts
 * dtRound(ts, "floor", parseFrequency("15min"), "ts.dt.floor(\"15min\")");
 * ```
 */
import { DuskError, formatDType, type Frequency } from "@dusk/core";
import { int64Words, type Column, type PrimitiveColumn } from "../column.js";
import { CIVIL, civilFromDays, daysFromCivil } from "../civil.js";
import { isValid } from "../validity.js";
import { UNITS_PER_SECOND } from "../time-units.js";
import { floorMod, InstantReader, writeInstant } from "./instant.js";
import { zoneOf } from "./tz-offsets.js";

export type DtRoundMode = "floor" | "ceil" | "round";

const MONDAY_1969_12_29 = -3;

/** Day number of the start of the calendar period (W, M, Y) holding day `days`. */
function calendarFloor(days: number, f: Frequency): number {
  if (f.unit === "W") {
    const weeks = Math.floor((days - MONDAY_1969_12_29) / 7);
    return MONDAY_1969_12_29 + (weeks - floorMod(weeks, f.n)) * 7;
  }
  civilFromDays(days, CIVIL);
  if (f.unit === "M") {
    const months = CIVIL[0] * 12 + CIVIL[1] - 1;
    const m = months - floorMod(months, f.n);
    const y = Math.floor(m / 12);
    return daysFromCivil(y, m - y * 12 + 1, 1);
  }
  return daysFromCivil(CIVIL[0] - floorMod(CIVIL[0], f.n), 1, 1);
}

/**
 * Rounds the multiple-of-`q` position of a value with remainder `r` (0 ≤ r < q) plus a fraction
 * `fracTwice / twiceUnit` of one more step: returns 0 to go down, 1 to go up.
 * `evenDown` says whether the lower multiple is even (for ties).
 */
function roundUp(mode: DtRoundMode, r: number, q: number, frac: number, ups: number, evenDown: boolean): number {
  if (r === 0 && frac === 0) return 0;
  if (mode === "floor") return 0;
  if (mode === "ceil") return 1;
  // compare r + frac/ups with q/2, exactly: 2r + 2frac/ups vs q
  const diff = q - 2 * r;
  if (diff <= 0) return diff === 0 && frac === 0 ? (evenDown ? 0 : 1) : 1;
  if (diff > 2) return 0;
  const lhs = 2 * frac, rhs = diff * ups;
  if (lhs < rhs) return 0;
  if (lhs > rhs) return 1;
  return evenDown ? 0 : 1;
}

const isEven = (k: number): boolean => floorMod(k, 2) === 0;

function typeError(c: Column, where: string): DuskError {
  return new DuskError("TYPE_MISMATCH", `${where}: needs a date32 or timestamp column, got ${formatDType(c.dtype)}`);
}

/**
 * Floors, ceils or rounds every value of a date32 or timestamp column to `freq`.
 *
 * @example
 * ```ts
 * dtRound(ts, "round", parseFrequency("1min"), "ts.dt.round(\"1min\")");
 * ```
 */
export function dtRound(c: Column, mode: DtRoundMode, freq: Frequency, where: string): Column {
  if (c.layout !== "primitive") throw typeError(c, where);
  const calendar = freq.unit === "W" || freq.unit === "M" || freq.unit === "Y";
  if (calendar && mode !== "floor") {
    throw new DuskError("INVALID_ARGUMENT", `${where}: ${mode} needs a fixed frequency; weeks, months and years work with floor only`);
  }
  const n = c.length, validity = c.validity;
  if (c.dtype.kind === "date32") {
    const days = c.values as Int32Array;
    const out = new Int32Array(n);
    const qd = freq.nanos / 86_400e9;
    if (!calendar && !(Number.isInteger(qd) && qd >= 1)) {
      throw new DuskError("TYPE_MISMATCH", `${where}: date32 values round to whole days or longer`);
    }
    for (let i = 0; i < n; i++) {
      if (!isValid(validity, i)) continue;
      const d = days[i];
      let v: number;
      if (calendar) v = calendarFloor(d, freq);
      else {
        const r = floorMod(d, qd), down = d - r;
        v = down + qd * roundUp(mode, r, qd, 0, 1, isEven(down / qd));
      }
      if (v > 2147483647 || v < -2147483648) throw new DuskError("INT_OVERFLOW", `${where}: the result at row ${i} is outside the range of date32`, { row: i });
      out[i] = v;
    }
    return { layout: "primitive", dtype: c.dtype, length: n, values: out, validity } satisfies PrimitiveColumn;
  }
  if (c.dtype.kind !== "timestamp") throw typeError(c, where);
  const ups = UNITS_PER_SECOND[c.dtype.unit];
  const unitNanos = 1e9 / ups;
  const values = new BigInt64Array(n);
  const out = int64Words(values);
  const r = new InstantReader(int64Words(c.values as BigInt64Array), ups, where);
  const zone = zoneOf(c.dtype.tz);
  const wholeSeconds = freq.nanos >= 1e9 ? freq.nanos / 1e9 : 0;
  const subUnits = !calendar && wholeSeconds === 0 ? freq.nanos / unitNanos : 0; // frequency in units, below a second
  if (!calendar && wholeSeconds === 0 && subUnits <= 1) {
    if (Number.isInteger(unitNanos / freq.nanos)) return c; // finer than the unit: every value is a multiple already
  }
  if (!calendar && wholeSeconds === 0 && !Number.isInteger(subUnits)) {
    throw new DuskError("TYPE_MISMATCH", `${where}: the frequency is not a whole number of ${c.dtype.unit}; cast to a finer unit first`);
  }
  for (let i = 0; i < n; i++) {
    if (!isValid(validity, i)) continue;
    r.read(i);
    const off = zone === null ? 0 : zone.offset(r.secs);
    const local = r.secs + off;
    let secs: number, frac: number;
    if (calendar) {
      secs = calendarFloor(Math.floor(local / 86400), freq) * 86400;
      frac = 0;
    } else if (wholeSeconds > 0) {
      const rem = floorMod(local, wholeSeconds), down = local - rem;
      secs = down + wholeSeconds * roundUp(mode, rem, wholeSeconds, r.frac, ups, isEven(down / wholeSeconds));
      frac = 0;
    } else {
      const rem = r.frac % subUnits, down = r.frac - rem;
      // parity of the lower multiple counted from the epoch: local * (ups / subUnits) + down / subUnits
      const perSecond = ups / subUnits;
      const even = isEven(floorMod(local, 2) * floorMod(perSecond, 2) + down / subUnits);
      frac = down + subUnits * roundUp(mode, rem, subUnits, 0, 1, even);
      secs = local;
      if (frac >= ups) { secs += 1; frac -= ups; }
    }
    const utc = zone === null ? secs : zone.utcOf(secs, off);
    if (!writeInstant(out, i, utc, frac, ups)) {
      throw new DuskError("INT_OVERFLOW", `${where}: the result at row ${i} is outside the range of ${formatDType(c.dtype)}`, { row: i });
    }
  }
  for (let i = 0; i < n; i++) if (!isValid(validity, i)) { out[2 * i] = 0; out[2 * i + 1] = 0; }
  return { layout: "primitive", dtype: c.dtype, length: n, values, validity } satisfies PrimitiveColumn;
}
