/**
 * Plain-JS reference formatting for the cast and format tests, independent of the kernels' code:
 * dates through JS Date (shifted by whole 400-year cycles to reach every date32), integers through
 * BigInt.
 */
import type { DType, TimeUnit } from "@dusk/core";
import type { ScalarValue } from "@dusk/kernels";

const DAYS_PER_400_YEARS = 146097;
const UPS: Record<TimeUnit, bigint> = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };
const DIGITS: Record<TimeUnit, number> = { s: 0, ms: 3, us: 6, ns: 9 };

export const floorDiv = (a: bigint, b: bigint): bigint => (a % b === 0n || a >= 0n ? a / b : a / b - 1n);

/** [year, month, day] of a day number, for any integer day. */
export function civil(days: number): [number, number, number] {
  let shift = 0;
  let d = days;
  const limit = 90_000_000;
  if (d > limit || d < -limit) {
    shift = Math.trunc(d / DAYS_PER_400_YEARS);
    d -= shift * DAYS_PER_400_YEARS;
  }
  const date = new Date(d * 86400000);
  return [date.getUTCFullYear() + shift * 400, date.getUTCMonth() + 1, date.getUTCDate()];
}

const pad = (n: number | bigint, w: number): string => String(n).padStart(w, "0");

export function refDate(days: number): string {
  const [y, m, d] = civil(days);
  const ys = y < 0 ? `-${pad(-y, 4)}` : y > 9999 ? `+${y}` : pad(y, 4);
  return `${ys}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function refTimestamp(v: bigint, unit: TimeUnit, tz: string | null): string {
  const secs = floorDiv(v, UPS[unit]);
  const frac = v - secs * UPS[unit];
  const days = floorDiv(secs, 86400n);
  const sod = Number(secs - days * 86400n);
  let s = `${refDate(Number(days))} ${pad(Math.floor(sod / 3600), 2)}:${pad(Math.floor(sod / 60) % 60, 2)}:${pad(sod % 60, 2)}`;
  if (frac !== 0n) s += `.${pad(frac, DIGITS[unit])}`;
  return tz === null ? s : s + "+00:00";
}

export function refFloat64(x: number): string {
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /^-?\d+$/.test(s) ? s + ".0" : s;
}

/** The text cast to utf8 must produce for a non-null value (float32 is checked by property instead). */
export function refText(v: ScalarValue, d: DType): string {
  switch (d.kind) {
    case "bool": return v ? "true" : "false";
    case "float64": case "float32": return refFloat64(v as number);
    case "date32": return refDate(v as number);
    case "timestamp": return refTimestamp(v as bigint, d.unit, d.tz);
    default: return String(v);
  }
}

/** True when `s` is the shortest decimal (≤ 9 significant digits) that reads back as float32 `x`. */
export function isShortestFloat32(s: string, x: number): boolean {
  if (Number.isNaN(x)) return s === "NaN";
  if (!Number.isFinite(x) || x === 0) return s === refFloat64(x);
  if (Math.fround(Number(s)) !== x) return false;
  const digits = s.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;
  for (let p = 1; p < digits; p++) if (Math.fround(Number(x.toPrecision(p))) === x) return false;
  return true;
}
