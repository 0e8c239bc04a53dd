/**
 * UTC offsets of an IANA time zone per instant, from the platform's time zone data
 * (`Intl.DateTimeFormat`), cached per range of UTC time (a bucket of {@link BUCKET} seconds, 6
 * hours): a range whose start and end have the same offset is stored as that offset; a range
 * holding a transition (a daylight-saving change) stores the exact second of the change, found by
 * bisection. So a column costs two `Intl` calls per distinct range (plus ~15 per transition), and a
 * lookup per row is a Map read (none while rows stay in one range). This assumes at most one
 * offset change within 6 hours, which holds for every zone of the tz database.
 *
 * Instants before year 1 or after year 9999 use the offset at that bound.
 *
 * @example
 * ```ts
 * const berlin = tzOffsets("Europe/Berlin");
 * berlin.offset(Date.UTC(2024, 2, 31, 0, 59, 59) / 1000); // 3600 (CET)
 * berlin.offset(Date.UTC(2024, 2, 31, 1, 0, 0) / 1000);   // 7200 (CEST)
 * ```
 */
import { DuskError } from "@dusk/core";
import { daysFromCivil } from "../civil.js";

const MIN_SECS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_SECS = 253402300799; // 9999-12-31T23:59:59Z
/** Seconds per cached range. */
export const BUCKET = 6 * 3600;

/** The offsets of one zone; get one through {@link tzOffsets} (instances are shared per zone). */
export class TzOffsets {
  private readonly fmt: Intl.DateTimeFormat;
  /** range index → offset in seconds, or NaN when a transition falls inside that range. */
  private readonly hours = new Map<number, number>();
  /** range index → [transition second, offset before, offset after]. */
  private readonly changes = new Map<number, readonly [number, number, number]>();
  private lastHour = NaN;
  private lastOffset = 0;

  constructor(readonly zone: string) {
    try {
      this.fmt = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric",
      });
    } catch {
      throw new DuskError("INVALID_ARGUMENT",
        `unknown time zone "${zone}"; use an IANA zone name such as "UTC", "Europe/Berlin" or "America/New_York"`, { tz: zone });
    }
  }

  /** The zone's UTC offset, in seconds, at `secs` seconds since the epoch (local = UTC + offset). */
  offset(secs: number): number {
    const h = Math.floor(secs / BUCKET);
    if (h === this.lastHour) return this.lastOffset;
    let o = this.hours.get(h);
    if (o === undefined) o = this.fillHour(h);
    if (o === o) { // not NaN: the whole range has one offset
      this.lastHour = h;
      this.lastOffset = o;
      return o;
    }
    const [at, before, after] = this.changes.get(h)!;
    return secs < at ? before : after;
  }

  /**
   * The instant (seconds since the epoch) of local time `local` (seconds since the epoch of the
   * local wall clock). Where the wall clock repeats (a fall-back hour), the instant with offset
   * `prefer` is taken when it is one of the two, else the other one's; a wall time inside a gap
   * (spring-forward) moves forward by the length of the gap.
   */
  utcOf(local: number, prefer: number): number {
    const a = local - prefer;
    if (this.offset(a) === prefer) return a;
    const o1 = this.offset(a);
    const b = local - o1;
    const o2 = this.offset(b);
    if (o2 === o1) return b;
    return Math.max(a, b);
  }

  private fillHour(h: number): number {
    const start = h * BUCKET, end = start + BUCKET - 1;
    const o0 = this.exact(start), o1 = this.exact(end);
    if (o0 === o1) {
      this.hours.set(h, o0);
      return o0;
    }
    let lo = start, hi = end; // offset(lo) = o0, offset(hi) = o1
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.exact(mid) === o0) lo = mid; else hi = mid;
    }
    this.changes.set(h, [hi, o0, o1]);
    this.hours.set(h, NaN);
    return NaN;
  }

  /** The offset at one instant, asked of Intl. */
  private exact(secs: number): number {
    const s = Math.min(Math.max(secs, MIN_SECS), MAX_SECS);
    let y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0;
    for (const p of this.fmt.formatToParts(new Date(s * 1000))) {
      switch (p.type) {
        case "year": y = +p.value; break;
        case "month": mo = +p.value; break;
        case "day": d = +p.value; break;
        case "hour": hh = +p.value; break;
        case "minute": mi = +p.value; break;
        case "second": ss = +p.value; break;
        default: break;
      }
    }
    return daysFromCivil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - s;
  }
}

const ZONES = new Map<string, TzOffsets>();

/**
 * The shared offset resolver of a zone (kept for the life of the thread). Throws INVALID_ARGUMENT
 * for a zone name the platform does not know.
 *
 * @example
 * ```ts
 * tzOffsets("America/New_York").offset(0); // -18000
 * ```
 */
export function tzOffsets(zone: string): TzOffsets {
  let z = ZONES.get(zone);
  if (z === undefined) {
    z = new TzOffsets(zone);
    ZONES.set(zone, z);
  }
  return z;
}

/**
 * The resolver for a timestamp's zone; null for naive timestamps and for UTC (offset always 0).
 *
 * @example
 * ```ts
 * zoneOf(null); zoneOf("UTC");  // null, null
 * zoneOf("+05:30")!.offset(0);   // 19800
 * zoneOf("Asia/Kolkata")!.offset(0); // 19800
 * ```
 */
export function zoneOf(tz: string | null): ZoneOffsets | null {
  if (tz === null) return null;
  const u = tz.toUpperCase();
  if (u === "UTC" || u === "Z" || u === "ETC/UTC" || u === "GMT") return null;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
  if (fixed) {
    const off = (fixed[1] === "-" ? -1 : 1) * (+fixed[2] * 3600 + +fixed[3] * 60);
    return off === 0 ? null : new FixedOffset(off);
  }
  return tzOffsets(tz);
}

/** What the kernels need of a zone: its offset per instant and the instant of a wall time. */
export interface ZoneOffsets {
  offset(secs: number): number;
  utcOf(local: number, prefer: number): number;
}

/** A fixed-offset zone (`+05:30`, as Arrow and pandas write them), which Intl does not take. */
class FixedOffset implements ZoneOffsets {
  constructor(private readonly seconds: number) {}
  offset(): number { return this.seconds; }
  utcOf(local: number): number { return local - this.seconds; }
}
