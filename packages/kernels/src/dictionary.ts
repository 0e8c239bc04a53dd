/**
 * Dictionary encoding of utf8 columns: encode (hash each value once), decode (gather), and
 * re-coding several dictionaries onto one.
 */
import type { Column, DictColumn, Utf8Column } from "./column.js";
import { BytesInterner } from "./hash/bytes-interner.js";
import { takeUtf8 } from "./take.js";

/** Dictionary-encodes a plain utf8 column; the dictionary holds each distinct value once, in first-seen order. */
export function dictEncode(col: Utf8Column): DictColumn {
  const n = col.length;
  const interner = new BytesInterner(Math.min(n, 1024));
  const codes = new Int32Array(n);
  const { offsets, data, validity } = col;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
    codes[i] = interner.intern(data, offsets[i], offsets[i + 1]);
  }
  return { layout: "dict", dtype: col.dtype, length: n, codes, dictionary: interner.toColumn(), validity };
}

/** A plain utf8 column with the values of a dictionary-encoded one. */
export function dictDecode(col: DictColumn): Utf8Column {
  const n = col.length;
  const validity = col.validity;
  let indices = col.codes;
  if (validity !== null) {
    indices = new Int32Array(n);
    for (let i = 0; i < n; i++) indices[i] = ((validity[i >> 3] >> (i & 7)) & 1) === 1 ? col.codes[i] : -1;
  }
  const out = takeUtf8(col.dictionary, indices);
  return { ...out, validity };
}

/** Any utf8 column in plain layout. */
export function toPlainUtf8(col: Utf8Column | DictColumn): Utf8Column {
  return col.layout === "dict" ? dictDecode(col) : col;
}

/**
 * Dictionary-encodes when it pays: when the distinct values (counted on the whole column) are at
 * most `maxRatio` of the rows. Returns the column unchanged otherwise.
 */
export function dictEncodeIfWorthwhile(col: Column, maxRatio = 0.5): Column {
  if (col.layout !== "utf8" || col.length < 16) return col;
  const enc = dictEncode(col);
  return enc.dictionary.length <= col.length * maxRatio ? enc : col;
}

/**
 * Re-codes dictionary columns onto one shared dictionary. Returns the shared dictionary and, per
 * input, the map from its old codes to the shared codes.
 */
export function unifyDictionaries(cols: readonly DictColumn[]): { dictionary: Utf8Column; remaps: Int32Array[] } {
  const interner = new BytesInterner(cols.reduce((a, c) => a + c.dictionary.length, 0));
  const seen = new Map<Utf8Column, Int32Array>();
  const remaps = cols.map((c) => {
    const d = c.dictionary;
    const known = seen.get(d);
    if (known) return known;
    const m = new Int32Array(d.length);
    for (let k = 0; k < d.length; k++) m[k] = interner.intern(d.data, d.offsets[k], d.offsets[k + 1]);
    seen.set(d, m);
    return m;
  });
  return { dictionary: interner.toColumn(), remaps };
}
