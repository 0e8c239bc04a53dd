/**
 * The vocabulary of datetime operations shared by plan (checking user calls) and kernels (running
 * them): frequencies (`"15min"`, `"1D"`, `"1M"`), durations (`"5min"`, `"1h30min"`) and the
 * strftime directives Dusk formats.
 *
 * @example
 * ```ts
 * parseFrequency("15min");       // { n: 15, unit: "min", nanos: 900_000_000_000 }
 * parseFrequency("1M").unit;     // "M" (calendar month: floor only)
 * parseDuration("1h30min").nanos; // 5_400_000_000_000n
 * ```
 */
import { DuskError } from "./errors.js";
import type { TimeUnit } from "./dtypes.js";

/** Units of a frequency: fixed sizes (ns … W) and calendar ones (M, Y), which only floor supports. */
export type FreqUnit = "ns" | "us" | "ms" | "s" | "min" | "h" | "D" | "W" | "M" | "Y";

/** A parsed frequency: `n` units; `nanos` is its fixed size in nanoseconds (0 for M and Y). */
export interface Frequency { readonly n: number; readonly unit: FreqUnit; readonly nanos: number }

const FIXED_NANOS: Readonly<Record<Exclude<FreqUnit, "M" | "Y">, number>> = {
  ns: 1, us: 1e3, ms: 1e6, s: 1e9, min: 6e10, h: 3.6e12, D: 8.64e13, W: 6.048e14,
};

/** Unit spellings accepted (pandas aliases included), mapped to the canonical unit and a factor. */
const FREQ_ALIASES: Readonly<Record<string, readonly [FreqUnit, number]>> = {
  ns: ["ns", 1], N: ["ns", 1], us: ["us", 1], "µs": ["us", 1], U: ["us", 1], ms: ["ms", 1], L: ["ms", 1],
  s: ["s", 1], S: ["s", 1], min: ["min", 1], T: ["min", 1], h: ["h", 1], H: ["h", 1],
  D: ["D", 1], d: ["D", 1], W: ["W", 1], w: ["W", 1],
  M: ["M", 1], MS: ["M", 1], Q: ["M", 3], QS: ["M", 3], Y: ["Y", 1], YS: ["Y", 1], A: ["Y", 1], AS: ["Y", 1],
};

/** Nanoseconds per unit of a timestamp. @example `NANOS_PER_UNIT.ms // 1_000_000` */
export const NANOS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { s: 1e9, ms: 1e6, us: 1e3, ns: 1 };

/**
 * Reads a frequency: an optional positive count and a unit, `"15min"`, `"1h"`, `"D"`, `"1W"`,
 * `"1M"` (month start), `"3M"` / `"Q"` (quarter start), `"1Y"`. Throws INVALID_ARGUMENT naming
 * `where` for anything else.
 *
 * @example
 * ```ts
 * parseFrequency("1h", "dt.floor").nanos; // 3_600_000_000_000
 * ```
 */
export function parseFrequency(freq: string, where = "frequency"): Frequency {
  const m = /^\s*(\d+)?\s*([A-Za-zµ]+)\s*$/.exec(String(freq));
  const alias = m ? FREQ_ALIASES[m[2]] : undefined;
  const count = m && m[1] !== undefined ? Number(m[1]) : 1;
  if (!m || !alias || !(count >= 1) || !Number.isSafeInteger(count)) {
    throw new DuskError("INVALID_ARGUMENT",
      `${where}: unknown frequency ${JSON.stringify(freq)}; use a count and a unit: ns, us, ms, s, min, h, D, W, M (month), Q (quarter) or Y, e.g. "15min", "1h", "1D"`,
      { freq });
  }
  const [unit, factor] = alias;
  const n = count * factor;
  const nanos = unit === "M" || unit === "Y" ? 0 : n * FIXED_NANOS[unit];
  if (!Number.isSafeInteger(nanos)) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: frequency ${JSON.stringify(freq)} is too large`, { freq });
  }
  return Object.freeze({ n, unit, nanos });
}

/** Canonical text of a frequency: `15min`, `1D`, `3M`. @example `formatFrequency(parseFrequency("Q")) // "3M"` */
export const formatFrequency = (f: Frequency): string => `${f.n}${f.unit}`;

const DURATION_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1_000n, "µs": 1_000n, ms: 1_000_000n, s: 1_000_000_000n, sec: 1_000_000_000n,
  min: 60_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, hr: 3_600_000_000_000n,
  D: 86_400_000_000_000n, d: 86_400_000_000_000n, day: 86_400_000_000_000n, days: 86_400_000_000_000n,
  W: 604_800_000_000_000n, w: 604_800_000_000_000n,
};

/**
 * A fixed length of time, exact to the nanosecond (no months or years: they have no fixed length).
 * Add it to or subtract it from timestamps and dates.
 *
 * @example
 * ```ts
 * new Duration(90n * 60_000_000_000n).toString(); // "1h30min"
 * ```
 */
export class Duration {
  constructor(readonly nanos: bigint) { Object.freeze(this); }

  /** The duration as a whole count of `unit`, or undefined when it is not one. */
  in(unit: TimeUnit): bigint | undefined {
    const per = BigInt(NANOS_PER_UNIT[unit]);
    return this.nanos % per === 0n ? this.nanos / per : undefined;
  }

  /** The coarsest of s, ms, us, ns that holds the duration exactly. */
  get unit(): TimeUnit {
    for (const u of ["s", "ms", "us"] as const) if (this.in(u) !== undefined) return u;
    return "ns";
  }

  /** Text form: `1h30min`, `-5s`, `250ms`, `0s`. */
  toString(): string {
    if (this.nanos === 0n) return "0s";
    let rest = this.nanos < 0n ? -this.nanos : this.nanos;
    let text = this.nanos < 0n ? "-" : "";
    for (const [u, per] of [["D", 86_400_000_000_000n], ["h", 3_600_000_000_000n], ["min", 60_000_000_000n], ["s", 1_000_000_000n],
      ["ms", 1_000_000n], ["us", 1_000n], ["ns", 1n]] as const) {
      if (rest >= per) { text += `${rest / per}${u}`; rest %= per; }
    }
    return text;
  }
}

/**
 * Reads a duration: one or more `<number><unit>` parts, `"5min"`, `"1h30min"`, `"-2D"`, `"1.5s"`,
 * with units ns, us, ms, s, min, h, D, W. The total must be a whole number of nanoseconds.
 *
 * @example
 * ```ts
 * parseDuration("1.5s").nanos; // 1_500_000_000n
 * ```
 */
export function parseDuration(text: string, where = "duration"): Duration {
  const s = String(text).trim();
  const bad = (): DuskError => new DuskError("INVALID_ARGUMENT",
    `${where}: cannot read duration ${JSON.stringify(text)}; write a number and a unit (ns, us, ms, s, min, h, D, W), e.g. "5min", "1h30min", "-2D"`,
    { duration: text });
  const m = /^([+-])?\s*((?:\d+(?:\.\d+)?\s*[A-Za-zµ]+\s*)+)$/.exec(s);
  if (!m) throw bad();
  let total = 0n;
  for (const part of m[2].matchAll(/(\d+)(?:\.(\d+))?\s*([A-Za-zµ]+)/g)) {
    const per = DURATION_UNITS[part[3]];
    if (per === undefined) throw bad();
    const frac = part[2] ?? "";
    const scaled = BigInt(part[1] + frac) * per;
    const div = 10n ** BigInt(frac.length);
    if (scaled % div !== 0n) throw bad();
    total += scaled / div;
  }
  return new Duration(m[1] === "-" ? -total : total);
}

/** The strftime directives Dusk formats (after `%`). @example `STRFTIME_DIRECTIVES.includes("j") // true` */
export const STRFTIME_DIRECTIVES = "YmdHMSfjaAbByzZIpuwFTe%";

/**
 * Checks a strftime format; returns a reason it cannot be used, or null.
 *
 * @example
 * ```ts
 * strftimeProblem("%Y-%m");  // null
 * strftimeProblem("%Q");     // "unsupported directive %Q; ..."
 * ```
 */
export function strftimeProblem(format: string): string | null {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") continue;
    const c = format[i + 1];
    if (c === undefined) return "the format ends with a lone %; write %% for a percent sign";
    if (!STRFTIME_DIRECTIVES.includes(c)) {
      return `unsupported directive %${c}; supported: ${[...STRFTIME_DIRECTIVES].map((d) => `%${d}`).join(" ")}`;
    }
    i++;
  }
  return null;
}
