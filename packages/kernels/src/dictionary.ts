/**
 * Dictionary encoding of utf8 columns: encode (hash each value once), decode (gather), and
 * re-coding several dictionaries onto one.
 */
import type { Column, DictColumn, Utf8Column } from "./column.js";
import { concatUtf8 } from "./concat-utf8.js";
import { firstRows } from "./first-rows.js";
import { utf8Ids } from "./hash/utf8-ids.js";
import { takeUtf8 } from "./take.js";

/**
 * Dictionary-encodes a plain utf8 column; the dictionary holds each distinct value once, in
 * first-seen order. Values are told apart with {@link utf8Ids} (short values as words).
 */
export function dictEncode(col: Utf8Column): DictColumn {
  const { ids, count } = utf8Ids(col);
  const dictionary = takeUtf8(col, firstRows(ids, count));
  if (col.validity !== null) {
    for (let i = 0; i < ids.length; i++) if (ids[i] < 0) ids[i] = 0; // codes are 0 under nulls
  }
  return { layout: "dict", dtype: col.dtype, length: col.length, codes: ids, dictionary: { ...dictionary, validity: null }, validity: col.validity };
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
  // every distinct dictionary once, end to end in one plain column, told apart by utf8Ids
  const at = new Map<Utf8Column, number>();
  const dicts: Utf8Column[] = [];
  let entries = 0;
  for (const c of cols) {
    const d = c.dictionary;
    if (at.has(d)) continue;
    at.set(d, entries);
    dicts.push(d);
    entries += d.length;
  }
  const all = concatUtf8(dicts, entries);
  const { ids, count } = utf8Ids(all);
  const remaps = cols.map((c) => {
    const start = at.get(c.dictionary)!;
    return ids.subarray(start, start + c.dictionary.length);
  });
  return { dictionary: takeUtf8(all, firstRows(ids, count)), remaps };
}
