/**
 * Content tokens for in-memory data: a hash of names, dtypes and every byte of every column, so
 * equal data gives equal task keys (and shared work) and different data never collides in practice.
 */
import { formatDType, type DType } from "@dusk/core";
import { fmix32, hashBytes, type Batch, type Column } from "@dusk/kernels";

const CHUNK = 1 << 20;

class Hasher {
  private a = 0x243f6a88;
  private b = 0x85a308d3;
  private n = 0;

  bytes(u: Uint8Array): void {
    for (let s = 0; s < u.length; s += CHUNK) {
      const h = hashBytes(u, s, Math.min(u.length, s + CHUNK));
      this.a = fmix32(this.a ^ h);
      this.b = fmix32(Math.imul(this.b, 0x9e3779b1) ^ h ^ this.n++);
    }
    this.word(u.length);
  }

  word(x: number): void {
    this.a = fmix32(this.a ^ (x | 0));
    this.b = fmix32(Math.imul(this.b ^ (x / 4294967296), 0x85ebca6b) ^ this.n++);
  }

  text(s: string): void { this.bytes(new TextEncoder().encode(s)); }

  view(a: ArrayBufferView | null): void {
    if (a === null) { this.word(-1); return; }
    this.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }
}

function hashColumn(h: Hasher, c: Column): void {
  h.text(c.layout);
  h.word(c.length);
  h.view(c.validity);
  switch (c.layout) {
    case "bool": case "primitive": h.view(c.values); break;
    case "utf8": h.view(c.offsets); h.view(c.data); break;
    case "dict": h.view(c.codes); hashColumn(h, c.dictionary); break;
  }
}

export function dataToken(names: readonly string[], dtypes: readonly DType[], partitions: readonly Batch[]): string {
  const h = new Hasher();
  h.text(JSON.stringify([names, dtypes.map(formatDType)]));
  for (const p of partitions) {
    h.word(p.length);
    for (const c of p.columns) hashColumn(h, c);
  }
  return h.digest();
}
