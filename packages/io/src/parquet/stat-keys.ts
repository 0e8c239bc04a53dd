/**
 * Statistics values and filter values of one column brought to a common, exactly comparable form
 * (a "key"), and their comparison. Keys are numbers or bigints (compared exactly, also mixed:
 * JavaScript compares a bigint with a number by their mathematical values) or strings (compared by
 * code point, which is the UTF-8 byte order Parquet statistics use — not JavaScript's UTF-16 order).
 * bool becomes 0/1, date32 bigint milliseconds, timestamps bigint nanoseconds (so a Date compares
 * exactly with any unit). A value that cannot be compared with the column gives no key, and the
 * caller must then assume a match.
 *
 * @example
 * ```ts
 * compareKeys(statKey(5n, dtypes.int64), filterKey(5.5, dtypes.int64)!); // -1
 * compareKeys("\u{1F642}", "\uFFFD");                                     // 1 (code point order)
 * ```
 */
import type { DType, TimeUnit } from "@dusk/core";
import type { FilterValue } from "./filters.js";
import type { StatValue } from "./metadata-types.js";

/** A comparable form of a value. */
export type Key = number | bigint | string;

const MS_PER_DAY = 86_400_000n;
const NS_PER: Record<TimeUnit, bigint> = { s: 1_000_000_000n, ms: 1_000_000n, us: 1000n, ns: 1n };

/**
 * The key of a statistics value of a column of `dtype`.
 *
 * @example
 * ```ts
 * statKey(3, dtypes.date32);                       // 259200000n (ms)
 * statKey(2n, dtypes.timestamp("s", null));        // 2000000000n (ns)
 * ```
 */
export function statKey(v: StatValue, dtype: DType): Key {
  switch (dtype.kind) {
    case "bool":
      return v === true ? 1 : 0;
    case "date32":
      return BigInt(v as number) * MS_PER_DAY;
    case "timestamp":
      return (v as bigint) * NS_PER[dtype.unit];
    default:
      return v as number | bigint | string;
  }
}

/**
 * The key of a non-null filter value compared with a column of `dtype`, or undefined when the two
 * cannot be compared exactly (a string with a number column, an invalid Date, ...).
 *
 * @example
 * ```ts
 * filterKey(new Date(0), dtypes.date32);  // 0n
 * filterKey("x", dtypes.int32);           // undefined
 * ```
 */
export function filterKey(v: Exclude<FilterValue, null>, dtype: DType): Key | undefined {
  switch (dtype.kind) {
    case "bool":
      return typeof v === "boolean" ? (v ? 1 : 0) : undefined;
    case "utf8":
      return typeof v === "string" ? v : undefined;
    case "date32":
      if (v instanceof Date) return timeOf(v);
      if (typeof v === "bigint") return v * MS_PER_DAY;
      return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) * MS_PER_DAY : undefined;
    case "timestamp": {
      const t = v instanceof Date ? timeOf(v) : undefined;
      if (t !== undefined) return t * NS_PER.ms;
      if (typeof v === "bigint") return v * NS_PER[dtype.unit];
      return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) * NS_PER[dtype.unit] : undefined;
    }
    default:
      return typeof v === "number" || typeof v === "bigint" ? v : undefined;
  }
}

const timeOf = (d: Date): bigint | undefined => {
  const ms = d.getTime();
  return Number.isFinite(ms) ? BigInt(ms) : undefined;
};

/**
 * -1, 0 or 1 as `a` is below, equal to or above `b`; undefined when they are unordered (NaN) or of
 * different kinds (a string and a number).
 *
 * @example
 * ```ts
 * compareKeys(2n ** 60n, 2 ** 60); // 0
 * compareKeys(NaN, 1);             // undefined
 * ```
 */
export function compareKeys(a: Key, b: Key): -1 | 0 | 1 | undefined {
  if (typeof a === "string" || typeof b === "string") {
    return typeof a === "string" && typeof b === "string" ? compareCodePoints(a, b) : undefined;
  }
  if (a < b) return -1;
  if (a > b) return 1;
  // loose equality compares a bigint with a number exactly
  return a == b ? 0 : undefined;
}

/** Strings in code point order (= UTF-8 byte order): UTF-16 order with surrogates moved above U+E000..U+FFFF. */
function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
