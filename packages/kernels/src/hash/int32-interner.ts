/**
 * Maps 32-bit integer keys to dense ids 0, 1, 2, ... in first-seen order (open addressing,
 * linear probing, kept under 50 % load). Used for every key that fits 32 bits: int8..int32,
 * uint8..uint32 (as their bit pattern), date32, bool, and composite ids.
 */
import { capacityFor, fmix32 } from "./mix.js";

export class Int32Interner {
  /** id + 1 per slot; 0 = empty. */
  private slots: Int32Array;
  private mask: number;
  /** The key of each id, in id order. */
  keys: Int32Array;
  size = 0;

  constructor(expected = 16) {
    const cap = capacityFor(expected * 2);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keys = new Int32Array(Math.max(expected, 16));
  }

  /** The id of `key`, adding it when new. `key` must be an int32 (`x | 0`). */
  intern(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = fmix32(key) & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) break;
      if (this.keys[e - 1] === key) return e - 1;
      s = (s + 1) & mask;
    }
    const id = this.size++;
    if (id === this.keys.length) {
      const k = new Int32Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
    }
    this.keys[id] = key;
    slots[s] = id + 1;
    if (this.size * 2 > slots.length) this.grow();
    return id;
  }

  /** The id of `key`, or -1. */
  find(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = fmix32(key) & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) return -1;
      if (this.keys[e - 1] === key) return e - 1;
      s = (s + 1) & mask;
    }
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = fmix32(this.keys[id]) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
