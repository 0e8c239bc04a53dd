// Generated columns of every dtype, nulls and edge values included, written and read back by our
// reader exactly; the chunked output is the same text as the whole one.
import { dtypes, type DType, type DTypeName } from "@dusk/core";
import { columnFromValues, type Batch, type Column } from "@dusk/kernels";
import { column } from "@dusk/testing";
import { describe, expect, it } from "vitest";
import { formatCsv, formatCsvChunks, type CsvWriteOptions } from "../../src/csv/write-format.js";
import { batchOf, dictColumn, dtypeOptions, expectSameBatch, floatColumn, readBack, rng, text } from "./helpers.js";

const DTYPES: DTypeName[] = [
  "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64", "utf8", "date32",
  "timestamp[s]", "timestamp[ms]", "timestamp[us]", "timestamp[ns]", "timestamp[ms, UTC]", "timestamp[ns, America/New_York]",
];

/** Every dtype as one column of generated values (20 % nulls, edges), plus NaN/±inf floats and a dictionary column. */
function generated(rows: number, seed: number): Batch {
  const columns: Record<string, Column> = {};
  DTYPES.forEach((name, k) => {
    columns[name] = columnFromValues(parseName(name), column(name, { length: rows, nullFraction: 0.2, seed: seed + k, edges: true }) as never);
  });
  const next = rng(seed);
  const specials = [NaN, Infinity, -Infinity, -0, 0, 5e-324, 1e308, 1e-310];
  const pick = (): number => (next() < 0.3 ? specials[Math.floor(next() * specials.length)] : (next() - 0.5) * 10 ** Math.floor(next() * 30 - 15));
  const xs = Array.from({ length: rows }, pick);
  columns["float64 specials"] = floatColumn(xs, xs.map(() => next() < 0.1));
  columns["float32 specials"] = floatColumn(xs.map(Math.fround), xs.map(() => next() < 0.1), true);
  const words = ["id001", "id002", "a,b", 'q"', "", " x", "日本", "line\nx"];
  columns.dict = dictColumn(words, Array.from({ length: rows }, () => Math.floor(next() * (words.length + 1)) - 1));
  return batchOf(columns);
}

function parseName(name: DTypeName): DType {
  const m = /^timestamp\[(s|ms|us|ns)(?:, (.+))?\]$/.exec(name);
  if (m) return dtypes.timestamp(m[1] as "s", m[2] ?? null);
  return (dtypes as unknown as Record<string, DType>)[name];
}

/** The generated strings that read back as null (the reader's null strings: here only ""). */
function withReaderNulls(batch: Batch): Batch {
  return {
    ...batch,
    columns: batch.columns.map((c) => {
      if (c.layout === "utf8") {
        const empty = (i: number): boolean => c.offsets[i + 1] === c.offsets[i];
        return { ...c, validity: validityWhere(c, empty) };
      }
      if (c.layout === "dict") {
        const d = c.dictionary;
        return { ...c, validity: validityWhere(c, (i) => d.offsets[c.codes[i] + 1] === d.offsets[c.codes[i]]) };
      }
      return c;
    }),
  };
}

function validityWhere(c: Column, isNull: (i: number) => boolean): Uint8Array {
  const v = new Uint8Array((c.length + 7) >> 3);
  for (let i = 0; i < c.length; i++) {
    const valid = (c.validity === null || ((c.validity[i >> 3] >> (i & 7)) & 1) === 1) && !isNull(i);
    if (valid) v[i >> 3] |= 1 << (i & 7);
  }
  return v;
}

const concat = (chunks: Iterable<Uint8Array>): Uint8Array => {
  const list = [...chunks];
  const out = new Uint8Array(list.reduce((a, c) => a + c.length, 0));
  let pos = 0;
  for (const c of list) { out.set(c, pos); pos += c.length; }
  return out;
};

describe("every dtype, generated", () => {
  const batch = generated(20000, 100);
  const expected = withReaderNulls(batch);

  const modes: CsvWriteOptions[] = [{}, { quoting: "all" }, { quoting: "nonnumeric", sep: ";" }, { lineTerminator: "\r\n", sep: "\t" }];
  for (const options of modes) {
    it(`reads back exactly: ${JSON.stringify(options)}`, () => {
      const out = formatCsv(batch, options);
      const read = { sep: options.sep ?? ",", dtype: dtypeOptions(batch) };
      expectSameBatch(readBack(out, read, true, 1 << 16), expected, "fast path");
      expectSameBatch(readBack(out, read, false), expected, "exact path");
    });
  }

  it("reads back exactly with quotedNa: false, strings equal to null strings included", () => {
    const out = formatCsv(batch);
    const read = { dtype: dtypeOptions(batch), quotedNa: false };
    expectSameBatch(readBack(out, read, true, 1 << 16), batch, "fast path");
    expectSameBatch(readBack(out, read, false), batch, "exact path");
  });

  it("infers the dtypes back where the text says them (bool, ints, floats, strings)", () => {
    const out = formatCsv(batch);
    const back = readBack(out, { parseDates: ["date32"] });
    const inferred = Object.fromEntries(back.names.map((n, k) => [n, back.columns[k].dtype.kind]));
    expect(inferred).toMatchObject({ bool: "bool", int64: "int64", uint64: "uint64", utf8: "utf8", dict: "utf8", date32: "date32", "float64 specials": "float64" });
  });

  it("gives the same text in chunks as at once, across row passes", () => {
    const whole = formatCsv(batch);
    for (const chunkBytes of [1, 4096, 1 << 20, 1 << 30]) {
      const chunks = [...formatCsvChunks(batch, {}, { chunkBytes })];
      expect(Buffer.from(concat(chunks)).equals(Buffer.from(whole)), `chunkBytes ${chunkBytes}`).toBe(true);
      if (chunkBytes === 4096) expect(chunks.length).toBeGreaterThan(2);
      if (chunkBytes === 1 << 30) expect(chunks.length).toBe(1);
    }
  });

  it("rejects a bad chunk size, and reports a bad value only when its chunk is made", () => {
    expect(() => formatCsvChunks(batch, {}, { chunkBytes: 0 })).toThrow(/chunkBytes must be a positive integer/);
    const n = 30000;
    const strings = Array.from({ length: n }, (_, i) => (i === 25000 ? "a,b" : `v${i}`));
    const bad = batchOf({ s: columnFromValues(dtypes.utf8, strings), i: columnFromValues(dtypes.int32, strings.map((_, i) => i)) });
    const chunks = formatCsvChunks(bad, { quoting: "none" }, { chunkBytes: 1000, where: "toCsv out/x.csv" });
    expect(chunks.next().done).toBe(false);
    expect(chunks.next().done).toBe(false);
    expect(() => [...chunks]).toThrow(/^toCsv out\/x\.csv: column "s", row 25000: the value "a,b" contains the separator/);
  });
});

it("writes a db-benchmark-like batch that reads back exactly", () => {
  const n = 50000;
  const next = rng(1);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const ids = Array.from({ length: 100 }, (_, i) => `id${String(i + 1).padStart(3, "0")}`);
  const batch = batchOf({
    id1: dictColumn(ids, Array.from({ length: n }, () => int(0, 99))),
    id3: columnFromValues(dtypes.utf8, Array.from({ length: n }, () => `id${String(int(1, 500)).padStart(10, "0")}`)),
    id4: columnFromValues(dtypes.int32, Array.from({ length: n }, () => int(1, 100))),
    v1: columnFromValues(dtypes.int64, Array.from({ length: n }, () => BigInt(int(1, 5)))),
    v3: floatColumn(Array.from({ length: n }, () => Math.round(next() * 100e6) / 1e6)),
  });
  const out = formatCsv(batch);
  expect(text(out.subarray(0, 40))).toMatch(/^id1,id3,id4,v1,v3\nid\d{3},/);
  expectSameBatch(readBack(out, { dtype: dtypeOptions(batch) }), batch, "db-benchmark");
  // no value needed quotes, so none were written
  expect(out.includes(34)).toBe(false);
});
