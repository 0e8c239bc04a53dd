/**
 * Stable multi-key sorting: the permutation that orders rows by one or more key columns.
 *
 * Every key is turned into unsigned 32-bit words whose unsigned order is the wanted order (sign bits
 * flipped for signed and float values, all bits inverted for descending keys, strings replaced by the
 * rank of their bytes, nulls and NaN moved by a flag word), and the rows are ordered by an LSD radix
 * sort over those words, which is stable and skips digits where every row agrees.
 *
 * @example
 * ```ts
 * const a = columnFromValues(dtypes.int32, [3, 1, null, 1]);
 * const b = columnFromValues(dtypes.utf8, ["x", "b", "c", "a"]);
 * sortIndices([a]);                                   // Int32Array [1, 3, 0, 2]   (null last)
 * sortIndices([a, b], { ascending: [false, true] });  // Int32Array [0, 3, 1, 2]
 * sortIndices([a], { nullsLast: false });             // Int32Array [2, 1, 3, 0]
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Column, Utf8Column, Validity } from "./column.js";
import { int64Words } from "./column.js";
import { dictEncode } from "./dictionary.js";

/**
 * Options of {@link sortIndices}.
 *
 * @example
 * ```ts
 * sortIndices([a, b], { ascending: [true, false], nullsLast: false });
 * ```
 */
export interface SortOptions {
  /** One flag for every key, or one per key. Default true. */
  readonly ascending?: boolean | readonly boolean[];
  /** Nulls (and NaN) after every value, whatever the direction. Default true; false puts them first. */
  readonly nullsLast?: boolean;
}

/**
 * The stable permutation of 0..n-1 that sorts the rows by `columns` (first key most significant).
 * Strings sort by UTF-8 bytes (code point order), floats by value with -0 equal to 0, int64 and
 * uint64 exactly; nulls and NaN go last by default regardless of direction (as in pandas).
 *
 * @example
 * ```ts
 * const v = columnFromValues(dtypes.float64, [2.5, NaN, -1, null, 2.5]);
 * sortIndices([v]);                        // Int32Array [2, 0, 4, 1, 3]
 * sortIndices([v], { ascending: false });  // Int32Array [0, 4, 2, 1, 3]
 * ```
 */
export function sortIndices(columns: readonly Column[], options: SortOptions = {}): Int32Array {
  return orderByWords(sortKeyWords(columns, options), columns[0]?.length ?? 0);
}

/**
 * The words {@link sortIndices} orders rows by: unsigned 32-bit words per row, most significant
 * first, whose lexicographic order (ties kept in row order) is the sort's order.
 *
 * @example
 * ```ts
 * const words = sortKeyWords([v], { ascending: false });
 * orderByWords(words, v.length); // = sortIndices([v], { ascending: false })
 * ```
 */
export function sortKeyWords(columns: readonly Column[], options: SortOptions = {}): Uint32Array[] {
  if (columns.length === 0) throw new DuskError("INVALID_ARGUMENT", "sortIndices: needs at least one key column");
  const n = columns[0].length;
  const asc = options.ascending ?? true;
  if (typeof asc !== "boolean" && asc.length !== columns.length) {
    throw new DuskError("INVALID_ARGUMENT",
      `sortIndices: ${asc.length} ascending flags for ${columns.length} key columns`, { keys: columns.length, flags: asc.length });
  }
  const nullsLast = options.nullsLast ?? true;
  const words: Uint32Array[] = [];
  for (let k = 0; k < columns.length; k++) {
    const col = columns[k];
    if (col.length !== n) {
      throw new DuskError("INVALID_ARGUMENT", `sortIndices: key column ${k} has ${col.length} rows but key column 0 has ${n}`);
    }
    keyWords(col, typeof asc === "boolean" ? asc : asc[k], nullsLast, words);
  }
  return words;
}

/** Appends the words of one key (most significant first) to `out`. */
function keyWords(col: Column, ascending: boolean, nullsLast: boolean, out: Uint32Array[]): void {
  const n = col.length;
  const flip = ascending ? 0 : -1; // XOR mask: invert every bit for descending keys
  switch (col.layout) {
    case "bool": {
      const w = new Uint32Array(n);
      const v = col.values;
      for (let i = 0; i < n; i++) w[i] = v[i] ^ flip;
      pushWithNulls(out, [w], col.validity, null, nullsLast);
      return;
    }
    case "utf8":
    case "dict": {
      const dict = col.layout === "dict" ? col : dictEncode(col);
      const ranks = dictionaryRanks(dict.dictionary);
      const codes = dict.codes;
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) w[i] = ranks[codes[i]] ^ flip;
      pushWithNulls(out, [w], col.validity, null, nullsLast);
      return;
    }
    case "primitive": {
      const v = col.values;
      switch (col.dtype.kind) {
        case "int8": case "int16": case "int32": case "date32": {
          const w = new Uint32Array(n);
          const s = v as Int8Array | Int16Array | Int32Array;
          for (let i = 0; i < n; i++) w[i] = (s[i] ^ -2147483648) ^ flip;
          pushWithNulls(out, [w], col.validity, null, nullsLast);
          return;
        }
        case "uint8": case "uint16": case "uint32": {
          const w = new Uint32Array(n);
          const s = v as Uint8Array | Uint16Array | Uint32Array;
          for (let i = 0; i < n; i++) w[i] = s[i] ^ flip;
          pushWithNulls(out, [w], col.validity, null, nullsLast);
          return;
        }
        case "int64": case "uint64": case "timestamp": {
          const src = int64Words(v as BigInt64Array | BigUint64Array);
          const signBit = col.dtype.kind === "uint64" ? 0 : -2147483648;
          const hi = new Uint32Array(n);
          const lo = new Uint32Array(n);
          for (let i = 0; i < n; i++) {
            hi[i] = (src[2 * i + 1] ^ signBit) ^ flip;
            lo[i] = src[2 * i] ^ flip;
          }
          pushWithNulls(out, [hi, lo], col.validity, null, nullsLast);
          return;
        }
        case "float32": {
          const f = v as Float32Array;
          const bits = new Int32Array(f.buffer, f.byteOffset, n);
          const w = new Uint32Array(n);
          const nan = new Uint8Array(n);
          let anyNaN = false;
          for (let i = 0; i < n; i++) {
            let b = bits[i];
            if ((b & 0x7fffffff) > 0x7f800000) { nan[i] = 1; anyNaN = true; b = 0; }
            else if (b === -2147483648) b = 0; // -0 sorts as 0
            w[i] = (b < 0 ? ~b : b ^ -2147483648) ^ flip;
          }
          pushWithNulls(out, [w], col.validity, anyNaN ? nan : null, nullsLast);
          return;
        }
        case "float64": {
          const f = v as Float64Array;
          const src = new Int32Array(f.buffer, f.byteOffset, 2 * n);
          const hi = new Uint32Array(n);
          const lo = new Uint32Array(n);
          const nan = new Uint8Array(n);
          let anyNaN = false;
          for (let i = 0; i < n; i++) {
            let h = src[2 * i + 1], l = src[2 * i];
            if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) | l) !== 0) { nan[i] = 1; anyNaN = true; h = 0; l = 0; }
            else if (h === -2147483648 && l === 0) h = 0; // -0 sorts as 0
            if (h < 0) { h = ~h; l = ~l; } else h ^= -2147483648;
            hi[i] = h ^ flip;
            lo[i] = l ^ flip;
          }
          pushWithNulls(out, [hi, lo], col.validity, anyNaN ? nan : null, nullsLast);
          return;
        }
      }
    }
  }
}

/**
 * Pushes a key's value words, preceded by a flag word when the key has nulls or NaN (`nan`, one
 * byte per row). Missing rows get flag 1 (last) or 0 (first) and all-zero value words, so they tie
 * on this key and the next key decides among them.
 */
function pushWithNulls(out: Uint32Array[], value: Uint32Array[], validity: Validity, nan: Uint8Array | null, nullsLast: boolean): void {
  if (validity === null && nan === null) { out.push(...value); return; }
  const n = value[0].length;
  const flag = new Uint32Array(n);
  const missing = nullsLast ? 1 : 0;
  let any = false;
  for (let i = 0; i < n; i++) {
    const isMissing = (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) || (nan !== null && nan[i] === 1);
    if (isMissing) {
      any = true;
      flag[i] = missing;
      for (let k = 0; k < value.length; k++) value[k][i] = 0;
    } else flag[i] = missing ^ 1;
  }
  if (any) out.push(flag);
  out.push(...value);
}

/** Rows below which a stable insertion sort beats radix passes. */
const SMALL = 32;

/**
 * Stable order of rows by `words` (lexicographic, each word unsigned, first most significant).
 *
 * @example
 * ```ts
 * orderByWords([Uint32Array.of(2, 1, 2)], 3); // Int32Array [1, 0, 2]
 * ```
 */
export function orderByWords(words: readonly Uint32Array[], n: number): Int32Array {
  let src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  if (n < 2 || words.length === 0) return src;
  if (n <= SMALL) return insertionOrder(words, src);
  let dst = new Int32Array(n);
  const bits = n >= 1 << 17 ? 16 : n >= 1 << 11 ? 11 : 8;
  const mask = (1 << bits) - 1;
  const count = new Int32Array(1 << bits);
  for (let w = words.length - 1; w >= 0; w--) {
    const W = words[w];
    for (let shift = 0; shift < 32; shift += bits) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[(W[i] >>> shift) & mask]++;
      if (count[(W[0] >>> shift) & mask] === n) continue; // every row has this digit
      let sum = 0;
      for (let b = 0; b <= mask; b++) { const c = count[b]; count[b] = sum; sum += c; }
      for (let j = 0; j < n; j++) {
        const i = src[j];
        dst[count[(W[i] >>> shift) & mask]++] = i;
      }
      const t = src; src = dst; dst = t;
    }
  }
  return src;
}

function insertionOrder(words: readonly Uint32Array[], order: Int32Array): Int32Array {
  for (let j = 1; j < order.length; j++) {
    const x = order[j];
    let k = j - 1;
    while (k >= 0 && compareRows(words, order[k], x) > 0) { order[k + 1] = order[k]; k--; }
    order[k + 1] = x;
  }
  return order;
}

function compareRows(words: readonly Uint32Array[], a: number, b: number): number {
  for (let w = 0; w < words.length; w++) {
    const x = words[w][a], y = words[w][b];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The rank of each dictionary entry in UTF-8 byte order: dense (0, 1, 2, ...), equal strings get
 * equal ranks. Each entry is compared O(log n) times, with an 8-byte prefix compared as integers first.
 *
 * @example
 * ```ts
 * dictionaryRanks(columnFromValues(dtypes.utf8, ["b", "a", "c", "a"]) as Utf8Column); // Int32Array [1, 0, 2, 0]
 * ```
 */
export function dictionaryRanks(dict: Utf8Column): Int32Array {
  const n = dict.length;
  const { offsets, data } = dict;
  // big-endian first 12 bytes, zero padded, sign-flipped so signed compare = unsigned order (keys
  // like "id0000012345" differ only past their 8th byte)
  const p0 = new Int32Array(n);
  const p1 = new Int32Array(n);
  const p2 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = offsets[i], e = offsets[i + 1];
    let a = 0, b = 0, c = 0;
    for (let k = 0; k < 4; k++) a = (a << 8) | (s + k < e ? data[s + k] : 0);
    for (let k = 4; k < 8; k++) b = (b << 8) | (s + k < e ? data[s + k] : 0);
    for (let k = 8; k < 12; k++) c = (c << 8) | (s + k < e ? data[s + k] : 0);
    p0[i] = a ^ -2147483648;
    p1[i] = b ^ -2147483648;
    p2[i] = c ^ -2147483648;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Int32Array(n);
  // insertion-sorted runs of RUN, then bottom-up merges
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let j = lo + 1; j < hi; j++) {
      const x = order[j];
      let k = j - 1;
      while (k >= lo && compareEntries(p0, p1, p2, offsets, data, order[k], x) > 0) { order[k + 1] = order[k]; k--; }
      order[k + 1] = x;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width), hi = Math.min(n, lo + 2 * width);
      let i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        if (compareEntries(p0, p1, p2, offsets, data, order[j], order[i]) < 0) tmp[o++] = order[j++];
        else tmp[o++] = order[i++];
      }
      while (i < mid) tmp[o++] = order[i++];
      while (j < hi) tmp[o++] = order[j++];
    }
    const t = order; order = tmp; tmp = t;
  }
  const ranks = new Int32Array(n);
  let rank = -1;
  for (let k = 0; k < n; k++) {
    const e = order[k];
    if (k === 0 || compareEntries(p0, p1, p2, offsets, data, order[k - 1], e) !== 0) rank++;
    ranks[e] = rank;
  }
  return ranks;
}

function compareEntries(p0: Int32Array, p1: Int32Array, p2: Int32Array, offsets: Int32Array, data: Uint8Array, a: number, b: number): number {
  if (p0[a] !== p0[b]) return p0[a] < p0[b] ? -1 : 1;
  if (p1[a] !== p1[b]) return p1[a] < p1[b] ? -1 : 1;
  if (p2[a] !== p2[b]) return p2[a] < p2[b] ? -1 : 1;
  // equal zero-padded prefixes: the bytes from 12 decide, then the length (padding makes "a" and
  // "a\0" tie here)
  const as = offsets[a], ae = offsets[a + 1], bs = offsets[b], be = offsets[b + 1];
  const la = ae - as, lb = be - bs;
  const m = la < lb ? la : lb;
  for (let k = 12; k < m; k++) {
    const d = data[as + k] - data[bs + k];
    if (d !== 0) return d;
  }
  return la - lb;
}
