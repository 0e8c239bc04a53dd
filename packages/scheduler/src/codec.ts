/**
 * How the engine handles results without knowing what they are: their size (for memory limits),
 * a copy whose large buffers are SharedArrayBuffers (sent to other threads without copying again),
 * and bytes for spilling to disk. Op modules may add codecs for their own values (graph's batches
 * spill as Arrow IPC); anything else goes through the generic codec below.
 */
import * as v8 from "node:v8";

export interface Codec {
  /** Whether this codec is for `v`. */
  handles(v: unknown): boolean;
  /** Bytes `v` holds in memory (an estimate is fine; typed arrays count exactly). */
  sizeOf(v: unknown): number;
  /** `v` with its typed arrays in shared memory: structured clone then shares instead of copying. */
  share(v: unknown): unknown;
  serialize(v: unknown): Uint8Array;
  deserialize(bytes: Uint8Array): unknown;
}

const isPlain = (v: object): boolean => {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

/** Approximate bytes of a value: typed arrays exactly (their view), strings 2 bytes a char, 8 per number. */
export function genericSizeOf(v: unknown, depth = 0): number {
  if (v === null || v === undefined) return 8;
  switch (typeof v) {
    case "number": case "boolean": return 8;
    case "bigint": return 16;
    case "string": return 40 + 2 * v.length;
    case "object": {
      if (ArrayBuffer.isView(v)) return v.byteLength;
      if (v instanceof ArrayBuffer || v instanceof SharedArrayBuffer) return v.byteLength;
      if (depth > 64) return 64;
      let n = 64;
      if (Array.isArray(v)) { for (const x of v) n += genericSizeOf(x, depth + 1); return n; }
      if (v instanceof Map) { for (const [k, x] of v) n += genericSizeOf(k, depth + 1) + genericSizeOf(x, depth + 1); return n; }
      for (const k of Object.keys(v)) n += 16 + genericSizeOf((v as Record<string, unknown>)[k], depth + 1);
      return n;
    }
    default: return 64;
  }
}

/** A copy of a typed array in shared memory (itself if already shared). */
export function shareView<T extends ArrayBufferView>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer || a instanceof DataView) return a;
  const C = a.constructor as new (b: SharedArrayBuffer, o: number, n: number) => T;
  const sab = new SharedArrayBuffer(a.byteLength);
  const out = new C(sab, 0, a.byteLength / (a as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return out;
}

/** `v` with every typed array (in plain objects and arrays) copied to shared memory; shared views are kept. */
export function shareDeep(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== "object") return v;
  if (ArrayBuffer.isView(v)) return shareView(v);
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(shareDeep(x, seen));
    return out;
  }
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = shareDeep((v as Record<string, unknown>)[k], seen);
  return Object.isFrozen(v) ? Object.freeze(out) : out;
}

/** `v` with shared typed arrays copied to ordinary memory (v8.serialize cannot write shared memory). */
function unshareDeep(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (v === null || typeof v !== "object") return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return v.buffer instanceof SharedArrayBuffer ? (v as unknown as { slice(): unknown }).slice() : v;
  }
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) { const out: unknown[] = []; seen.set(v, out); for (const x of v) out.push(unshareDeep(x, seen)); return out; }
  if (!isPlain(v)) return v;
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = unshareDeep((v as Record<string, unknown>)[k], seen);
  return out;
}

export const genericCodec: Codec = {
  handles: () => true,
  sizeOf: (v) => genericSizeOf(v),
  share: (v) => shareDeep(v),
  serialize: (v) => v8.serialize(unshareDeep(v)),
  deserialize: (b) => v8.deserialize(b),
};

/** The first codec that handles `v`, else the generic one. */
export function codecFor(codecs: readonly Codec[], v: unknown): Codec {
  for (const c of codecs) if (c.handles(v)) return c;
  return genericCodec;
}
