/**
 * A validity bitmap grown row by row while parsing, allocated only when the first null arrives
 * (a column without nulls gets `validity: null`).
 *
 * @example
 * ```ts
 * const v = new ValidityBuilder();
 * v.setNull(3);
 * v.finish(5); // Uint8Array [0b10111]
 * ```
 */
import type { Validity } from "@dusk/kernels";

export class ValidityBuilder {
  private bits: Uint8Array | null = null;

  /** Marks row `row` null; every other row is valid. */
  setNull(row: number): void {
    let bits = this.bits;
    const byte = row >> 3;
    if (bits === null || byte >= bits.length) {
      const grown = new Uint8Array(Math.max(64, (byte + 1) * 2)).fill(0xff);
      if (bits !== null) grown.set(bits);
      this.bits = bits = grown;
    }
    bits[byte] &= ~(1 << (row & 7));
  }

  /** Marks row `row` valid again (after a row is given up and parsed anew). */
  setValid(row: number): void {
    const bits = this.bits;
    if (bits !== null && (row >> 3) < bits.length) bits[row >> 3] |= 1 << (row & 7);
  }

  /** True when some row was marked null. */
  get hasNulls(): boolean {
    return this.bits !== null;
  }

  /** The bitmap for `length` rows (bits past the end cleared), or null when no row is null. */
  finish(length: number): Validity {
    if (this.bits === null) return null;
    const n = (length + 7) >> 3;
    const out = new Uint8Array(n).fill(0xff);
    out.set(this.bits.subarray(0, Math.min(n, this.bits.length)));
    if ((length & 7) !== 0) out[n - 1] &= (1 << (length & 7)) - 1;
    return out;
  }
}
