/**
 * Laying plain utf8 columns (and validity bitmaps) end to end: for concatenation, and for
 * dictionaries merged into one before their entries are told apart.
 *
 * @example
 * ```ts
 * const all = concatUtf8([a, b], a.length + b.length);
 * ```
 */
import { allocArray, type Column, type Utf8Column, type Validity } from "./column.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

/**
 * The validity of columns laid end to end (`total` rows), or null when every row is valid; in
 * shared memory when `shared`.
 */
export function concatValidity(cols: readonly Column[], total: number, shared = false): Validity {
  if (cols.every((c) => c.validity === null)) return null;
  const out = allocArray(Uint8Array, bitmapBytes(total), shared);
  let at = 0;
  for (const c of cols) {
    const v = c.validity;
    const n = c.length;
    if (v === null) {
      for (let i = 0; i < n; i++) { const j = at + i; out[j >> 3] |= 1 << (j & 7); }
    } else if ((at & 7) === 0) {
      out.set(v.subarray(0, bitmapBytes(n)), at >> 3);
      // clear bits past n in the last copied byte: they belong to the next column
      const tail = n & 7;
      if (tail !== 0) out[(at + n) >> 3] &= (1 << tail) - 1;
    } else {
      for (let i = 0; i < n; i++) {
        if ((v[i >> 3] >> (i & 7)) & 1) { const j = at + i; out[j >> 3] |= 1 << (j & 7); }
      }
    }
    at += n;
  }
  return normalizeValidity(out, total);
}

/**
 * Plain utf8 columns laid end to end in one (`total` rows); each may start at a non-zero offset.
 * In shared memory when `shared`.
 */
export function concatUtf8(cols: readonly Utf8Column[], total: number, shared = false): Utf8Column {
  let bytes = 0;
  for (const c of cols) bytes += c.offsets[c.length] - c.offsets[0];
  const data = allocArray(Uint8Array, bytes, shared);
  const offsets = allocArray(Int32Array, total + 1, shared);
  let row = 0;
  let at = 0;
  for (const c of cols) {
    const base = c.offsets[0];
    const end = c.offsets[c.length];
    data.set(c.data.subarray(base, end), at);
    for (let i = 1; i <= c.length; i++) offsets[row + i] = c.offsets[i] - base + at;
    row += c.length;
    at += end - base;
  }
  return { layout: "utf8", dtype: cols[0].dtype, length: total, offsets, data, validity: concatValidity(cols, total, shared) };
}
