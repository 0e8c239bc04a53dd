/**
 * Gathering rows by index: the one place rows are copied after a filter, a sort or a join.
 * An index of -1 produces a null row (used by outer joins).
 */
import type { BoolColumn, Column, DictColumn, PrimitiveColumn, Utf8Column, Validity } from "./column.js";
import { allocArray, allocValues } from "./column.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

function takeValidity(validity: Validity, indices: Int32Array, shared: boolean): Validity {
  const n = indices.length;
  let hasNegative = false;
  if (validity === null) {
    for (let i = 0; i < n; i++) if (indices[i] < 0) { hasNegative = true; break; }
    if (!hasNegative) return null;
  }
  const out = allocArray(Uint8Array, bitmapBytes(n), shared);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j >= 0 && (validity === null || ((validity[j >> 3] >> (j & 7)) & 1) === 1)) out[i >> 3] |= 1 << (i & 7);
  }
  return normalizeValidity(out, n);
}

/** {@link take} for a utf8 column. */
export function takeUtf8(col: Utf8Column, indices: Int32Array, shared = false): Utf8Column {
  const n = indices.length;
  const offsets = allocArray(Int32Array, n + 1, shared);
  const src = col.offsets;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j >= 0) total += src[j + 1] - src[j];
    offsets[i + 1] = total;
  }
  // short values are copied four bytes at a time: the last word may run up to 3 bytes past a
  // value, into the next value's place (written after it, in order) or the 3 spare bytes at the end
  const spare = allocArray(Uint8Array, total + 3, shared);
  const sdata = col.data;
  const out = new DataView(spare.buffer), inp = new DataView(sdata.buffer, sdata.byteOffset, sdata.byteLength);
  const slen = sdata.length;
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j < 0) continue;
    let s = src[j];
    const e = src[j + 1];
    let o = offsets[i];
    if (e - s <= 16 && e + 3 <= slen) {
      for (; s < e; s += 4, o += 4) out.setInt32(o, inp.getInt32(s, true), true);
    } else if (e - s <= 16) {
      for (; s < e; s++, o++) spare[o] = sdata[s];
    } else spare.set(sdata.subarray(s, e), o);
  }
  const data = spare.subarray(0, total);
  return { layout: "utf8", dtype: col.dtype, length: n, offsets, data, validity: takeValidity(col.validity, indices, shared) };
}

/**
 * The rows of `col` at `indices`, in that order. With `shared`, the new buffers are in shared memory
 * (for results other threads read; a dictionary is kept as it is).
 */
export function take(col: Column, indices: Int32Array, shared = false): Column {
  const n = indices.length;
  switch (col.layout) {
    case "bool": {
      const out = allocArray(Uint8Array, n, shared);
      const v = col.values;
      for (let i = 0; i < n; i++) { const j = indices[i]; out[i] = j >= 0 ? v[j] : 0; }
      return { layout: "bool", dtype: col.dtype, length: n, values: out, validity: takeValidity(col.validity, indices, shared) } satisfies BoolColumn;
    }
    case "primitive": {
      const out = allocValues(col.dtype, n, shared);
      const v = col.values;
      let anyNegative: boolean;
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
        // signed views of both (a bit copy): compiled to plain 64-bit moves, no BigInt made
        anyNegative = takeInt64(new BigInt64Array(v.buffer, v.byteOffset, v.length), new BigInt64Array(out.buffer, out.byteOffset, n), indices);
      } else if (v instanceof Float64Array && out instanceof Float64Array) {
        anyNegative = takeFloat64(v, out, indices);
      } else if (v instanceof Int32Array && out instanceof Int32Array) {
        anyNegative = takeInt32(v, out, indices);
      } else {
        const o = out as Exclude<typeof out, BigInt64Array | BigUint64Array>;
        anyNegative = false;
        for (let i = 0; i < n; i++) {
          const j = indices[i];
          if (j >= 0) o[i] = v[j] as number;
          else { o[i] = 0; anyNegative = true; }
        }
      }
      const validity = col.validity === null && !anyNegative ? null : takeValidity(col.validity, indices, shared);
      return { layout: "primitive", dtype: col.dtype, length: n, values: out, validity } satisfies PrimitiveColumn;
    }
    case "utf8":
      return takeUtf8(col, indices, shared);
    case "dict": {
      const codes = allocArray(Int32Array, n, shared);
      const anyNegative = takeInt32(col.codes, codes, indices);
      const validity = col.validity === null && !anyNegative ? null : takeValidity(col.validity, indices, shared);
      return { layout: "dict", dtype: col.dtype, length: n, codes, dictionary: col.dictionary, validity } satisfies DictColumn;
    }
  }
}

// One monomorphic loop per array type (the generic loop above sees every typed array kind); each
// returns whether some index was negative (its row is left 0 and becomes null), so that a column
// without nulls needs no second pass over the indices.

function takeInt64(src: BigInt64Array, out: BigInt64Array, indices: Int32Array): boolean {
  let anyNegative = false;
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (j >= 0) out[i] = src[j]; else anyNegative = true;
  }
  return anyNegative;
}

function takeFloat64(src: Float64Array, out: Float64Array, indices: Int32Array): boolean {
  let anyNegative = false;
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (j >= 0) out[i] = src[j]; else anyNegative = true;
  }
  return anyNegative;
}

function takeInt32(src: Int32Array, out: Int32Array, indices: Int32Array): boolean {
  let anyNegative = false;
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (j >= 0) out[i] = src[j]; else anyNegative = true;
  }
  return anyNegative;
}
