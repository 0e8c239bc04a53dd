/**
 * Seeded random data for kernel tests: a small PRNG (mulberry32, never Math.random), value
 * generators per dtype that favour the edges (range limits, ±2^53, NaN, −0, empty strings,
 * multi-byte UTF-8), and a column builder that writes junk under null rows so kernels that read
 * values under nulls are caught.
 */
import { dtypes, intRange, type DType, type IntKind } from "@dusk/core";
import {
  allocValues, bitmapBytes, dictEncode, int64Words, utf8FromStrings,
  type Column, type DictColumn, type PrimitiveDType, type ScalarValue, type Utf8Column,
} from "@dusk/kernels";

export class Rng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0 || 0x9e3779b9; }
  /** A uniform uint32. */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, 1). */
  float(): number { return (this.u32() * 2 ** 21 + (this.u32() >>> 11)) / 2 ** 53; }
  /** Uniform integer in [lo, hi] (|lo|, |hi| ≤ 2^53). */
  int(lo: number, hi: number): number { return lo + Math.floor(this.float() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.float() < p; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(0, xs.length - 1)]; }
  /** Uniform bigint in [lo, hi]. */
  bigint(lo: bigint, hi: bigint): bigint {
    const span = hi - lo + 1n;
    let r = 0n;
    for (let k = 0; k < 3; k++) r = (r << 32n) | BigInt(this.u32());
    return lo + (r % span);
  }
}

export const INT_KINDS: readonly IntKind[] = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"];
export const NUMERIC_DTYPES: readonly DType[] = [...INT_KINDS.map((k) => dtypes[k]), dtypes.float32, dtypes.float64];
export const TIMESTAMPS: readonly DType[] = (["s", "ms", "us", "ns"] as const).map((u) => dtypes.timestamp(u));
export const ALL_DTYPES: readonly DType[] = [dtypes.bool, ...NUMERIC_DTYPES, dtypes.utf8, dtypes.date32, ...TIMESTAMPS];
export const LENGTHS = [0, 1, 7, 8, 9, 1000] as const;
export const SEEDS = [1, 2, 3] as const;

const STRINGS = ["", "a", "b", "ab", "abc", "B", "Z", "é", "e\u0301", "日本", "日本語", "😀", "a😀", "\u0000", "zz", "aa", "ab\u00ff", "\uffff", "x".repeat(20)];

/** Edge values of an integer dtype, as bigints. */
export function intEdges(kind: IntKind): bigint[] {
  const [lo, hi] = intRange(kind);
  const out = [lo, lo + 1n, hi, hi - 1n, 0n, 1n, hi / 2n, lo / 2n];
  if (lo < 0n) out.push(-1n);
  if (hi > 2n ** 53n) out.push(2n ** 53n, 2n ** 53n + 1n, 2n ** 53n - 1n, 2n ** 32n, 2n ** 32n - 1n, 2n ** 31n);
  if (lo < -(2n ** 53n)) out.push(-(2n ** 53n), -(2n ** 53n) - 1n, -(2n ** 32n), -(2n ** 31n) - 1n);
  return out;
}

/** Kinds of value mixes a generator can favour. */
export type Mix = "any" | "small" | "edge";

/** One random non-null value of `dtype` in the scalar representation. */
export function randomValue(rng: Rng, dtype: DType, mix: Mix = "any"): Exclude<ScalarValue, null> {
  const m = mix === "any" ? rng.pick(["small", "small", "edge", "wide"] as const) : mix;
  switch (dtype.kind) {
    case "bool": return rng.chance(0.5);
    case "utf8": return rng.chance(0.7) ? rng.pick(STRINGS) : rng.pick(STRINGS) + rng.pick(STRINGS);
    case "float32": case "float64": {
      let x: number;
      if (m === "small") x = rng.int(-20, 20) / rng.pick([1, 2, 4, 10]);
      else if (m === "edge") x = rng.pick([NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, 0.1, 1e21, 3.4028234663852886e38, 1.401298464324817e-45]);
      else x = (rng.float() - 0.5) * 10 ** rng.int(-30, 30);
      return dtype.kind === "float32" ? Math.fround(x) : x;
    }
    case "date32": {
      if (m === "small") return rng.int(-1000, 30000);
      if (m === "edge") return rng.pick([-2147483648, 2147483647, 0, -1, 106751, 106752, -106752, -106753, 2932896, -719528]);
      return rng.int(-2147483648, 2147483647);
    }
    case "timestamp": {
      if (m === "small") return BigInt(rng.int(-1e6, 1e6));
      if (m === "edge") return rng.pick(intEdges("int64"));
      return rng.bigint(-(2n ** 63n), 2n ** 63n - 1n);
    }
    default: {
      const kind = dtype.kind;
      const [lo, hi] = intRange(kind);
      let b: bigint;
      if (m === "small") b = BigInt(rng.int(-10, 10));
      else if (m === "edge") b = rng.pick(intEdges(kind));
      else b = rng.bigint(lo, hi);
      if (b < lo) b = lo;
      if (b > hi) b = hi;
      return kind === "int64" || kind === "uint64" ? b : Number(b);
    }
  }
}

/** `n` random values of `dtype`, about `nullFraction` of them null. */
export function randomValues(rng: Rng, dtype: DType, n: number, nullFraction = 0.2, mix: Mix = "any"): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (let i = 0; i < n; i++) out.push(rng.chance(nullFraction) ? null : randomValue(rng, dtype, mix));
  return out;
}

/**
 * A column holding `values` (null = null; NaN stays a float value), with random junk under the
 * null rows of primitive and bool columns.
 */
export function makeColumn(dtype: DType, values: readonly ScalarValue[], rng?: Rng): Column {
  const n = values.length;
  const hasNull = values.some((v) => v === null);
  const validity = hasNull ? new Uint8Array(bitmapBytes(n)) : null;
  if (validity) values.forEach((v, i) => { if (v !== null) validity[i >> 3] |= 1 << (i & 7); });
  if (dtype.kind === "utf8") return utf8FromStrings(values as (string | null)[]);
  if (dtype.kind === "bool") {
    const out = new Uint8Array(n);
    values.forEach((v, i) => { out[i] = v === null ? (rng ? rng.int(0, 1) : 0) : v ? 1 : 0; });
    return { layout: "bool", dtype: dtypes.bool, length: n, values: out, validity };
  }
  const pd = dtype as PrimitiveDType;
  const arr = allocValues(pd, n);
  values.forEach((v, i) => {
    if (v === null) {
      if (!rng) return;
      if (arr instanceof BigInt64Array || arr instanceof BigUint64Array) {
        const w = int64Words(arr);
        w[2 * i] = rng.u32() | 0;
        w[2 * i + 1] = rng.u32() | 0;
      } else if (arr instanceof Float32Array || arr instanceof Float64Array) arr[i] = rng.pick([NaN, 1e300, -1e300, Infinity]);
      else (arr as Int32Array)[i] = rng.u32();
    } else (arr as unknown as { [k: number]: number | bigint })[i] = v as number | bigint;
  });
  return { layout: "primitive", dtype: pd, length: n, values: arr, validity };
}

/**
 * The same strings as a dictionary column. `messy` gives a dictionary with duplicate entries and
 * unused ones, in shuffled order, and random codes under null rows.
 */
export function asDict(col: Utf8Column, rng: Rng, messy = false): DictColumn {
  const enc = dictEncode(col);
  if (!messy) return enc;
  const d = enc.dictionary;
  const base: string[] = [];
  for (let k = 0; k < d.length; k++) base.push(new TextDecoder().decode(d.data.subarray(d.offsets[k], d.offsets[k + 1])));
  // every entry twice plus an unused one, shuffled
  const entries = [...base, ...base, "unused-entry"];
  for (let k = entries.length - 1; k > 0; k--) { const j = rng.int(0, k); [entries[k], entries[j]] = [entries[j], entries[k]]; }
  const dictionary = utf8FromStrings(entries);
  const where = new Map<string, number[]>();
  entries.forEach((e, k) => where.set(e, [...(where.get(e) ?? []), k]));
  const codes = new Int32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const valid = col.validity === null || ((col.validity[i >> 3] >> (i & 7)) & 1) === 1;
    if (!valid) { codes[i] = rng.int(0, entries.length - 1); continue; }
    codes[i] = rng.pick(where.get(base[enc.codes[i]])!);
  }
  return { layout: "dict", dtype: dtypes.utf8, length: col.length, codes, dictionary, validity: col.validity };
}

/** Values of a column with NaN kept (columnToValues already keeps NaN) — re-exported for symmetry. */
export { columnToValues } from "@dusk/kernels";
