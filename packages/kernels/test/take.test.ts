/**
 * take on utf8 columns: values of every length around the word-copy paths (0–40 bytes,
 * multi-byte UTF-8), nulls, -1 indices, repeated and reversed indices, and a column whose data is
 * a view into a larger buffer; checked against the values taken one by one.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, columnToValues, dictDecode, take, type Utf8Column } from "@dusk/kernels";

function rng(seed: number): () => number {
  let x = seed;
  return () => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) / (1 << 24); };
}

const ALPHABET = ["a", "Z", "0", ",", "é", "日", "🙂"];

describe("take of utf8 columns", () => {
  it("copies every value exactly, whatever its length and place in the data", () => {
    const next = rng(3);
    for (let round = 0; round < 20; round++) {
      const n = 1 + Math.floor(next() * 300);
      const values = Array.from({ length: n }, () => {
        if (next() < 0.1) return null;
        const len = Math.floor(next() * 41);
        let s = "";
        for (let k = 0; k < len; k++) s += next() < 0.8 ? "x" : ALPHABET[Math.floor(next() * ALPHABET.length)];
        return s;
      });
      const col = columnFromValues(dtypes.utf8, values) as Utf8Column;
      const m = Math.floor(next() * 400);
      const indices = Int32Array.from({ length: m }, () => (next() < 0.05 ? -1 : Math.floor(next() * n)));
      const want = Array.from(indices, (j) => (j < 0 ? null : values[j]));
      expect(columnToValues(take(col, indices)), `round ${round}`).toEqual(want);
      // the same data as a view at an odd offset into a larger buffer, ending at its last value
      const shifted = new Uint8Array(col.data.length + 5);
      shifted.set(col.data, 5);
      const view: Utf8Column = { ...col, data: shifted.subarray(5) };
      expect(columnToValues(take(view, indices)), `round ${round} (view)`).toEqual(want);
      const reversed = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
      expect(columnToValues(take(col, reversed))).toEqual([...values].reverse());
    }
  });

  it("decodes dictionary columns through the same copy", () => {
    const dictionary = columnFromValues(dtypes.utf8, ["id001", "id0000012345", "", "a much longer value than sixteen bytes", "日本"]) as Utf8Column;
    const codes = Int32Array.from([1, 0, 4, 3, 2, 1, 1, 0]);
    const validity = Uint8Array.of(0b11101111);
    const decoded = dictDecode({ layout: "dict", dtype: dtypes.utf8, length: 8, codes, dictionary, validity });
    expect(columnToValues(decoded)).toEqual(["id0000012345", "id001", "日本", "a much longer value than sixteen bytes", null, "id0000012345", "id0000012345", "id001"]);
  });
});
