/**
 * Housekeeping for kernel outputs: values under null rows are written as 0 (the convention in
 * column.ts), so results are deterministic and never leak garbage computed from undefined inputs.
 *
 * @example
 * ```ts
 * const out = new Float64Array([1, NaN, 3]);
 * zeroNullSlots(out, Uint8Array.of(0b101), 3); // out = [1, 0, 3]
 * ```
 */
import type { Validity } from "./column.js";
import { bitmapBytes } from "./validity.js";

/** Zeroes the values of every null row (any typed array; touches only the null rows). */
export function zeroNullSlots(values: ArrayBufferView, validity: Validity, length: number): void {
  if (validity === null || length === 0) return;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const width = values.byteLength / length;
  const nb = bitmapBytes(length);
  for (let k = 0; k < nb; k++) {
    const v = validity[k];
    if (v === 0xff) continue;
    const end = Math.min(length, (k + 1) * 8);
    for (let i = k * 8; i < end; i++) {
      if (((v >> (i & 7)) & 1) === 0) {
        const s = i * width;
        for (let b = 0; b < width; b++) bytes[s + b] = 0;
      }
    }
  }
}

/** A bitmap of `length` rows, all null. */
export function noneValid(length: number): Uint8Array {
  return new Uint8Array(bitmapBytes(length));
}

/** Bitwise OR of two validities (null = all valid); null when the result has no nulls. */
export function orValidity(a: Validity, b: Validity, length: number): Validity {
  if (a === null || b === null) return null;
  const n = bitmapBytes(length);
  const out = new Uint8Array(n);
  let all = true;
  const full = length >> 3;
  for (let i = 0; i < n; i++) {
    const v = a[i] | b[i];
    out[i] = v;
    if (i < full ? v !== 0xff : v !== (1 << (length & 7)) - 1) all = false;
  }
  return all ? null : out;
}

/** A mutable copy of `validity` (all valid when null). */
export function copyValidity(validity: Validity, length: number): Uint8Array {
  if (validity !== null) return validity.slice(0, bitmapBytes(length));
  const out = new Uint8Array(bitmapBytes(length)).fill(0xff);
  const tail = length & 7;
  if (tail !== 0) out[out.length - 1] = (1 << tail) - 1;
  return out;
}
