/**
 * Reading timestamps as whole seconds plus a fraction, exactly and without BigInt: row i of a
 * timestamp column is `secs * unitsPerSecond + frac` with `0 <= frac < unitsPerSecond`, and
 * `secs` fits a double exactly (|secs| < 2^53, which every unit but seconds guarantees; a seconds
 * value beyond that throws). Writing goes the other way, range-checked.
 *
 * @example
 * ```ts
 * const r = new InstantReader(int64Words(values), 1000); // a timestamp[ms] column
 * r.read(i); r.secs; r.frac;                               // -1, 500 for -500 ms
 * ```
 */
import { DuskError } from "@dusk/core";
import { floorDivInt64Small, mulInt64Small, TWO32, writeWordsFromNumber } from "../int64-words.js";

const MAX_SAFE = 9007199254740991;

/** Splits rows of int64 words into seconds and fraction; `secs` and `frac` hold the last row read. */
export class InstantReader {
  secs = 0;
  frac = 0;
  private readonly scratch = new Int32Array(2);
  constructor(private readonly words: Int32Array, private readonly ups: number, private readonly where: string) {}

  read(i: number): void {
    const w = this.words;
    if (this.ups === 1) {
      const s = w[2 * i + 1] * TWO32 + (w[2 * i] >>> 0);
      if (s > MAX_SAFE || s < -MAX_SAFE) {
        throw new DuskError("INT_OVERFLOW", `${this.where}: the timestamp at row ${i} is too far from 1970 for datetime operations`, { row: i });
      }
      this.secs = s;
      this.frac = 0;
      return;
    }
    const hi = w[2 * i + 1];
    if (hi < 2097152 && hi >= -2097152) {
      // |value| < 2^53: exact as a number; the float quotient may round up to the next integer, so fix the remainder
      const v = hi * TWO32 + (w[2 * i] >>> 0);
      let s = Math.floor(v / this.ups);
      let f = v - s * this.ups;
      if (f < 0) { s -= 1; f += this.ups; }
      this.secs = s;
      this.frac = f;
      return;
    }
    this.frac = floorDivInt64Small(w[2 * i], hi, this.ups, this.scratch, 0);
    this.secs = this.scratch[1] * TWO32 + (this.scratch[0] >>> 0);
  }
}

/**
 * Writes `secs * ups + frac` as int64 words at row i of `out`; false (nothing usable written)
 * when it leaves the int64 range.
 */
export function writeInstant(out: Int32Array, i: number, secs: number, frac: number, ups: number): boolean {
  if (secs > MAX_SAFE || secs < -MAX_SAFE) return false;
  writeWordsFromNumber(out, i, secs);
  if (ups === 1) return true;
  if (!mulInt64Small(out[2 * i], out[2 * i + 1], ups, out, i)) return false;
  if (frac === 0) return true;
  const lo = (out[2 * i] >>> 0) + frac;
  if (lo >= TWO32) {
    if (out[2 * i + 1] === 2147483647) return false;
    out[2 * i + 1] += 1;
  }
  out[2 * i] = lo | 0;
  return true;
}

/** Floor of x / d for integers (d > 0), and the non-negative remainder. */
export const floorMod = (x: number, d: number): number => x - Math.floor(x / d) * d;
