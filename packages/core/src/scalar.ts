/**
 * How a JS value is held as a value of a dtype (the "scalar representation" every package uses):
 * number for 8–32-bit integers, floats and date32 (days since the epoch); bigint for int64, uint64
 * and timestamps (in the timestamp's unit); string for utf8; boolean for bool; null for missing.
 *
 * @example
 * ```ts
 * convertScalar(new Date("1994-01-01"), dtypes.date32); // 8766
 * convertScalar(300, dtypes.int8);                       // undefined: does not fit
 * ```
 */
import { intRange, type DType, type IntKind, type TimeUnit } from "./dtypes.js";

export type ScalarValue = boolean | number | bigint | string | null;
/** A JS value as users give it; Dates are accepted for date32 and timestamp. */
export type InputValue = boolean | number | bigint | string | Date | null | undefined;

export const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch as a count of `unit`; undefined when it is not exact. */
export function timestampFromMillis(ms: number, unit: TimeUnit): bigint | undefined {
  if (!Number.isInteger(ms)) return undefined;
  const b = BigInt(ms);
  switch (unit) {
    case "s": return b % 1000n === 0n ? b / 1000n : undefined;
    case "ms": return b;
    case "us": return b * 1000n;
    case "ns": return b * 1_000_000n;
  }
}

/** Parses `YYYY-MM-DD` to days since the epoch; undefined when malformed or not a real date. */
export function parseIsoDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s.trim()) return undefined;
  return ms / MS_PER_DAY;
}

/** Parses an ISO 8601 date-time (`T` or space, optional fraction and zone; UTC when none) to ms. */
export function parseIsoDateTime(s: string): number | undefined {
  const t = s.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (!m) return undefined;
  const day = parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === undefined) return undefined;
  const h = +(m[4] ?? 0), mi = +(m[5] ?? 0), sec = +(m[6] ?? 0);
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const frac = m[7] ? +m[7].padEnd(3, "0") : 0;
  let ms = day * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
  if (m[8] && m[8] !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(m[8])!;
    ms -= (z[1] === "-" ? -1 : 1) * (+z[2] * 60 + +z[3]) * 60_000;
  }
  return ms;
}

/**
 * `v` as a value of `dtype`, or undefined when it cannot be held exactly (wrong kind, out of range,
 * fractional for an integer, ...). null, undefined and NaN become null: NaN given as input means
 * "missing", as in pandas.
 */
export function convertScalar(v: InputValue, dtype: DType): ScalarValue | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" && Number.isNaN(v)) return null;
  switch (dtype.kind) {
    case "bool":
      return typeof v === "boolean" ? v : undefined;
    case "float32": case "float64":
      if (typeof v === "number") return v;
      if (typeof v === "bigint") { const n = Number(v); return BigInt(n) === v ? n : undefined; }
      return undefined;
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
    case "int64": case "uint64": {
      let b: bigint;
      if (typeof v === "number") { if (!Number.isInteger(v)) return undefined; b = BigInt(v); }
      else if (typeof v === "bigint") b = v;
      else return undefined;
      const [lo, hi] = intRange(dtype.kind as IntKind);
      if (b < lo || b > hi) return undefined;
      return dtype.kind === "int64" || dtype.kind === "uint64" ? b : Number(b);
    }
    case "utf8":
      return typeof v === "string" ? v : undefined;
    case "date32": {
      if (v instanceof Date) {
        const ms = v.getTime();
        return Number.isNaN(ms) || ms % MS_PER_DAY !== 0 ? undefined : ms / MS_PER_DAY;
      }
      if (typeof v === "string") return parseIsoDate(v);
      return undefined;
    }
    case "timestamp": {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : timestampFromMillis(v.getTime(), dtype.unit);
      if (typeof v === "string") { const ms = parseIsoDateTime(v); return ms === undefined ? undefined : timestampFromMillis(ms, dtype.unit); }
      return undefined;
    }
  }
}

/** A value as text for messages: strings quoted, bigints with n, Dates in ISO form. */
export function describeValue(v: InputValue): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  return String(v);
}
