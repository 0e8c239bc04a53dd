/**
 * A small seeded PRNG (mulberry32) for reproducible random test data (tests never use Math.random),
 * and random columns of every dtype built from it.
 *
 * @example
 * ```ts
 * const rng = seeded(42);
 * rng.next();      // float in [0, 1)
 * rng.int(10);     // integer in [0, 10)
 * rng.chance(0.2); // true 20 % of the time
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import {
  allocValues, dictEncode, utf8FromStrings,
  type Column, type DictColumn, type PrimitiveColumn, type PrimitiveDType, type ScalarValue, type Utf8Column,
} from "@dusk/kernels";

export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(xs: readonly T[]): T;
  /** A uniformly random 64-bit pattern as a signed bigint. */
  int64(): bigint;
}

export function seeded(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (xs) => xs[int(xs.length)],
    int64: () => BigInt.asIntN(64, (BigInt(int(4294967296)) << 32n) | BigInt(int(4294967296))),
  };
}

// ---- random columns ---------------------------------------------------------------------------


/** Every dtype the kernels take. */
export const ALL_DTYPES: readonly DType[] = [
  dtypes.bool, dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64,
  dtypes.uint8, dtypes.uint16, dtypes.uint32, dtypes.uint64,
  dtypes.float32, dtypes.float64, dtypes.utf8, dtypes.date32, dtypes.timestamp("us", "UTC"),
];

const STRING_POOL = ["", "a", "a\u0000", "ab", "abc", "b", "B", "é", "z", "zz", "\uffff", "😀", "abcdefgh", "abcdefghi", "abcdefgi", "long string ".repeat(5)];

/** Special values mixed into random pools, by dtype. */
function specials(t: DType): ScalarValue[] {
  switch (t.kind) {
    case "int8": return [-128, 127, 0, -1];
    case "int16": return [-32768, 32767, 0, -1];
    case "int32": case "date32": return [-2147483648, 2147483647, 0, -1];
    case "uint8": return [0, 255];
    case "uint16": return [0, 65535];
    case "uint32": return [0, 4294967295, 2147483648];
    case "int64": case "timestamp": return [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 32n, -(2n ** 32n), 2n ** 31n];
    case "uint64": return [0n, 2n ** 64n - 1n, 2n ** 63n, 2n ** 32n - 1n];
    case "float32": case "float64": return [0, -0, NaN, Infinity, -Infinity, 0.5, -0.5, t.kind === "float64" ? 1e-300 : 1e-30];
    case "bool": return [true, false];
    case "utf8": return STRING_POOL;
  }
}

/** One random non-null value of a dtype. `small` keeps integers and floats small (sums stay in range). */
export function randomValue(rng: Rng, t: DType, small = false): ScalarValue {
  switch (t.kind) {
    case "bool": return rng.chance(0.5);
    case "int8": return small ? rng.range(-20, 20) : rng.range(-128, 127);
    case "int16": return small ? rng.range(-1000, 1000) : rng.range(-32768, 32767);
    case "int32": case "date32": return small ? rng.range(-1e6, 1e6) : rng.range(-2147483648, 2147483647);
    case "uint8": return rng.range(0, 255);
    case "uint16": return rng.range(0, 65535);
    case "uint32": return small ? rng.range(0, 1e6) : rng.range(0, 4294967295);
    case "int64": case "timestamp": return small ? BigInt(rng.range(-1e9, 1e9)) * BigInt(rng.range(1, 1000)) : rng.int64();
    case "uint64": return small ? BigInt(rng.range(0, 1e9)) * BigInt(rng.range(1, 1000)) : BigInt.asUintN(64, rng.int64());
    case "float32": return Math.fround((rng.next() - 0.5) * (small ? 1000 : 1e6));
    case "float64": return (rng.next() - 0.5) * (small ? 1000 : 1e6);
    case "utf8": {
      if (rng.chance(0.3)) return rng.pick(STRING_POOL);
      let s = "";
      const len = rng.int(12);
      for (let i = 0; i < len; i++) s += String.fromCharCode(97 + rng.int(4));
      return s;
    }
  }
}

export interface RandomColumnOptions {
  /** Rows. */
  readonly length: number;
  /** Fraction of null rows. Default 0.2. */
  readonly nullFraction?: number;
  /** Distinct non-null values to draw from (drawn first, specials included). Default: unbounded. */
  readonly distinct?: number;
  /** Fraction of rows holding the first pool value (a skewed key). Default 0. */
  readonly skew?: number;
  /** Include special values (extremes, NaN, -0, ...). Default true. */
  readonly specials?: boolean;
  /** Small magnitudes (for sums that must stay in range). Default false. */
  readonly small?: boolean;
  /** utf8 layout: "utf8", "dict", or "dict-dup" (dictionary with repeated entries). Default "utf8". */
  readonly layout?: "utf8" | "dict" | "dict-dup";
}

/** A random column of `t` and the JS values it holds (null for nulls, NaN kept as NaN). */
export function randomColumn(rng: Rng, t: DType, o: RandomColumnOptions): { column: Column; values: ScalarValue[] } {
  const n = o.length;
  const nullFraction = o.nullFraction ?? 0.2;
  const withSpecials = o.specials ?? true;
  let pool: ScalarValue[] | null = null;
  if (o.distinct !== undefined) {
    pool = [];
    if (withSpecials && !o.small) pool.push(...specials(t));
    else if (withSpecials && (t.kind === "float32" || t.kind === "float64")) pool.push(0, -0, NaN);
    while (pool.length < o.distinct) pool.push(randomValue(rng, t, o.small));
    pool.length = o.distinct;
  }
  const values: ScalarValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (rng.chance(nullFraction)) { values[i] = null; continue; }
    if (pool !== null) values[i] = o.skew !== undefined && rng.chance(o.skew) ? pool[0] : rng.pick(pool);
    else if (withSpecials && rng.chance(0.05)) {
      const sp = o.small ? (t.kind === "float32" || t.kind === "float64" ? [0, -0, NaN] : [randomValue(rng, t, true)]) : specials(t);
      values[i] = rng.pick(sp);
    } else values[i] = randomValue(rng, t, o.small);
  }
  return { column: makeColumn(t, values, o.layout ?? "utf8", rng), values };
}

/** A column holding exactly `values` (NaN stored as NaN, not null). */
export function makeColumn(t: DType, values: readonly ScalarValue[], layout: "utf8" | "dict" | "dict-dup" = "utf8", rng?: Rng): Column {
  const n = values.length;
  let validity: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (values[i] === null) {
      if (validity === null) validity = new Uint8Array((n + 7) >> 3).fill(0xff);
      validity[i >> 3] &= ~(1 << (i & 7));
    }
  }
  if (validity !== null && (n & 7) !== 0) validity[validity.length - 1] &= (1 << (n & 7)) - 1;
  if (t.kind === "bool") {
    const v = new Uint8Array(n);
    for (let i = 0; i < n; i++) v[i] = values[i] === true ? 1 : 0;
    return { layout: "bool", dtype: dtypes.bool, length: n, values: v, validity };
  }
  if (t.kind === "utf8") {
    const plain = utf8FromStrings(values as (string | null)[]);
    if (layout === "utf8") return plain;
    const d = dictEncode(plain);
    if (layout === "dict" || rng === undefined) return d;
    return duplicateDictionary(d, rng);
  }
  const out = allocValues(t as PrimitiveDType, n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null) (out as unknown as Record<number, number | bigint>)[i] = v as number | bigint;
  }
  return { layout: "primitive", dtype: t as PrimitiveDType, length: n, values: out, validity } satisfies PrimitiveColumn;
}

/** The same strings, with every dictionary entry present twice and rows spread over both copies. */
function duplicateDictionary(d: DictColumn, rng: Rng): DictColumn {
  const m = d.dictionary.length;
  const strings: string[] = [];
  for (let k = 0; k < m; k++) strings.push(new TextDecoder().decode(d.dictionary.data.subarray(d.dictionary.offsets[k], d.dictionary.offsets[k + 1])));
  const dictionary = utf8FromStrings([...strings, ...strings]) as Utf8Column;
  const codes = new Int32Array(d.length);
  for (let i = 0; i < d.length; i++) codes[i] = d.codes[i] + (rng.chance(0.5) ? m : 0);
  return { ...d, codes, dictionary };
}
