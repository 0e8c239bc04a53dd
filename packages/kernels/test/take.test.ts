/**
 * take on utf8 columns: values of every length around the word-copy paths (0–40 bytes,
 * multi-byte UTF-8), nulls, -1 indices, repeated and reversed indices, and a column whose data is
 * a view into a larger buffer; checked against the values taken one by one.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, columnToValues, concatBatches, dictDecode, partitionIds, splitBatch, take, type Batch, type Column, type Utf8Column } from "@dusk/kernels";

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

/** Every buffer of a column (values, offsets, data, codes, validity). */
function buffers(c: Column): ArrayBufferView[] {
  const own: (ArrayBufferView | null)[] = [c.validity];
  if (c.layout === "utf8") own.push(c.offsets, c.data);
  else if (c.layout === "dict") own.push(c.codes);
  else own.push(c.values);
  return own.filter((b): b is ArrayBufferView => b !== null);
}

describe("take into shared memory, and splitBatch", () => {
  const next = rng(9);
  const n = 1000;
  const pick = <T>(f: () => T): (T | null)[] => Array.from({ length: n }, () => (next() < 0.1 ? null : f()));
  const columns: Column[] = [
    columnFromValues(dtypes.int64, pick(() => BigInt(Math.floor(next() * 2 ** 40)) - 2n ** 39n)),
    columnFromValues(dtypes.uint64, pick(() => BigInt(Math.floor(next() * 2 ** 52)) * 4096n)),
    columnFromValues(dtypes.float64, pick(() => next() * 100 - 50)),
    columnFromValues(dtypes.int16, pick(() => Math.floor(next() * 60000) - 30000)),
    columnFromValues(dtypes.bool, pick(() => next() < 0.5)),
    columnFromValues(dtypes.utf8, pick(() => `v${Math.floor(next() * 50)}`)),
  ];
  const batch: Batch = { names: columns.map((_, j) => `c${j}`), columns, length: n };

  it("gives the same rows in SharedArrayBuffers (64-bit values, -1 indices as nulls)", () => {
    const indices = Int32Array.from({ length: 700 }, () => (next() < 0.05 ? -1 : Math.floor(next() * n)));
    for (const c of columns) {
      const plain = take(c, indices), shared = take(c, indices, true);
      expect(columnToValues(shared), c.dtype.kind).toEqual(columnToValues(plain));
      expect(columnToValues(plain), c.dtype.kind).toEqual(Array.from(indices, (j) => (j < 0 ? null : columnToValues(c)[j])));
      for (const b of buffers(shared)) expect(b.buffer instanceof SharedArrayBuffer, c.dtype.kind).toBe(true);
      for (const b of buffers(plain)) expect(b.buffer instanceof SharedArrayBuffer, c.dtype.kind).toBe(false);
    }
  });

  it("concatenates into shared memory alike (dictionaries of different pieces merged)", () => {
    const dictOf = (vals: (string | null)[]): Column => {
      const u = columnFromValues(dtypes.utf8, vals) as Utf8Column;
      const entries = [...new Set(vals.filter((v): v is string => v !== null))];
      const dictionary = columnFromValues(dtypes.utf8, entries) as Utf8Column;
      const codes = Int32Array.from(vals, (v) => (v === null ? 0 : entries.indexOf(v)));
      return { layout: "dict", dtype: dtypes.utf8, length: vals.length, codes, dictionary, validity: u.validity };
    };
    const dicts = [dictOf(["a", null, "b", "a"]), dictOf(["c", "a", null])];
    const rows = [Int32Array.of(0, 1, 2, 3), Int32Array.of(4, 5, 6)];
    const pieces: Batch[] = rows.map((r, k) => ({
      names: [...batch.names, "d"], columns: [...columns.map((c) => take(c, r)), dicts[k]], length: r.length,
    }));
    const names = pieces[0].names, types = pieces[0].columns.map((c) => c.dtype);
    const plain = concatBatches(pieces, names, types), shared = concatBatches(pieces, names, types, true);
    shared.columns.forEach((c, j) => {
      expect(columnToValues(c), names[j]).toEqual(columnToValues(plain.columns[j]));
      for (const b of buffers(c)) expect(b.buffer instanceof SharedArrayBuffer, names[j]).toBe(true);
    });
    expect(columnToValues(shared.columns[columns.length])).toEqual(["a", null, "b", "a", "c", "a", null]);
  });

  it("splits rows into parts by id, in order, as ranges of shared memory", () => {
    const ids = partitionIds([columns[0]], 4);
    const parts = splitBatch(batch, ids, 4);
    expect(parts.reduce((a, p) => a + p.length, 0)).toBe(n);
    for (let p = 0; p < 4; p++) {
      const rows = Int32Array.from([...ids.keys()].filter((i) => ids[i] === p));
      parts[p].columns.forEach((c, j) => {
        expect(columnToValues(c), `part ${p}, column ${j}`).toEqual(columnToValues(take(columns[j], rows)));
        // validity bitmaps of parts not starting at a multiple of 8 rows are re-based copies
        const shared = buffers(c).filter((b) => b !== c.validity);
        for (const b of shared) expect(b.buffer instanceof SharedArrayBuffer).toBe(true);
      });
    }
  });
});
