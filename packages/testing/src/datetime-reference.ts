/**
 * Plain-JS references for datetime operations, for tests: BigInt arithmetic on the stored counts,
 * `Date` UTC getters for naive and UTC timestamps, `Intl.DateTimeFormat` for time zones. Written
 * independently of the kernels (no shared code), row at a time, slow and obvious.
 *
 * @example
 * ```ts
 * refParts(1_700_000_000_000n, "ms", "Europe/Berlin").hour; // 23
 * ```
 */

export type RefUnit = "s" | "ms" | "us" | "ns";
export const REF_UPS: Readonly<Record<RefUnit, bigint>> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };

/** Local wall-clock parts of an instant (counts of `unit` since the epoch) in zone `tz` (null: UTC). */
export interface RefParts {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  microsecond: number; nanosecond: number; dayOfWeek: number; dayOfYear: number; quarter: number;
  /** UTC offset in seconds. */
  offset: number;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const mod = (a: bigint, b: bigint): bigint => a - floorDiv(a, b) * b;

const FORMATS = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = FORMATS.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", era: "short", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    });
    FORMATS.set(tz, f);
  }
  return f;
}

/** A UTC Date for a civil date-time (years 0–99 included, which Date.UTC would shift). */
function utcDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s));
  date.setUTCFullYear(y, m - 1, d);
  return date;
}

/** The UTC offset of zone `tz` at `ms` milliseconds since the epoch, in seconds, asked of Intl. */
export function refOffset(ms: number, tz: string | null): number {
  if (tz === null || tz === "UTC") return 0;
  const secMs = Math.floor(ms / 1000) * 1000;
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(new Date(secMs))) p[part.type] = part.value;
  const y = p.era === "BC" || p.era === "B" ? 1 - +p.year : +p.year;
  const local = utcDate(y, +p.month, +p.day, +p.hour, +p.minute, +p.second).getTime();
  return (local - secMs) / 1000;
}

export function refParts(v: bigint, unit: RefUnit, tz: string | null): RefParts {
  const ups = REF_UPS[unit];
  const secs = floorDiv(v, ups);
  const frac = mod(v, ups);
  const offset = refOffset(Number(secs) * 1000, tz);
  const d = new Date((Number(secs) + offset) * 1000);
  const year = d.getUTCFullYear(), month = d.getUTCMonth() + 1, day = d.getUTCDate();
  const jan1 = utcDate(year, 1, 1).getTime();
  const midnight = utcDate(year, month, day).getTime();
  return {
    year, month, day, hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    microsecond: Number((frac * 1_000_000n) / ups), nanosecond: unit === "ns" ? Number(frac % 1000n) : 0,
    dayOfWeek: (d.getUTCDay() + 6) % 7, dayOfYear: (midnight - jan1) / 86_400_000 + 1, quarter: Math.ceil(month / 3),
    offset,
  };
}

/** Fields of a date32 (days since the epoch). */
export function refDateParts(days: number): RefParts {
  return refParts(BigInt(days) * 86400n, "s", null);
}

/** floor / ceil / round (ties to even) of `v` to a multiple of `q`, in BigInt. */
export function refRoundTo(v: bigint, q: bigint, mode: "floor" | "ceil" | "round"): bigint {
  const down = floorDiv(v, q) * q;
  const r = v - down;
  if (r === 0n || mode === "floor") return down;
  if (mode === "ceil") return down + q;
  if (2n * r < q) return down;
  if (2n * r > q) return down + q;
  return mod(down / q, 2n) === 0n ? down : down + q;
}

/**
 * Floor of an instant to a calendar period start in local time (W: Monday, M: month, Y: year;
 * D: day), then back to an instant: the local midnight's instant (zones tested have no midnight
 * gaps or repeats).
 */
export function refFloorCalendar(v: bigint, unit: RefUnit, tz: string | null, period: "D" | "W" | "M" | "Y"): bigint {
  const p = refParts(v, unit, tz);
  let start = utcDate(p.year, p.month, p.day);
  if (period === "W") start = new Date(start.getTime() - p.dayOfWeek * 86_400_000);
  if (period === "M") start = utcDate(p.year, p.month, 1);
  if (period === "Y") start = utcDate(p.year, 1, 1);
  const localMs = start.getTime();
  // try the offsets around: the one valid at (local - offset) is the answer
  for (const guess of [p.offset, refOffset(localMs - p.offset * 1000, tz), refOffset(localMs, tz)]) {
    const ms = localMs - guess * 1000;
    if (refOffset(ms, tz) === guess) return BigInt(ms / 1000) * REF_UPS[unit];
  }
  throw new Error(`no instant for local ${start.toISOString()} in ${tz}`);
}

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, w: number): string => (n < 0 ? `-${String(-n).padStart(w, "0")}` : String(n).padStart(w, "0"));

/** Python-style strftime of parts (tz: the zone name, null for naive). */
export function refStrftime(p: RefParts, format: string, tz: string | null): string {
  return format.replace(/%(.)/g, (_, c: string) => {
    switch (c) {
      case "Y": return pad(p.year, 4);
      case "y": return pad(((p.year % 100) + 100) % 100, 2);
      case "m": return pad(p.month, 2);
      case "d": return pad(p.day, 2);
      case "e": return String(p.day).padStart(2, " ");
      case "H": return pad(p.hour, 2);
      case "I": return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2);
      case "p": return p.hour < 12 ? "AM" : "PM";
      case "M": return pad(p.minute, 2);
      case "S": return pad(p.second, 2);
      case "f": return pad(p.microsecond, 6);
      case "j": return pad(p.dayOfYear, 3);
      case "a": return DAYS[p.dayOfWeek].slice(0, 3);
      case "A": return DAYS[p.dayOfWeek];
      case "b": return MONTHS[p.month - 1].slice(0, 3);
      case "B": return MONTHS[p.month - 1];
      case "u": return String(p.dayOfWeek + 1);
      case "w": return String((p.dayOfWeek + 1) % 7);
      case "z": {
        if (tz === null) return "";
        const a = Math.abs(p.offset);
        return `${p.offset < 0 ? "-" : "+"}${pad(Math.floor(a / 3600), 2)}${pad(Math.floor(a / 60) % 60, 2)}${a % 60 ? pad(a % 60, 2) : ""}`;
      }
      case "Z": return tz ?? "";
      case "F": return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
      case "T": return `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
      case "%": return "%";
      default: throw new Error(`refStrftime: %${c}`);
    }
  });
}
