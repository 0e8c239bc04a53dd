/**
 * UTF-8 string columns: building, reading single values at the edges, and byte comparison.
 * Byte order of UTF-8 equals code point order, which is the order Dusk sorts and compares strings in.
 */
import { dtypes } from "@dusk/core";
import type { Utf8Column, Validity } from "./column.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export const encodeUtf8 = (s: string): Uint8Array => encoder.encode(s);
export const decodeUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

/** Grows a utf8 column one value at a time, with amortized doubling. */
export class Utf8Builder {
  private data: Uint8Array;
  private offsets: Int32Array;
  private validity: Uint8Array | null = null;
  private n = 0;
  private bytes = 0;

  constructor(capacity = 16, byteCapacity = 256) {
    this.data = new Uint8Array(Math.max(byteCapacity, 16));
    this.offsets = new Int32Array(Math.max(capacity, 1) + 1);
  }

  get length(): number { return this.n; }

  private reserveRows(): void {
    if (this.n + 1 < this.offsets.length) return;
    const o = new Int32Array(this.offsets.length * 2);
    o.set(this.offsets);
    this.offsets = o;
  }

  private reserveBytes(extra: number): void {
    const need = this.bytes + extra;
    if (need <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < need) cap *= 2;
    const d = new Uint8Array(cap);
    d.set(this.data.subarray(0, this.bytes));
    this.data = d;
  }

  /** Appends `src[start, end)` as one value. */
  appendBytes(src: Uint8Array, start: number, end: number): void {
    this.reserveRows();
    const len = end - start;
    this.reserveBytes(len);
    this.data.set(src.subarray(start, end), this.bytes);
    this.bytes += len;
    this.n++;
    this.offsets[this.n] = this.bytes;
    if (this.validity !== null) this.markValid(this.n - 1);
  }

  append(s: string): void {
    // worst case 3 bytes per UTF-16 code unit
    this.reserveRows();
    this.reserveBytes(s.length * 3);
    const { written } = encoder.encodeInto(s, this.data.subarray(this.bytes));
    this.bytes += written;
    this.n++;
    this.offsets[this.n] = this.bytes;
    if (this.validity !== null) this.markValid(this.n - 1);
  }

  appendNull(): void {
    this.reserveRows();
    if (this.validity === null) {
      this.validity = new Uint8Array(Math.max(this.offsets.length >> 3, 8));
      for (let i = 0; i < this.n; i++) this.validity[i >> 3] |= 1 << (i & 7);
    }
    this.n++;
    this.offsets[this.n] = this.bytes;
    this.ensureValidityCapacity();
  }

  private ensureValidityCapacity(): void {
    if (this.validity === null) return;
    const need = (this.n + 8) >> 3;
    if (need <= this.validity.length) return;
    const v = new Uint8Array(Math.max(need, this.validity.length * 2));
    v.set(this.validity);
    this.validity = v;
  }

  private markValid(i: number): void {
    this.ensureValidityCapacity();
    this.validity![i >> 3] |= 1 << (i & 7);
  }

  finish(): Utf8Column {
    const n = this.n;
    let validity: Validity = null;
    if (this.validity !== null) {
      validity = this.validity.slice(0, (n + 7) >> 3);
      const tail = n & 7;
      if (tail !== 0) validity[validity.length - 1] &= (1 << tail) - 1;
    }
    return {
      layout: "utf8",
      dtype: dtypes.utf8,
      length: n,
      offsets: this.offsets.slice(0, n + 1),
      data: this.data.slice(0, this.bytes),
      validity,
    };
  }
}

/** A utf8 column from JS strings (null for missing values). */
export function utf8FromStrings(values: readonly (string | null | undefined)[]): Utf8Column {
  const b = new Utf8Builder(values.length, values.length * 8);
  for (const v of values) {
    if (v === null || v === undefined) b.appendNull();
    else b.append(v);
  }
  return b.finish();
}

/** The string at row i, ignoring validity. For edges and tests, not hot loops. */
export function utf8Value(col: Utf8Column, i: number): string {
  return decoder.decode(col.data.subarray(col.offsets[i], col.offsets[i + 1]));
}

/** Compares value i of `a` with value j of `b` bytewise (= code point order): negative, 0 or positive. */
export function compareUtf8(a: Utf8Column, i: number, b: Utf8Column, j: number): number {
  return compareBytes(a.data, a.offsets[i], a.offsets[i + 1], b.data, b.offsets[j], b.offsets[j + 1]);
}

export function compareBytes(
  a: Uint8Array, aStart: number, aEnd: number,
  b: Uint8Array, bStart: number, bEnd: number,
): number {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  const n = la < lb ? la : lb;
  for (let k = 0; k < n; k++) {
    const d = a[aStart + k] - b[bStart + k];
    if (d !== 0) return d;
  }
  return la - lb;
}

/** True when value i of `a` and value j of `b` hold the same bytes. */
export function equalUtf8(a: Utf8Column, i: number, b: Utf8Column, j: number): boolean {
  const as = a.offsets[i], ae = a.offsets[i + 1];
  const bs = b.offsets[j], be = b.offsets[j + 1];
  if (ae - as !== be - bs) return false;
  for (let k = 0; k < ae - as; k++) if (a.data[as + k] !== b.data[bs + k]) return false;
  return true;
}
