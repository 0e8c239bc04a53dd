/**
 * Exact 64-bit integer arithmetic on the two 32-bit words of int64 / uint64 / timestamp values
 * (see `int64Words`), without BigInt: reading as a number, multiplying and floor-dividing by a
 * small factor (unit conversions, parsing), and BigInt conversion for the rare slow paths.
 *
 * A value is `hi * 2^32 + (lo >>> 0)` with `hi` signed for int64 and unsigned (`hi >>> 0`) for uint64.
 *
 * @example
 * ```ts
 * const w = new Int32Array(2);
 * mulInt64Small(1_700_000_000, 0, 1_000_000_000, w, 0); // 1.7e18 ns, exact
 * ```
 */

export const TWO32 = 4294967296;
/** 2^53 − 1: numbers up to this magnitude hold integers exactly. */
export const MAX_SAFE = 9007199254740991;

/** Row i of uint64 words as a number (exact below 2^53, correctly rounded above). */
export function readUint64AsNumber(words: Int32Array, i: number): number {
  return (words[2 * i + 1] >>> 0) * TWO32 + (words[2 * i] >>> 0);
}

/** Row i of 64-bit words as a bigint. For slow paths and messages only. */
export function bigIntAt(words: Int32Array, i: number, unsigned: boolean): bigint {
  const hi = unsigned ? words[2 * i + 1] >>> 0 : words[2 * i + 1];
  return (BigInt(hi) << 32n) | BigInt(words[2 * i] >>> 0);
}

/** Writes the low 64 bits of `v` (two's complement) at row i. */
export function writeBigIntWords(words: Int32Array, i: number, v: bigint): void {
  words[2 * i] = Number(BigInt.asIntN(32, v));
  words[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

/**
 * Writes `(hi * 2^32 + lo) * f` as int64 words at row j of `out`, exactly. `hi` is the signed high
 * word, `lo` the low word (any sign; its 32 bits are used), `f` a positive integer below 2^36.
 * Returns false (writing nothing) when the product leaves the int64 range.
 */
export function mulInt64Small(lo: number, hi: number, f: number, out: Int32Array, j: number): boolean {
  const l = lo >>> 0;
  const t0 = (l & 0xffff) * f;
  const c0 = Math.floor(t0 / 65536);
  const w0 = t0 - c0 * 65536;
  const t1 = (l >>> 16) * f + c0;
  const c1 = Math.floor(t1 / 65536);
  const w1 = t1 - c1 * 65536;
  const t2 = (hi & 0xffff) * f + c1;
  const c2 = Math.floor(t2 / 65536);
  const w2 = t2 - c2 * 65536;
  const t3 = (hi >> 16) * f + c2;
  if (t3 < -32768 || t3 > 32767) return false;
  out[2 * j] = (w1 * 65536 + w0) | 0;
  out[2 * j + 1] = (t3 * 65536 + w2) | 0;
  return true;
}

/**
 * Floor-divides the int64 `hi * 2^32 + (lo >>> 0)` (hi signed) by `d` (0 < d < 2^31), writing the
 * quotient as words at row j of `out` and returning the remainder (0 ≤ r < d). Exact: rounds
 * toward −∞, as unit conversions to a coarser unit must.
 */
export function floorDivInt64Small(lo: number, hi: number, d: number, out: Int32Array, j: number): number {
  const qh = Math.floor(hi / d);
  const rh = hi - qh * d;
  const l = lo >>> 0;
  let t = rh * 65536 + (l >>> 16);
  const q1 = Math.floor(t / d);
  t = (t - q1 * d) * 65536 + (l & 0xffff);
  const q2 = Math.floor(t / d);
  out[2 * j] = (q1 * 65536 + q2) | 0;
  out[2 * j + 1] = qh;
  return t - q2 * d;
}

/** Splits an integer-valued number (any magnitude in the int64/uint64 range) into words at row i. */
export function writeWordsFromNumber(words: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / TWO32);
  words[2 * i] = (x - hi * TWO32) | 0;
  words[2 * i + 1] = hi | 0;
}
