/**
 * Dictionary encoding of utf8 columns: encode (hash each value once), decode (gather), and
 * re-coding several dictionaries onto one.
 */
import { dtypes } from "@dusk/core";
import type { Column, DictColumn, Utf8Column } from "./column.js";
import { utf8Ids } from "./hash/utf8-ids.js";
import { takeUtf8 } from "./take.js";

/**
 * Dictionary-encodes a plain utf8 column; the dictionary holds each distinct value once, in
 * first-seen order. Values are told apart with {@link utf8Ids} (short values as words).
 */
export function dictEncode(col: Utf8Column): DictColumn {
  const { ids, count } = utf8Ids(col);
  const dictionary = takeUtf8(col, firstRowsOf(ids, count));
  if (col.validity !== null) {
    for (let i = 0; i < ids.length; i++) if (ids[i] < 0) ids[i] = 0; // codes are 0 under nulls
  }
  return { layout: "dict", dtype: col.dtype, length: col.length, codes: ids, dictionary: { ...dictionary, validity: null }, validity: col.validity };
}

/** The row where each of `count` dense first-seen ids first occurs (ids below 0 are skipped). */
function firstRowsOf(ids: Int32Array, count: number): Int32Array {
  const first = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < ids.length && next < count; i++) {
    if (ids[i] === next) first[next++] = i;
  }
  return first;
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
  let bytes = 0;
  for (const c of cols) {
    const d = c.dictionary;
    if (at.has(d)) continue;
    at.set(d, entries);
    dicts.push(d);
    entries += d.length;
    bytes += d.offsets[d.length] - d.offsets[0];
  }
  const offsets = new Int32Array(entries + 1);
  const data = new Uint8Array(bytes);
  let row = 0;
  let pos = 0;
  for (const d of dicts) {
    const base = d.offsets[0];
    const end = d.offsets[d.length];
    data.set(d.data.subarray(base, end), pos);
    for (let k = 1; k <= d.length; k++) offsets[row + k] = d.offsets[k] - base + pos;
    row += d.length;
    pos += end - base;
  }
  const all: Utf8Column = { layout: "utf8", dtype: dicts[0]?.dtype ?? dtypes.utf8, length: entries, offsets, data, validity: null };
  const { ids, count } = utf8Ids(all);
  const remaps = cols.map((c) => {
    const start = at.get(c.dictionary)!;
    return ids.subarray(start, start + c.dictionary.length);
  });
  return { dictionary: takeUtf8(all, firstRowsOf(ids, count)), remaps };
}
