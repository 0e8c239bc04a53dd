/**
 * Maps 64-bit keys, given as (low, high) 32-bit words, to dense ids in first-seen order.
 * Used for int64, uint64, timestamp and float64 keys (the latter by their bit pattern).
 */
import { capacityFor, hashWords } from "./mix.js";

export class Int64Interner {
  private slots: Int32Array;
  private mask: number;
  /** Two words per id: lo at 2*id, hi at 2*id + 1. */
  words: Int32Array;
  size = 0;

  constructor(expected = 16) {
    const cap = capacityFor(expected * 2);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.words = new Int32Array(Math.max(expected, 16) * 2);
  }

  intern(lo: number, hi: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const w = this.words;
    let s = hashWords(lo, hi) & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) break;
      const id = e - 1;
      if (w[2 * id] === lo && w[2 * id + 1] === hi) return id;
      s = (s + 1) & mask;
    }
    const id = this.size++;
    if (2 * id === this.words.length) {
      const k = new Int32Array(this.words.length * 2);
      k.set(this.words);
      this.words = k;
    }
    this.words[2 * id] = lo;
    this.words[2 * id + 1] = hi;
    slots[s] = id + 1;
    if (this.size * 2 > slots.length) this.grow();
    return id;
  }

  find(lo: number, hi: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const w = this.words;
    let s = hashWords(lo, hi) & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) return -1;
      const id = e - 1;
      if (w[2 * id] === lo && w[2 * id + 1] === hi) return id;
      s = (s + 1) & mask;
    }
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const w = this.words;
    for (let id = 0; id < this.size; id++) {
      let s = hashWords(w[2 * id], w[2 * id + 1]) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
