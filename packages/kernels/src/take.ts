/**
 * Gathering rows by index: the one place rows are copied after a filter, a sort or a join.
 * An index of -1 produces a null row (used by outer joins).
 */
import type { BoolColumn, Column, DictColumn, PrimitiveColumn, Utf8Column, Validity } from "./column.js";
import { allocValues } from "./column.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

function takeValidity(validity: Validity, indices: Int32Array): Validity {
  const n = indices.length;
  let hasNegative = false;
  if (validity === null) {
    for (let i = 0; i < n; i++) if (indices[i] < 0) { hasNegative = true; break; }
    if (!hasNegative) return null;
  }
  const out = new Uint8Array(bitmapBytes(n));
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j >= 0 && (validity === null || ((validity[j >> 3] >> (j & 7)) & 1) === 1)) out[i >> 3] |= 1 << (i & 7);
  }
  return normalizeValidity(out, n);
}

export function takeUtf8(col: Utf8Column, indices: Int32Array): Utf8Column {
  const n = indices.length;
  const offsets = new Int32Array(n + 1);
  const src = col.offsets;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j >= 0) total += src[j + 1] - src[j];
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  const sdata = col.data;
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (j < 0) continue;
    const s = src[j], e = src[j + 1];
    const o = offsets[i];
    if (e - s < 16) for (let k = s; k < e; k++) data[o + k - s] = sdata[k];
    else data.set(sdata.subarray(s, e), o);
  }
  return { layout: "utf8", dtype: col.dtype, length: n, offsets, data, validity: takeValidity(col.validity, indices) };
}

/** The rows of `col` at `indices`, in that order. */
export function take(col: Column, indices: Int32Array): Column {
  const n = indices.length;
  switch (col.layout) {
    case "bool": {
      const out = new Uint8Array(n);
      const v = col.values;
      for (let i = 0; i < n; i++) { const j = indices[i]; out[i] = j >= 0 ? v[j] : 0; }
      return { layout: "bool", dtype: col.dtype, length: n, values: out, validity: takeValidity(col.validity, indices) } satisfies BoolColumn;
    }
    case "primitive": {
      const out = allocValues(col.dtype, n);
      const v = col.values;
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
        // copy 64-bit values as word pairs: no BigInt boxing
        const sw = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
        const ow = new Int32Array(out.buffer, 0, n * 2);
        for (let i = 0; i < n; i++) {
          const j = indices[i];
          if (j >= 0) { ow[2 * i] = sw[2 * j]; ow[2 * i + 1] = sw[2 * j + 1]; }
        }
      } else {
        const o = out as Exclude<typeof out, BigInt64Array | BigUint64Array>;
        for (let i = 0; i < n; i++) { const j = indices[i]; o[i] = j >= 0 ? v[j] as number : 0; }
      }
      return { layout: "primitive", dtype: col.dtype, length: n, values: out, validity: takeValidity(col.validity, indices) } satisfies PrimitiveColumn;
    }
    case "utf8":
      return takeUtf8(col, indices);
    case "dict": {
      const codes = new Int32Array(n);
      const c = col.codes;
      for (let i = 0; i < n; i++) { const j = indices[i]; codes[i] = j >= 0 ? c[j] : 0; }
      return { layout: "dict", dtype: col.dtype, length: n, codes, dictionary: col.dictionary, validity: takeValidity(col.validity, indices) } satisfies DictColumn;
    }
  }
}
