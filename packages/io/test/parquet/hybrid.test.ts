// The RLE / bit-packing hybrid decoder at every bit width, including the widths above 24 that no
// dictionary in the other tests is large enough to need, against a bit-by-bit reference packer.
import { describe, expect, it } from "vitest";
import { Rng } from "@dusk/testing";
import { decodeHybrid } from "../../src/parquet/decode/hybrid.js";

/** A hybrid sequence: one bit-packed run of `values` (padded to groups of 8), then one repeated run. */
function encode(values: readonly number[], bitWidth: number, repeated: number, repeats: number): Uint8Array {
  const groups = Math.ceil(values.length / 8);
  const valueBytes = (bitWidth + 7) >> 3;
  const out = new Uint8Array(2 + groups * bitWidth + 1 + valueBytes);
  out[0] = ((groups << 1) | 1) & 0x7f | 0x80; // varint header over two bytes
  out[1] = (groups << 1) >> 7;
  let bit = 0;
  for (const v of values) {
    for (let k = 0; k < bitWidth; k++, bit++) if (Math.floor(v / 2 ** k) % 2 === 1) out[2 + (bit >> 3)] |= 1 << (bit & 7);
  }
  let at = 2 + groups * bitWidth;
  out[at++] = repeats << 1;
  for (let k = 0; k < valueBytes; k++) out[at++] = Math.floor(repeated / 2 ** (8 * k)) % 256;
  return out;
}

describe("decodeHybrid", () => {
  it("decodes bit-packed and repeated runs at every bit width from 0 to 32", () => {
    const rng = new Rng(5);
    for (let bitWidth = 0; bitWidth <= 32; bitWidth++) {
      const n = 8 * 9 + 5; // a partial last group
      const values = Array.from({ length: n }, () => Math.floor(rng.float() * 2 ** bitWidth));
      const repeated = Math.floor(rng.float() * 2 ** bitWidth);
      const bytes = encode(values, bitWidth, repeated, 40);
      const out = new Int32Array(n + 40);
      decodeHybrid(bytes, 0, bytes.length, bitWidth, n, out, 0);
      decodeHybrid(bytes, 2 + Math.ceil(n / 8) * bitWidth, bytes.length, bitWidth, 40, out, n);
      expect([...out].map((v) => v >>> 0), `bit width ${bitWidth}`).toEqual([...values, ...Array(40).fill(repeated)]);
    }
  });

  it("rejects a run that needs bytes past the end of its data", () => {
    const bytes = encode([1, 2, 3, 4, 5, 6, 7, 8], 20, 0, 1);
    expect(() => decodeHybrid(bytes, 0, 10, 20, 8, new Int32Array(8), 0)).toThrow(/needs 20 bytes/);
  });
});
