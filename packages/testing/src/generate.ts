/**
 * Generated columns of every dtype, nulls included, for kernel and end-to-end tests.
 *
 * @example
 * ```ts
 * const v = column("int64", { length: 1000, nullFraction: 0.2, seed: 7 }); // (bigint | null)[]
 * ```
 */
import { intRange, parseDType, type DTypeLike, type IntKind } from "@dusk/core";
import { Rng } from "./random.js";

export interface ColumnOptions {
  readonly length: number;
  /** Share of nulls (default 0.2, as Arrow's own generated tests). */
  readonly nullFraction?: number;
  readonly seed?: number;
  readonly rng?: Rng;
  /** Distinct values to draw from for strings and ints (default: wide). */
  readonly cardinality?: number;
  /** Include the dtype's extreme values (integer limits, ±0, long strings) now and then. */
  readonly edges?: boolean;
}

export type GeneratedValue = number | bigint | string | boolean | null;

const STRING_POOL = ["", "a", "b", "é", "日本", "id001", "id002", "zz", "a much longer string value", "🙂", "A", "ab"];

function randomBig(rng: Rng, lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n;
  let r = 0n;
  for (let i = 0; i < 3; i++) r = (r << 32n) | BigInt(rng.u32());
  return lo + (r % span);
}

/** `length` values of `dtype` as JS values (numbers, bigints for 64-bit kinds, strings, booleans, day numbers for date32). */
export function column(dtypeLike: DTypeLike, options: ColumnOptions): GeneratedValue[] {
  const dtype = parseDType(dtypeLike);
  const rng = options.rng ?? new Rng(options.seed ?? 1);
  const nulls = options.nullFraction ?? 0.2;
  const card = options.cardinality;
  const out: GeneratedValue[] = new Array(options.length);
  for (let i = 0; i < options.length; i++) {
    if (rng.chance(nulls)) { out[i] = null; continue; }
    const edge = options.edges === true && rng.chance(0.05);
    switch (dtype.kind) {
      case "bool": out[i] = rng.chance(0.5); break;
      case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": {
        const [lo, hi] = intRange(dtype.kind as IntKind).map(Number);
        out[i] = edge ? rng.pick([lo, hi, 0]) : card ? rng.int(Math.max(lo, 0), Math.min(hi, card - 1)) : rng.int(lo, hi);
        break;
      }
      case "int64": case "uint64": {
        const [lo, hi] = intRange(dtype.kind as IntKind);
        out[i] = edge ? rng.pick([lo, hi, 0n, 2n ** 53n + 1n]) : card ? BigInt(rng.int(0, card - 1)) : randomBig(rng, lo, hi);
        break;
      }
      case "float32": out[i] = edge ? rng.pick([0, -0, 1e30]) : Math.fround((rng.float() - 0.5) * 2000); break;
      case "float64": out[i] = edge ? rng.pick([0, -0, 1e300, 5e-324]) : card ? rng.int(0, card - 1) / 4 : (rng.float() - 0.5) * 2e6; break;
      case "utf8": out[i] = card ? `s${rng.int(0, card - 1)}` : rng.pick(STRING_POOL) + (rng.chance(0.5) ? String(rng.int(0, 99)) : ""); break;
      case "date32": out[i] = rng.int(-10000, 30000); break;
      case "timestamp": out[i] = BigInt(rng.int(-2e9, 2e9)) * 1000n + BigInt(rng.int(0, 999)); break;
    }
  }
  return out;
}
