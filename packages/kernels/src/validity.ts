/**
 * Validity bitmaps (Arrow layout: bit i of byte i >> 3, least significant bit first, 1 = valid).
 */
import type { Column, Validity } from "./column.js";

/** Bytes needed for a bitmap of `length` bits. */
export const bitmapBytes = (length: number): number => (length + 7) >> 3;

/** True when row i is valid. */
export function isValid(validity: Validity, i: number): boolean {
  return validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1;
}

/** A bitmap with all `length` bits set. */
export function allValid(length: number): Uint8Array {
  const b = new Uint8Array(bitmapBytes(length)).fill(0xff);
  const tail = length & 7;
  if (tail !== 0) b[b.length - 1] = (1 << tail) - 1;
  return b;
}

export function setBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3] |= 1 << (i & 7);
}

export function clearBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3] &= ~(1 << (i & 7));
}

/** Number of null rows in the first `length` rows. */
export function nullCount(validity: Validity, length: number): number {
  if (validity === null) return 0;
  let valid = 0;
  const full = length >> 3;
  for (let i = 0; i < full; i++) valid += POPCOUNT[validity[i]];
  for (let i = full << 3; i < length; i++) valid += (validity[i >> 3] >> (i & 7)) & 1;
  return length - valid;
}

/** Returns `validity` unless it has no nulls, in which case null (the canonical all-valid form). */
export function normalizeValidity(validity: Validity, length: number): Validity {
  if (validity === null) return null;
  return nullCount(validity, length) === 0 ? null : validity;
}

/** Bitwise AND of two validities (null = all valid). */
export function andValidity(a: Validity, b: Validity, length: number): Validity {
  if (a === null) return b;
  if (b === null) return a;
  const n = bitmapBytes(length);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] & b[i];
  return normalizeValidity(out, length);
}

/** A bitmap from one byte per row (non-zero = valid). */
export function bitmapFromBytes(bytes: Uint8Array, length = bytes.length): Uint8Array {
  const out = new Uint8Array(bitmapBytes(length));
  for (let i = 0; i < length; i++) if (bytes[i] !== 0) out[i >> 3] |= 1 << (i & 7);
  return out;
}

/** One byte per row (1 = valid) from a bitmap. */
export function bytesFromBitmap(validity: Validity, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (validity === null) return out.fill(1);
  for (let i = 0; i < length; i++) out[i] = (validity[i >> 3] >> (i & 7)) & 1;
  return out;
}

/** Copies `length` bits of `src` starting at bit `srcOffset` into a new bitmap starting at bit 0. */
export function sliceBitmap(src: Uint8Array, srcOffset: number, length: number): Uint8Array {
  const out = new Uint8Array(bitmapBytes(length));
  if ((srcOffset & 7) === 0) {
    out.set(src.subarray(srcOffset >> 3, (srcOffset >> 3) + out.length));
    const tail = length & 7;
    if (tail !== 0) out[out.length - 1] &= (1 << tail) - 1;
    return out;
  }
  for (let i = 0; i < length; i++) {
    const j = srcOffset + i;
    if ((src[j >> 3] >> (j & 7)) & 1) out[i >> 3] |= 1 << (i & 7);
  }
  return out;
}

/** The column's validity (all layouts carry one). */
export const validityOf = (c: Column): Validity => c.validity;

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >> 1];
  return t;
})();
