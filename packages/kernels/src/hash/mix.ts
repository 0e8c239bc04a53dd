/**
 * Hash mixing functions on 32-bit integers (murmur3's finalizer and a byte-string hash).
 * All are pure integer arithmetic so the loops that call them stay allocation-free.
 */

/** murmur3 fmix32: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Hash of a 64-bit value given as its low and high 32-bit words. */
export function hashWords(lo: number, hi: number): number {
  return fmix32(Math.imul(lo, 0xcc9e2d51) ^ Math.imul(hi ^ 0x1b873593, 0x9e3779b1));
}

/**
 * Hash of a value of at most 12 bytes given as its length and three little-endian words, zero past
 * its end (how the CSV reader's dictionaries and the utf8 group ids hash short strings).
 */
export function hashShort(len: number, w0: number, w1: number, w2: number): number {
  let h = Math.imul(w0 ^ len, 0x9e3779b1) ^ Math.imul(w1, 0x85ebca6b) ^ Math.imul(w2 ^ 0x5bd1e995, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Hash of `bytes[start, end)`: 4 bytes at a time, murmur3-style, then the tail. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x9747b28c ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (end - i) {
    case 3: k ^= bytes[i + 2] << 16; // falls through
    case 2: k ^= bytes[i + 1] << 8; // falls through
    case 1:
      k ^= bytes[i];
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  return fmix32(h);
}

/** Smallest power of two ≥ max(n, 16). */
export function capacityFor(n: number): number {
  let c = 16;
  while (c < n) c *= 2;
  return c;
}
