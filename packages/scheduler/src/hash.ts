/** A 64-bit content hash (two 32-bit lanes) of bytes, as 16 hex digits, for deterministic task keys. */
export function hashBytes64(bytes: Uint8Array): string {
  let a = 0x811c9dc5 | 0, b = 0x9747b28c | 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const mix = (h: number): number => {
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
    return h >>> 0;
  };
  return mix(a ^ bytes.length).toString(16).padStart(8, "0") + mix(b).toString(16).padStart(8, "0");
}
