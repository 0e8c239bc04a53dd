/**
 * Integer fields of dates and timestamps (`dt.year()` … `dt.quarter()`), as int32 columns (the
 * dtype pandas gives): a timestamp with a time zone gives the fields of its local wall-clock time
 * in that zone; a naive or UTC one, of UTC. dayOfWeek counts Monday as 0 (pandas); dayOfYear and
 * quarter start at 1; microsecond is 0–999999 and nanosecond 0–999, as pandas. Nulls stay null.
 *
 * @example
 * ```ts
 * dtField(columnFromValues(dtypes.date32, ["2024-02-29", null]), "dayOfYear", "d.dt.dayOfYear()"); // [60, null]
 * ```
 */
import { DuskError, formatDType } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { CIVIL, civilFromDays, daysFromCivil } from "../civil.js";
import { isValid } from "../validity.js";
import { UNITS_PER_SECOND } from "../time-units.js";
import { dtypes } from "@dusk/core";
import { InstantReader, floorMod } from "./instant.js";
import { zoneOf } from "./tz-offsets.js";

export type DtFieldName =
  | "year" | "month" | "day" | "hour" | "minute" | "second" | "microsecond" | "nanosecond"
  | "dayOfWeek" | "dayOfYear" | "quarter";

const CODE: Readonly<Record<DtFieldName, number>> = {
  year: 0, month: 1, day: 2, hour: 3, minute: 4, second: 5, microsecond: 6, nanosecond: 7, dayOfWeek: 8, dayOfYear: 9, quarter: 10,
};

/** The civil date of the last day number asked for (rows in order mostly repeat days). */
let lastDays = NaN, lastY = 0, lastM = 0, lastD = 0;

/** The field `code` of day number `days` and second of day `sod` (fraction `frac` of `ups`). */
function fieldOf(code: number, days: number, sod: number, frac: number, ups: number): number {
  switch (code) {
    case 3: return Math.floor(sod / 3600);
    case 4: return Math.floor(sod / 60) % 60;
    case 5: return sod % 60;
    case 6: return ups >= 1_000_000 ? Math.floor(frac / (ups / 1_000_000)) : frac * (1_000_000 / ups);
    case 7: return ups === 1_000_000_000 ? frac % 1000 : 0;
    case 8: return floorMod(days + 3, 7); // 1970-01-01 was a Thursday (3)
    default: break;
  }
  if (days !== lastDays) {
    civilFromDays(days, CIVIL);
    lastDays = days; lastY = CIVIL[0]; lastM = CIVIL[1]; lastD = CIVIL[2];
  }
  switch (code) {
    case 0: return lastY;
    case 1: return lastM;
    case 2: return lastD;
    case 9: return days - daysFromCivil(lastY, 1, 1) + 1;
    default: return Math.floor((lastM - 1) / 3) + 1;
  }
}

/**
 * The field `field` of every value of a date32 or timestamp column, as int32.
 *
 * @param where names the expression in error messages.
 * @example
 * ```ts
 * dtField(tsColumn, "hour", "ts.dt.hour()"); // int32 hours, local for a tz-aware column
 * ```
 */
export function dtField(c: Column, field: DtFieldName, where: string): Column {
  if (c.layout !== "primitive" || (c.dtype.kind !== "date32" && c.dtype.kind !== "timestamp")) {
    throw new DuskError("TYPE_MISMATCH", `${where}: needs a date32 or timestamp column, got ${formatDType(c.dtype)}`);
  }
  const n = c.length, validity = c.validity, code = CODE[field];
  const out = new Int32Array(n);
  if (c.dtype.kind === "date32") {
    const days = c.values as Int32Array;
    for (let i = 0; i < n; i++) if (isValid(validity, i)) out[i] = fieldOf(code, days[i], 0, 0, 1);
  } else {
    const ups = UNITS_PER_SECOND[c.dtype.unit];
    const r = new InstantReader(int64Words(c.values as BigInt64Array), ups, where);
    const zone = zoneOf(c.dtype.tz);
    for (let i = 0; i < n; i++) {
      if (!isValid(validity, i)) continue;
      r.read(i);
      const local = zone === null ? r.secs : r.secs + zone.offset(r.secs);
      const days = Math.floor(local / 86400);
      const v = fieldOf(code, days, local - days * 86400, r.frac, ups);
      if (v > 2147483647 || v < -2147483648) {
        throw new DuskError("INT_OVERFLOW", `${where}: the ${field} of the value at row ${i} does not fit int32`, { row: i });
      }
      out[i] = v;
    }
  }
  return { layout: "primitive", dtype: dtypes.int32, length: n, values: out, validity } satisfies PrimitiveColumn;
}

/**
 * The calendar date of every value, as date32: for a timestamp with a time zone, the local date
 * in that zone (pandas' `dt.date` / `dt.normalize` day); a date32 column is returned as is.
 *
 * @example
 * ```ts
 * dtDate(tsColumn, "ts.dt.date()"); // date32
 * ```
 */
export function dtDate(c: Column, where: string): Column {
  if (c.layout !== "primitive" || (c.dtype.kind !== "date32" && c.dtype.kind !== "timestamp")) {
    throw new DuskError("TYPE_MISMATCH", `${where}: needs a date32 or timestamp column, got ${formatDType(c.dtype)}`);
  }
  if (c.dtype.kind === "date32") return c;
  const n = c.length, validity = c.validity;
  const out = new Int32Array(n);
  const r = new InstantReader(int64Words(c.values as BigInt64Array), UNITS_PER_SECOND[c.dtype.unit], where);
  const zone = zoneOf(c.dtype.tz);
  for (let i = 0; i < n; i++) {
    if (!isValid(validity, i)) continue;
    r.read(i);
    const days = Math.floor((zone === null ? r.secs : r.secs + zone.offset(r.secs)) / 86400);
    if (days > 2147483647 || days < -2147483648) {
      throw new DuskError("INT_OVERFLOW", `${where}: the value at row ${i} is outside the range of date32`, { row: i });
    }
    out[i] = days;
  }
  return { layout: "primitive", dtype: dtypes.date32, length: n, values: out, validity } satisfies PrimitiveColumn;
}
