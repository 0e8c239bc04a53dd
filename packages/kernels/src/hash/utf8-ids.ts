/**
 * Dense first-seen ids of the values of a plain utf8 column, for grouping. Most string keys are
 * short (codes, ids, names): a value of at most 12 bytes is read as three little-endian words
 * (one DataView load each, masked to its length), hashed and compared as three integers, with no
 * byte loop; longer values go through a {@link BytesInterner}, and both kinds share one id space
 * in first-seen order. On 2.5 million 12-byte keys of 100,000 values this takes a third of the
 * time of interning every value as bytes.
 *
 * @example
 * ```ts
 * const col = columnFromValues(dtypes.utf8, ["b", "a", "b", null]) as Utf8Column;
 * const { ids, count, nullAt } = utf8Ids(col); // ids [0, 1, 0, -1], count 2, nullAt 2
 * ```
 */
import type { Utf8Column } from "../column.js";
import { BytesInterner } from "./bytes-interner.js";
import { hashBytes, hashShort } from "./mix.js";

/** Dense ids of one key column; -1 marks null rows. */
export interface Utf8Ids {
  readonly ids: Int32Array;
  /** Distinct non-null values. */
  readonly count: number;
  /** Distinct non-null values seen before the first null row; -1 when there is no null. */
  readonly nullAt: number;
}

/** The low `bytes` bytes (0–4) of `w`. */
const low = (w: number, bytes: number): number => (bytes >= 4 ? w : bytes <= 0 ? 0 : w & ((1 << (bytes << 3)) - 1));

/**
 * Hash of the string `data[s, e)` (`dv` a DataView over `data`): a value of at most 12 bytes as
 * its three words ({@link hashShort}, no byte loop), a longer one by {@link hashBytes}. The same
 * string hashes alike from a plain column and from a dictionary.
 */
export function hashString(data: Uint8Array, dv: DataView, s: number, e: number): number {
  const len = e - s;
  if (len > 12) return hashBytes(data, s, e);
  let w0 = 0, w1 = 0, w2 = 0;
  if (s + 12 <= data.length) {
    w0 = low(dv.getInt32(s, true), len);
    if (len > 4) w1 = low(dv.getInt32(s + 4, true), len - 4);
    if (len > 8) w2 = low(dv.getInt32(s + 8, true), len - 8);
  } else {
    for (let k = 0; k < len; k++) {
      const b = data[s + k];
      if (k < 4) w0 |= b << (k << 3);
      else if (k < 8) w1 |= b << ((k - 4) << 3);
      else w2 |= b << ((k - 8) << 3);
    }
  }
  return hashShort(len, w0, w1, w2);
}

export function utf8Ids(col: Utf8Column): Utf8Ids {
  const n = col.length;
  const { offsets, data, validity } = col;
  const ids = new Int32Array(n);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const dataLength = data.length;
  // short values: open addressing over (length, w0, w1, w2) per short id
  let cap = 1024;
  let mask = cap - 1;
  let slots = new Int32Array(cap);
  let keys = new Int32Array(4 * 512);
  /** Per short value (in its table order): its id in the shared space. */
  let shortIds = new Int32Array(512);
  let shorts = 0;
  // long values: their own interner, its ids mapped to the shared space
  let long: BytesInterner | null = null;
  let longIds: Int32Array | null = null;
  let count = 0;
  let nullAt = -1;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      ids[i] = -1;
      if (nullAt < 0) nullAt = count;
      continue;
    }
    const s = offsets[i], e = offsets[i + 1], len = e - s;
    if (len > 12) {
      long ??= new BytesInterner(1024);
      const before = long.size;
      const lid = long.intern(data, s, e);
      if (long.size > before) {
        if (longIds === null || lid >= longIds.length) {
          const grown = new Int32Array(Math.max(1024, lid * 2));
          if (longIds !== null) grown.set(longIds);
          longIds = grown;
        }
        longIds[lid] = count++;
      }
      ids[i] = longIds![lid];
      continue;
    }
    let w0 = 0, w1 = 0, w2 = 0;
    if (s + 12 <= dataLength) {
      w0 = low(dv.getInt32(s, true), len);
      if (len > 4) w1 = low(dv.getInt32(s + 4, true), len - 4);
      if (len > 8) w2 = low(dv.getInt32(s + 8, true), len - 8);
    } else {
      for (let k = 0; k < len; k++) {
        const b = data[s + k];
        if (k < 4) w0 |= b << (k << 3);
        else if (k < 8) w1 |= b << ((k - 4) << 3);
        else w2 |= b << ((k - 8) << 3);
      }
    }
    let p = hashShort(len, w0, w1, w2) & mask;
    for (;;) {
      const q = slots[p];
      if (q === 0) {
        const sid = shorts++;
        if (4 * shorts > keys.length) {
          const k2 = new Int32Array(keys.length * 2);
          k2.set(keys);
          keys = k2;
          const s2 = new Int32Array(shortIds.length * 2);
          s2.set(shortIds);
          shortIds = s2;
        }
        const k = sid << 2;
        keys[k] = len; keys[k + 1] = w0; keys[k + 2] = w1; keys[k + 3] = w2;
        shortIds[sid] = count;
        ids[i] = count++;
        slots[p] = sid + 1;
        if (shorts * 2 > cap) {
          cap *= 2;
          mask = cap - 1;
          slots = new Int32Array(cap);
          for (let j = 0; j < shorts; j++) {
            const kk = j << 2;
            let pp = hashShort(keys[kk], keys[kk + 1], keys[kk + 2], keys[kk + 3]) & mask;
            while (slots[pp] !== 0) pp = (pp + 1) & mask;
            slots[pp] = j + 1;
          }
        }
        break;
      }
      const k = (q - 1) << 2;
      if (keys[k + 1] === w0 && keys[k + 2] === w1 && keys[k + 3] === w2 && keys[k] === len) {
        ids[i] = shortIds[q - 1];
        break;
      }
      p = (p + 1) & mask;
    }
  }
  return { ids, count, nullAt };
}
