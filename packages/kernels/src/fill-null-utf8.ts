/**
 * fillNull for utf8 columns in every layout. A dictionary column filled with a scalar keeps its
 * dictionary when the string is in it (reusing the code) and otherwise gets a copy extended by one
 * entry; two dictionary columns sharing a dictionary only select codes; other combinations build a
 * plain column.
 *
 * @example
 * ```ts
 * fillNullUtf8(dictCol, "unknown"); // dict column, no nulls, dictionary + "unknown" if it was missing
 * ```
 */
import { dtypes } from "@dusk/core";
import type { DictColumn, Utf8Column, Validity } from "./column.js";
import { unifyDictionaries } from "./dictionary.js";
import { encodeUtf8 } from "./utf8.js";

type StringColumn = Utf8Column | DictColumn;

const bit = (v: Validity, i: number): number => (v === null ? 1 : (v[i >> 3] >> (i & 7)) & 1);

function findEntry(d: Utf8Column, s: Uint8Array): number {
  const { data, offsets } = d;
  for (let k = 0; k < d.length; k++) {
    const st = offsets[k];
    if (offsets[k + 1] - st !== s.length) continue;
    let j = 0;
    while (j < s.length && data[st + j] === s[j]) j++;
    if (j === s.length) return k;
  }
  return -1;
}

function appendEntry(d: Utf8Column, s: Uint8Array): Utf8Column {
  const base = d.offsets[0];
  const used = d.offsets[d.length] - base;
  const data = new Uint8Array(used + s.length);
  data.set(d.data.subarray(base, base + used));
  data.set(s, used);
  const offsets = new Int32Array(d.length + 2);
  for (let k = 0; k <= d.length; k++) offsets[k] = d.offsets[k] - base;
  offsets[d.length + 1] = used + s.length;
  return { layout: "utf8", dtype: dtypes.utf8, length: d.length + 1, offsets, data, validity: null };
}

/** Fills the nulls of a string column with one string. */
export function fillNullUtf8Scalar(c: StringColumn, fill: string): StringColumn {
  const n = c.length;
  const v = c.validity;
  const s = encodeUtf8(fill);
  if (c.layout === "dict") {
    let code = findEntry(c.dictionary, s);
    const dictionary = code >= 0 ? c.dictionary : appendEntry(c.dictionary, s);
    if (code < 0) code = c.dictionary.length;
    const codes = c.codes.slice();
    for (let i = 0; i < n; i++) if (bit(v, i) === 0) codes[i] = code;
    return { layout: "dict", dtype: dtypes.utf8, length: n, codes, dictionary, validity: null };
  }
  const { offsets: so, data: sd } = c;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += bit(v, i) === 1 ? so[i + 1] - so[i] : s.length;
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const o = offsets[i];
    if (bit(v, i) === 1) {
      const st = so[i], len = so[i + 1] - st;
      if (len < 16) for (let k = 0; k < len; k++) data[o + k] = sd[st + k];
      else data.set(sd.subarray(st, st + len), o);
    } else data.set(s, o);
  }
  return { layout: "utf8", dtype: dtypes.utf8, length: n, offsets, data, validity: null };
}

/** Where each row's string lives: entry `codes ? codes[i] : i` of (data, offsets). */
interface Source { data: Uint8Array; offsets: Int32Array; codes: Int32Array | null }

const sourceOf = (c: StringColumn): Source => c.layout === "dict"
  ? { data: c.dictionary.data, offsets: c.dictionary.offsets, codes: c.codes }
  : { data: c.data, offsets: c.offsets, codes: null };

/** Fills the nulls of `c` from the same rows of `fill`; `validity` is the result's (c OR fill). */
export function fillNullUtf8Column(c: StringColumn, fill: StringColumn, validity: Validity): StringColumn {
  const n = c.length;
  const cv = c.validity;
  if (c.layout === "dict" && fill.layout === "dict") {
    let fillCodes = fill.codes;
    let dictionary = c.dictionary;
    let codes = c.codes.slice();
    if (fill.dictionary !== c.dictionary) {
      const u = unifyDictionaries([c, fill]);
      dictionary = u.dictionary;
      const [mc, mf] = u.remaps;
      for (let i = 0; i < n; i++) codes[i] = bit(cv, i) === 1 ? mc[codes[i]] : 0;
      fillCodes = new Int32Array(n);
      const fv = fill.validity;
      for (let i = 0; i < n; i++) if (bit(fv, i) === 1) fillCodes[i] = mf[fill.codes[i]];
    }
    for (let i = 0; i < n; i++) if (bit(cv, i) === 0) codes[i] = bit(validity, i) === 1 ? fillCodes[i] : 0;
    return { layout: "dict", dtype: dtypes.utf8, length: n, codes, dictionary, validity };
  }
  const a = sourceOf(c), b = sourceOf(fill);
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (bit(cv, i) === 1) { const j = a.codes === null ? i : a.codes[i]; total += a.offsets[j + 1] - a.offsets[j]; }
    else if (bit(validity, i) === 1) { const j = b.codes === null ? i : b.codes[i]; total += b.offsets[j + 1] - b.offsets[j]; }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    let src: Source;
    if (bit(cv, i) === 1) src = a;
    else if (bit(validity, i) === 1) src = b;
    else continue;
    const j = src.codes === null ? i : src.codes[i];
    const st = src.offsets[j], len = src.offsets[j + 1] - st, o = offsets[i];
    for (let k = 0; k < len; k++) data[o + k] = src.data[st + k];
  }
  return { layout: "utf8", dtype: dtypes.utf8, length: n, offsets, data, validity };
}
