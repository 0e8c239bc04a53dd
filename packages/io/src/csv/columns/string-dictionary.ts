/**
 * Interns the text values of a column into dense ids (first-seen order) while parsing, for
 * dictionary-encoded utf8 columns. Tuned for the short keys CSV files are full of: a value of at
 * most 12 bytes is packed into three 32-bit words (by the caller, with word loads, in the fast row
 * loop: {@link StringDictionary.internShort}), hashed and compared as integers (no byte loop);
 * longer values are hashed and compared bytewise. Both share one id space and one byte store.
 *
 * New values are checked to be UTF-8; an invalid one is not added (`intern` returns −1).
 *
 * @example
 * ```ts
 * const d = new StringDictionary();
 * const b = new TextEncoder().encode("id001,id002,id001");
 * d.intern(b, 0, 5);   // 0
 * d.intern(b, 6, 11);  // 1
 * d.intern(b, 12, 17); // 0
 * d.toColumn();        // utf8 column ["id001", "id002"]
 * ```
 */
import { dtypes } from "@dusk/core";
import { hashBytes, hashShort, type Utf8Column } from "@dusk/kernels";
import { isValidUtf8 } from "../utf8-check.js";

export class StringDictionary {
  /** Open addressing: id + 1 per slot, 0 = empty. */
  private slots = new Int32Array(1024);
  private mask = 1023;
  /** Per id: length, then the three packed words (short values) or the hash (long values). */
  private keys = new Int32Array(4096);
  private offsets = new Int32Array(1025);
  private data = new Uint8Array(8192);
  private bytes = 0;
  /** Distinct values so far. */
  size = 0;

  /** The id of `src[start, end)`, adding it when new; −1 when new and not valid UTF-8. */
  intern(src: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len <= 12) {
      // little-endian words of the value, zero past its end
      let w0 = 0, w1 = 0, w2 = 0;
      if (len >= 4) {
        w0 = src[start] | (src[start + 1] << 8) | (src[start + 2] << 16) | (src[start + 3] << 24);
        if (len >= 8) {
          w1 = src[start + 4] | (src[start + 5] << 8) | (src[start + 6] << 16) | (src[start + 7] << 24);
          for (let k = 8; k < len; k++) w2 |= src[start + k] << ((k - 8) << 3);
        } else for (let k = 4; k < len; k++) w1 |= src[start + k] << ((k - 4) << 3);
      } else for (let k = 0; k < len; k++) w0 |= src[start + k] << (k << 3);
      return this.internShort(len, w0, w1, w2, src, start);
    }
    const h = hashBytes(src, start, end);
    const slots = this.slots;
    const keys = this.keys;
    const mask = this.mask;
    let p = h & mask;
    for (;;) {
      const e = slots[p];
      if (e === 0) break;
      const k = (e - 1) << 2;
      if (keys[k + 1] === h && keys[k] === len && this.sameBytes(e - 1, src, start, len)) return e - 1;
      p = (p + 1) & mask;
    }
    return this.add(p, len, h, 0, 0, src, start);
  }

  /**
   * {@link intern} for a value of at most 12 bytes already packed by the caller: `w0`, `w1`, `w2`
   * are its bytes `src[start, start + len)` as little-endian 32-bit words, zero past its end (the
   * fast row loop reads them with three word loads while finding the field's end).
   */
  internShort(len: number, w0: number, w1: number, w2: number, src: Uint8Array, start: number): number {
    const slots = this.slots;
    const keys = this.keys;
    const mask = this.mask;
    let p = hashShort(len, w0, w1, w2) & mask;
    for (;;) {
      const e = slots[p];
      if (e === 0) return this.add(p, len, w0, w1, w2, src, start);
      const k = (e - 1) << 2;
      if (keys[k + 1] === w0 && keys[k + 2] === w1 && keys[k + 3] === w2 && keys[k] === len) return e - 1;
      p = (p + 1) & mask;
    }
  }

  private sameBytes(id: number, src: Uint8Array, start: number, len: number): boolean {
    const d = this.data;
    const o = this.offsets[id];
    for (let j = 0; j < len; j++) if (d[o + j] !== src[start + j]) return false;
    return true;
  }

  private add(slot: number, len: number, w0: number, w1: number, w2: number, src: Uint8Array, start: number): number {
    let high = 0;
    for (let j = 0; j < len; j++) high |= src[start + j];
    if ((high & 0x80) !== 0 && !isValidUtf8(src, start, start + len)) return -1;
    const id = this.size;
    if ((id + 1) * 4 > this.keys.length) {
      const k = new Int32Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    if (this.bytes + len > this.data.length) {
      let cap = this.data.length * 2;
      while (cap < this.bytes + len) cap *= 2;
      const d = new Uint8Array(cap);
      d.set(this.data.subarray(0, this.bytes));
      this.data = d;
    }
    const d = this.data;
    for (let j = 0; j < len; j++) d[this.bytes + j] = src[start + j];
    this.bytes += len;
    this.offsets[id + 1] = this.bytes;
    const k = id << 2;
    this.keys[k] = len;
    this.keys[k + 1] = w0;
    this.keys[k + 2] = w1;
    this.keys[k + 3] = w2;
    this.slots[slot] = id + 1;
    this.size = id + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const keys = this.keys;
    for (let id = 0; id < this.size; id++) {
      const k = id << 2;
      const len = keys[k];
      const h = len <= 12 ? hashShort(len, keys[k + 1], keys[k + 2], keys[k + 3]) : keys[k + 1];
      let p = h & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The distinct values in id order, as a utf8 column without nulls (copies). */
  toColumn(): Utf8Column {
    return {
      layout: "utf8", dtype: dtypes.utf8, length: this.size,
      offsets: this.offsets.slice(0, this.size + 1), data: this.data.slice(0, this.bytes), validity: null,
    };
  }
}
