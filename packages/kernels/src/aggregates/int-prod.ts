/**
 * Exact per-group integer products, overflow detected rather than wrapped, with BigInt only on a
 * bounded slow path.
 *
 * Each group keeps the sign apart from the magnitude. The magnitude lives in a double while it is
 * below 2^53 (where products of integers are exact); past that it moves to a BigInt, and past 2^64 the
 * group is marked overflowed: magnitudes never shrink under non-zero integer factors, so it stays
 * out of every 64-bit range. Factors ±1 only flip the sign, so a group meets at most ~12 BigInt
 * multiplications before overflowing. A zero factor absorbs everything, an earlier overflow included:
 * the product is then exactly 0, which is why "overflowed" is a state and not an error until finalize.
 *
 * The partial state is three columns: the magnitude's 64 bits (in a column of the result dtype,
 * int64 or uint64, read as unsigned; so finalize knows the result dtype), the sign (bool, true for a
 * negative product) and the overflow flag (bool, magnitude ≥ 2^64). Empty groups have product 1.
 *
 * @example
 * ```ts
 * const acc = new IntProdAccumulator(1);
 * acc.mul(0, -3); acc.mul(0, 5);
 * const [mag, neg, over] = acc.toState(dtypes.int64); // 15, true, false: the product is -15
 * ```
 */
import { dtypes, type IntType } from "@dusk/core";
import type { BoolColumn, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { writeInt64FromNumber } from "../build.js";
import { bigIntAt } from "../int64-words.js";

const TWO53 = 9007199254740992;
const TWO64 = 1n << 64n;

/** Group state: magnitude exact in `mag`, in `big`, or overflowed (≥ 2^64). */
const SMALL = 0, BIG = 1, OVERFLOW = 2;

/**
 * Per-group exact products of integer factors (see the module notes).
 *
 * @example
 * ```ts
 * const acc = new IntProdAccumulator(2);
 * acc.mul(1, 2 ** 40); acc.mul(1, 2 ** 40); // group 1 now holds 2^80: overflowed
 * acc.mul(1, 0);                             // ... and 0 again, exactly
 * ```
 */
export class IntProdAccumulator {
  /** Magnitude per group while below 2^53 (state SMALL). */
  readonly mag: Float64Array;
  /** 1 when the product is negative. */
  readonly neg: Uint8Array;
  readonly state: Uint8Array;
  /** Magnitudes in [2^53, 2^64) of groups in state BIG. */
  private readonly big = new Map<number, bigint>();

  constructor(readonly ngroups: number) {
    this.mag = new Float64Array(ngroups).fill(1);
    this.neg = new Uint8Array(ngroups);
    this.state = new Uint8Array(ngroups);
  }

  /** Multiplies group g by the integer x, |x| ≤ 2^53. */
  mul(g: number, x: number): void {
    if (x === 0) { this.mag[g] = 0; this.neg[g] = 0; this.state[g] = SMALL; return; }
    let a = x;
    if (x < 0) { this.neg[g] ^= 1; a = -x; }
    const s = this.state[g];
    if (s === SMALL) {
      const p = this.mag[g] * a;
      if (p < TWO53) this.mag[g] = p; // the exact product is below 2^53, so p is it
      else this.setBig(g, BigInt(this.mag[g]) * BigInt(a));
    } else if (s === BIG && a !== 1) {
      this.setBig(g, this.big.get(g)! * BigInt(a));
    }
  }

  /**
   * Multiplies group g by the 64-bit factor at row i of `words` (magnitude ≥ 2^53; `negative` gives
   * its sign, the words hold its magnitude when `magnitude` is set, else its two's complement value).
   * BigInt only while the group is neither 0 nor overflowed: the rare slow path.
   */
  mulWords(g: number, words: Int32Array, i: number, negative: boolean, magnitude: boolean): void {
    const s = this.state[g];
    if (s === SMALL && this.mag[g] === 0) return;
    if (negative) this.neg[g] ^= 1;
    if (s === OVERFLOW) return;
    const v = bigIntAt(words, i, magnitude);
    const a = v < 0n ? -v : v;
    this.setBig(g, (s === SMALL ? BigInt(this.mag[g]) : this.big.get(g)!) * a);
  }

  /** Multiplies group g by a non-zero factor of magnitude ≥ 2^64 (an overflowed state). */
  mulOverflowed(g: number, negative: boolean): void {
    if (this.state[g] === SMALL && this.mag[g] === 0) return;
    if (negative) this.neg[g] ^= 1;
    this.big.delete(g);
    this.state[g] = OVERFLOW;
  }

  private setBig(g: number, v: bigint): void {
    if (v >= TWO64) { this.big.delete(g); this.state[g] = OVERFLOW; return; }
    this.big.set(g, v);
    this.state[g] = BIG;
  }

  /** The three state columns (magnitude in `type`, sign, overflow). Call once, after the last factor. */
  toState(type: IntType): [PrimitiveColumn, BoolColumn, BoolColumn] {
    const G = this.ngroups;
    const magnitude = type.kind === "uint64" ? new BigUint64Array(G) : new BigInt64Array(G);
    const w = int64Words(magnitude);
    const negative = new Uint8Array(G);
    const over = new Uint8Array(G);
    for (let g = 0; g < G; g++) {
      const s = this.state[g];
      if (s === SMALL) writeInt64FromNumber(w, g, this.mag[g]);
      else if (s === BIG) {
        const v = this.big.get(g)!;
        w[2 * g] = Number(BigInt.asIntN(32, v));
        w[2 * g + 1] = Number(BigInt.asIntN(32, v >> 32n));
      } else over[g] = 1;
      negative[g] = s === SMALL && this.mag[g] === 0 ? 0 : this.neg[g];
    }
    return [
      { layout: "primitive", dtype: type, length: G, values: magnitude, validity: null },
      { layout: "bool", dtype: dtypes.bool, length: G, values: negative, validity: null },
      { layout: "bool", dtype: dtypes.bool, length: G, values: over, validity: null },
    ];
  }
}
