/**
 * Maps byte strings (UTF-8 values) to dense ids in first-seen order. The distinct values are kept
 * as a utf8 column ({@link BytesInterner.toColumn}), which is how dictionaries are built.
 */
import { dtypes } from "@dusk/core";
import type { Utf8Column } from "../column.js";
import { capacityFor, hashBytes } from "./mix.js";

export class BytesInterner {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private data: Uint8Array;
  private bytes = 0;
  size = 0;

  constructor(expected = 16, expectedBytes = expected * 8) {
    const cap = capacityFor(expected * 2);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.hashes = new Int32Array(Math.max(expected, 16) + 1);
    this.offsets = new Int32Array(Math.max(expected, 16) + 1);
    this.data = new Uint8Array(Math.max(expectedBytes, 64));
  }

  /** The id of `src[start, end)`, adding it when new. */
  intern(src: Uint8Array, start: number, end: number): number {
    const h = hashBytes(src, start, end);
    const len = end - start;
    const slots = this.slots;
    const mask = this.mask;
    let s = h & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) break;
      const id = e - 1;
      if (this.hashes[id] === h) {
        const os = this.offsets[id];
        if (this.offsets[id + 1] - os === len) {
          const d = this.data;
          let k = 0;
          while (k < len && d[os + k] === src[start + k]) k++;
          if (k === len) return id;
        }
      }
      s = (s + 1) & mask;
    }
    const id = this.size++;
    if (id + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
      const hs = new Int32Array(o.length);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    if (this.bytes + len > this.data.length) {
      let cap = this.data.length * 2;
      while (cap < this.bytes + len) cap *= 2;
      const d = new Uint8Array(cap);
      d.set(this.data.subarray(0, this.bytes));
      this.data = d;
    }
    this.data.set(src.subarray(start, end), this.bytes);
    this.bytes += len;
    this.offsets[id + 1] = this.bytes;
    this.hashes[id] = h;
    slots[s] = id + 1;
    if (this.size * 2 > slots.length) this.grow();
    return id;
  }

  /** The id of `src[start, end)`, or -1. */
  find(src: Uint8Array, start: number, end: number): number {
    const h = hashBytes(src, start, end);
    const len = end - start;
    let s = h & this.mask;
    for (;;) {
      const e = this.slots[s];
      if (e === 0) return -1;
      const id = e - 1;
      if (this.hashes[id] === h) {
        const os = this.offsets[id];
        if (this.offsets[id + 1] - os === len) {
          const d = this.data;
          let k = 0;
          while (k < len && d[os + k] === src[start + k]) k++;
          if (k === len) return id;
        }
      }
      s = (s + 1) & this.mask;
    }
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The distinct values in id order, as a utf8 column without nulls (copies). */
  toColumn(): Utf8Column {
    return {
      layout: "utf8",
      dtype: dtypes.utf8,
      length: this.size,
      offsets: this.offsets.slice(0, this.size + 1),
      data: this.data.slice(0, this.bytes),
      validity: null,
    };
  }
}
