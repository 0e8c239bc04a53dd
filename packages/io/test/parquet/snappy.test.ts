// The Snappy raw-block decompressor: round trips through a small reference compressor (below) that
// emits every element kind, hand-made blocks, pages snappy-compressed by parquet-wasm (arrow-rs's
// real encoder), and corrupt blocks, which must throw a "snappy:" Error and nothing else.
import { createRequire } from "node:module";
import * as A from "apache-arrow";
import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import type * as ParquetWasm from "parquet-wasm/node";
import { snappyDecompress, snappyDecompressInto, snappyUncompressedLength } from "../../src/parquet/decode/snappy.js";
import { CompactReader } from "../../src/parquet/thrift-compact.js";

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (xorshift32) and inputs.

type Rng = () => number; // uniform in [0, 1)

function rngOf(seed: number): Rng {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng() * 256);
  return out;
}

const WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "parquet", "snappy", "column", "row", "group", "page", "\n", "1234", "2025-01-01"];

function repetitiveText(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const enc = new TextEncoder();
  let i = 0;
  while (i < n) {
    const w = enc.encode(WORDS[int(rng, 0, WORDS.length - 1)] + " ");
    for (let j = 0; j < w.length && i < n; j++) out[i++] = w[j];
  }
  return out;
}

function longRuns(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const b = int(rng, 0, 255);
    const len = rng() < 0.2 ? int(rng, 1, 3) : int(rng, 50, 5000);
    for (let j = 0; j < len && i < n; j++) out[i++] = b;
  }
  return out;
}

/** Random bytes, then text, then runs, then a repeat of an early stretch (far copies). */
function mixed(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const q = Math.floor(n / 4);
  out.set(randomBytes(rng, q), 0);
  out.set(repetitiveText(rng, q), q);
  out.set(longRuns(rng, q), 2 * q);
  out.set(out.subarray(0, n - 3 * q), 3 * q);
  return out;
}

const BOUNDARY_SIZES = [0, 1, 2, 3, 4, 5, 11, 12, 59, 60, 61, 62, 63, 64, 65, 255, 256, 257, 2047, 2048, 2049, 65535, 65536, 65537, 70_000];

// ---------------------------------------------------------------------------------------------
// A reference compressor: greedy LZ77 over exact 4-byte keys, emitting Snappy raw-block elements.
// With an rng it varies the encoding (splits literals and copies at random, widens literal length
// fields, picks any copy kind that can hold the element) so every element kind gets decoded.

interface Stats {
  literalInTag: number;
  literal1: number;
  literal2: number;
  literal3: number;
  literal4: number;
  copy1: number;
  copy2: number;
  copy4: number;
  overlapping: number;
}

function emptyStats(): Stats {
  return { literalInTag: 0, literal1: 0, literal2: 0, literal3: 0, literal4: 0, copy1: 0, copy2: 0, copy4: 0, overlapping: 0 };
}

class Sink {
  bytes = new Uint8Array(64);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
  /** `n` bytes of `v`, little-endian. */
  le(v: number, n: number): void {
    for (let i = 0; i < n; i++) this.byte(Math.floor(v / 2 ** (8 * i)) & 0xff);
  }
  span(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

interface CompressOptions {
  /** Varies the encoding at random; without it every element is encoded as small as it can be. */
  readonly rng?: Rng;
  /** Emits the whole input as literals (no match search). */
  readonly literalsOnly?: boolean;
}

function compress(input: Uint8Array, options: CompressOptions = {}, stats: Stats = emptyStats()): Uint8Array {
  const { rng, literalsOnly = false } = options;
  const out = new Sink();
  let n = input.length;
  do {
    out.byte((n % 128) | (n >= 128 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);

  const literal = (start: number, end: number): void => {
    while (start < end) {
      const len = rng !== undefined && rng() < 0.3 ? int(rng, 1, end - start) : end - start;
      const m = len - 1;
      const minimal = len <= 60 ? 0 : m < 0x100 ? 1 : m < 0x10000 ? 2 : m < 0x1000000 ? 3 : 4;
      const width = rng !== undefined && rng() < 0.3 ? int(rng, Math.max(minimal, 1), 4) : minimal;
      if (width === 0) {
        out.byte(m << 2);
        stats.literalInTag++;
      } else {
        out.byte((59 + width) << 2);
        out.le(m, width);
        stats[(["literal1", "literal2", "literal3", "literal4"] as const)[width - 1]]++;
      }
      out.span(input.subarray(start, start + len));
      start += len;
    }
  };

  const copy = (offset: number, total: number): void => {
    while (total > 0) {
      let len = Math.min(total, 64);
      if (rng !== undefined && rng() < 0.3) len = int(rng, 1, len);
      else if (total - len > 0 && total - len < 4) len -= 4; // leave at least 4 for the next element
      const kinds: (1 | 2 | 4)[] = [];
      if (len >= 4 && len <= 11 && offset < 2048) kinds.push(1);
      if (offset < 0x10000) kinds.push(2);
      kinds.push(4);
      const kind = rng !== undefined ? kinds[int(rng, 0, kinds.length - 1)] : kinds[0];
      if (kind === 1) {
        out.byte(1 | ((len - 4) << 2) | ((offset >> 8) << 5));
        out.byte(offset & 0xff);
        stats.copy1++;
      } else if (kind === 2) {
        out.byte(2 | ((len - 1) << 2));
        out.le(offset, 2);
        stats.copy2++;
      } else {
        out.byte(3 | ((len - 1) << 2));
        out.le(offset, 4);
        stats.copy4++;
      }
      if (offset < len) stats.overlapping++;
      total -= len;
    }
  };

  const key = (i: number): number => (input[i] | (input[i + 1] << 8) | (input[i + 2] << 16) | (input[i + 3] << 24)) >>> 0;
  const last = new Map<number, number>();
  let litStart = 0;
  let i = 0;
  while (!literalsOnly && i + 4 <= input.length) {
    const k = key(i);
    const cand = last.get(k);
    last.set(k, i);
    if (cand === undefined) {
      i++;
      continue;
    }
    let len = 4;
    while (i + len < input.length && input[cand + len] === input[i + len]) len++;
    literal(litStart, i);
    copy(i - cand, len);
    for (let j = i + 1; j < i + len && j + 4 <= input.length; j++) last.set(key(j), j);
    i += len;
    litStart = i;
  }
  literal(litStart, input.length);
  return out.finish();
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/** The first index where `a` and `b` differ (or where the shorter ends), or -1 when equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function expectRoundTrip(input: Uint8Array, block: Uint8Array): void {
  expect(snappyUncompressedLength(block)).toBe(input.length);
  expect(firstDifference(snappyDecompress(block), input)).toBe(-1);
  const out = new Uint8Array(input.length);
  expect(snappyDecompressInto(block, out)).toBe(out);
  expect(firstDifference(out, input)).toBe(-1);
}

/** The message of the Error `f` throws; fails when it throws anything else or nothing. */
function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(RangeError);
    return (e as Error).message;
  }
  throw new Error("expected a throw");
}

const bytes = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : [p])));

// ---------------------------------------------------------------------------------------------

describe("snappy: hand-made blocks", () => {
  it("decodes an empty block, a tag-length literal and a 1-byte-offset copy", () => {
    expect(snappyDecompress(bytes(0))).toEqual(new Uint8Array(0));
    expect(new TextDecoder().decode(snappyDecompress(bytes(5, 0x10, "hello")))).toBe("hello");
    // "abcd" then copy1 (length 8, offset 4): overlapping, repeats "abcd" twice.
    expect(new TextDecoder().decode(snappyDecompress(bytes(12, 0x0c, "abcd", 0x11, 4)))).toBe("abcdabcdabcd");
    // "x" then copy2 (length 60, offset 1): a run.
    expect(snappyDecompress(bytes(61, 0x00, "x", 2 | (59 << 2), 1, 0))).toEqual(new Uint8Array(61).fill(120));
    // "ab" then copy4 (length 2, offset 2).
    expect(new TextDecoder().decode(snappyDecompress(bytes(4, 0x04, "ab", 3 | (1 << 2), 2, 0, 0, 0)))).toBe("abab");
    // A literal whose length (5) is in one byte after the tag, though it fits in the tag.
    expect(new TextDecoder().decode(snappyDecompress(bytes(5, 60 << 2, 4, "hello")))).toBe("hello");
  });

  it("reads multi-byte preambles", () => {
    expect(snappyUncompressedLength(bytes(0))).toBe(0);
    expect(snappyUncompressedLength(bytes(0x7f))).toBe(127);
    expect(snappyUncompressedLength(bytes(0x80, 0x01))).toBe(128);
    expect(snappyUncompressedLength(bytes(0xfe, 0xff, 0x7f))).toBe(2097150);
    expect(snappyUncompressedLength(bytes(0xff, 0xff, 0xff, 0xff, 0x0f))).toBe(0xffffffff);
    // A preamble followed by elements: only the preamble counts.
    expect(snappyUncompressedLength(bytes(0x80, 0x02, 0x00, "z"))).toBe(256);
  });

  it("decodes into a view of a larger buffer", () => {
    const big = new Uint8Array(20).fill(9);
    const view = big.subarray(5, 17);
    snappyDecompressInto(bytes(12, 0x0c, "abcd", 0x11, 4), view);
    expect(new TextDecoder().decode(view)).toBe("abcdabcdabcd");
    expect([...big.subarray(0, 5), ...big.subarray(17)]).toEqual([9, 9, 9, 9, 9, 9, 9, 9]);
    const input = new Uint8Array(30);
    input.set(bytes(5, 0x10, "hello"), 7);
    expect(new TextDecoder().decode(snappyDecompress(input.subarray(7, 14)))).toBe("hello");
  });
});

describe("snappy: round trips through the reference compressor", () => {
  const generators = [randomBytes, repetitiveText, longRuns, mixed];
  const total = emptyStats();

  it("decodes random inputs of boundary and random sizes, minimal and varied encodings", () => {
    let cases = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = rngOf(seed);
      for (const size of [...BOUNDARY_SIZES, int(rng, 0, 5000), int(rng, 0, 200_000)]) {
        const gen = generators[int(rng, 0, generators.length - 1)];
        const input = gen(rng, size);
        const varied = seed % 2 === 0;
        expectRoundTrip(input, compress(input, varied ? { rng } : {}, total));
        cases++;
      }
    }
    expect(cases).toBe(40 * (BOUNDARY_SIZES.length + 2));
    // Every element kind was decoded, many times.
    for (const [kind, count] of Object.entries(total)) expect(count, kind).toBeGreaterThan(50);
  });

  it("decodes every generator at every boundary size", () => {
    const rng = rngOf(12345);
    for (const gen of generators) {
      for (const size of BOUNDARY_SIZES) {
        const input = gen(rng, size);
        expectRoundTrip(input, compress(input));
        expectRoundTrip(input, compress(input, { rng }));
      }
    }
  });

  it("decodes single literals at the boundaries of each length-field width", () => {
    const rng = rngOf(7);
    const stats = emptyStats();
    for (const size of [1, 2, 59, 60, 61, 62, 255, 256, 257, 65535, 65536, 65537, 65538, 0x1000000, 0x1000001]) {
      const input = randomBytes(rng, size);
      const block = compress(input, { literalsOnly: true }, stats);
      expectRoundTrip(input, block);
    }
    // 1..60 in the tag; 61..256 in 1 byte; 257..65536 in 2; 65537..2^24 in 3; 2^24 + 1 in 4.
    expect(stats).toEqual({ ...emptyStats(), literalInTag: 4, literal1: 4, literal2: 3, literal3: 3, literal4: 1 });
  });

  it("decodes copies at the boundaries of each offset width", () => {
    const rng = rngOf(99);
    for (const distance of [1, 2, 3, 4, 63, 64, 65, 2047, 2048, 2049, 65535, 65536, 65537, 100_000]) {
      const input = new Uint8Array(distance + 200);
      input.set(randomBytes(rng, distance));
      // The tail repeats with period `distance`, so its copy overlaps itself when distance < 200.
      for (let i = distance; i < input.length; i++) input[i] = input[i - distance];
      const stats = emptyStats();
      expectRoundTrip(input, compress(input, {}, stats));
      if (distance < 2048) expect(stats.copy1 + stats.copy2, `distance ${distance}`).toBeGreaterThan(0);
      else if (distance < 65536) expect(stats.copy2, `distance ${distance}`).toBeGreaterThan(0);
      else expect(stats.copy4, `distance ${distance}`).toBeGreaterThan(0);
      expectRoundTrip(input, compress(input, { rng }));
    }
  });

  it("decodes long runs as overlapping offset-1 copies", () => {
    const input = new Uint8Array(100_000).fill(0xab);
    const stats = emptyStats();
    const block = compress(input, {}, stats);
    expect(block.length).toBeLessThan(5000);
    expect(stats.overlapping).toBeGreaterThan(1000);
    expectRoundTrip(input, block);
  });
});

describe("snappy: pages compressed by parquet-wasm", () => {
  const pw = createRequire(import.meta.url)("parquet-wasm/node") as typeof ParquetWasm;

  /** PLAIN encodings of the columns, as a V1 data page of a required column holds them. */
  function plainInt32(values: Int32Array): Uint8Array {
    return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  }
  function plainStrings(values: string[]): Uint8Array {
    const out = new Sink();
    const enc = new TextEncoder();
    for (const v of values) {
      const b = enc.encode(v);
      out.le(b.length, 4);
      out.span(b);
    }
    return out.finish();
  }

  it("decodes every page of a SNAPPY file to its PLAIN values", () => {
    const rows = 150_000;
    const rng = rngOf(2024);
    const seq = Int32Array.from({ length: rows }, (_, i) => i % 1000);
    const rnd = Int32Array.from({ length: rows }, () => Math.floor(rng() * 2 ** 32) | 0);
    const run = new Int32Array(rows).fill(7);
    const txt = Array.from({ length: rows }, (_, i) => `${WORDS[i % WORDS.length]}-${i % 97}`);
    const fields = [
      new A.Field("seq", new A.Int32(), false),
      new A.Field("rnd", new A.Int32(), false),
      new A.Field("run", new A.Int32(), false),
      new A.Field("txt", new A.Utf8(), false),
    ];
    const txtVector = A.vectorFromArray(txt, new A.Utf8());
    const data = A.makeData({
      type: new A.Struct(fields),
      length: rows,
      nullCount: 0,
      children: [
        A.makeData({ type: new A.Int32(), length: rows, data: seq }),
        A.makeData({ type: new A.Int32(), length: rows, data: rnd }),
        A.makeData({ type: new A.Int32(), length: rows, data: run }),
        txtVector.data[0],
      ],
    });
    const table = new A.Table([new A.RecordBatch(new A.Schema(fields), data)]);
    const props = new pw.WriterPropertiesBuilder()
      .setCompression(pw.Compression.SNAPPY)
      .setDictionaryEnabled(false)
      .setWriterVersion(pw.WriterVersion.V1)
      .setDataPageSizeLimit(64 * 1024)
      .build();
    const file = pw.writeParquet(pw.Table.fromIPCStream(A.tableToIPC(table, "stream")), props);

    const expected: Record<string, Uint8Array> = { seq: plainInt32(seq), rnd: plainInt32(rnd), run: plainInt32(run), txt: plainStrings(txt) };
    const got: Record<string, Sink> = { seq: new Sink(), rnd: new Sink(), run: new Sink(), txt: new Sink() };
    const meta = parquetMetadata(file);
    let pages = 0;
    let compressedTotal = 0;
    for (const rg of meta.row_groups) {
      for (const chunk of rg.columns) {
        const md = chunk.meta_data;
        if (md === undefined) throw new Error("no column metadata");
        expect(md.codec).toBe("SNAPPY");
        const name = md.path_in_schema.join(".");
        let pos = Number(md.dictionary_page_offset ?? md.data_page_offset);
        const end = pos + Number(md.total_compressed_size);
        while (pos < end) {
          const h = pageHeader(file.subarray(pos, end));
          expect(h.type, "a V1 data page").toBe(0);
          expect(h.encoding, "PLAIN").toBe(0);
          const block = file.subarray(pos + h.headerLength, pos + h.headerLength + h.compressedSize);
          expect(snappyUncompressedLength(block)).toBe(h.uncompressedSize);
          got[name].span(snappyDecompress(block));
          pos += h.headerLength + h.compressedSize;
          pages++;
          compressedTotal += h.compressedSize;
        }
        expect(pos).toBe(end);
      }
    }
    expect(pages).toBeGreaterThan(20);
    for (const name of Object.keys(expected)) expect(firstDifference(got[name].finish(), expected[name]), name).toBe(-1);
    // The encoder really compressed (runs and repeats), so copies were decoded.
    expect(compressedTotal).toBeLessThan(Object.values(expected).reduce((s, b) => s + b.length, 0) / 2);
  });

  /** The fields of a Thrift PageHeader this test needs, and its length in bytes. */
  function pageHeader(bytes: Uint8Array): { type: number; uncompressedSize: number; compressedSize: number; encoding: number; headerLength: number } {
    const r = new CompactReader(bytes);
    let type = -1;
    let uncompressedSize = -1;
    let compressedSize = -1;
    let encoding = -1;
    for (let f = r.field(); f !== null; f = r.field()) {
      if (f.id === 1) type = Number(r.int());
      else if (f.id === 2) uncompressedSize = Number(r.int());
      else if (f.id === 3) compressedSize = Number(r.int());
      else if (f.id === 5) {
        r.enter();
        for (let g = r.field(); g !== null; g = r.field()) {
          if (g.id === 2) encoding = Number(r.int());
          else r.skip(g.type);
        }
        r.leave();
      } else r.skip(f.type);
    }
    return { type, uncompressedSize, compressedSize, encoding, headerLength: r.pos };
  }
});

describe("snappy: corrupt blocks throw", () => {
  it("rejects bad preambles", () => {
    expect(thrown(() => snappyUncompressedLength(new Uint8Array(0)))).toMatch(/^snappy: the block is empty/);
    expect(thrown(() => snappyDecompress(new Uint8Array(0)))).toMatch(/^snappy: the block is empty/);
    expect(thrown(() => snappyUncompressedLength(bytes(0x80)))).toMatch(/^snappy: the varint preamble is truncated/);
    expect(thrown(() => snappyUncompressedLength(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)))).toBe("snappy: varint preamble too long (more than 5 bytes)");
    expect(thrown(() => snappyUncompressedLength(bytes(0x80, 0x80, 0x80, 0x80, 0x10)))).toMatch(/^snappy: the varint preamble states 4294967296 bytes/);
  });

  it("rejects a preamble stating more than the block can hold, before allocating", () => {
    expect(thrown(() => snappyDecompress(bytes(0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, "x")))).toBe(
      "snappy: the block's preamble says 4294967295 bytes, more than its 2 bytes of elements can decompress to",
    );
    // The limit is exact: 3 bytes (one 2-byte-offset copy) make at most 64 bytes, more only as corrupt data.
    expect(thrown(() => snappyDecompress(bytes(65, 2 | (63 << 2), 1, 0)))).toMatch(/more than its 3 bytes/);
    expect(thrown(() => snappyDecompress(bytes(64, 2 | (63 << 2), 1, 0)))).toBe("snappy: copy offset 1 points before the start of the output at byte 0");
  });

  it("rejects truncated elements", () => {
    expect(thrown(() => snappyDecompress(bytes(5, 0x10, "hel")))).toBe("snappy: literal runs past the end of the input (5 bytes at input byte 2, input has 5)");
    expect(thrown(() => snappyDecompress(bytes(5, 60 << 2)))).toMatch(/^snappy: the literal at input byte 1 has a truncated length/);
    expect(thrown(() => snappyDecompress(bytes(5, 63 << 2, 1, 2, 3)))).toMatch(/truncated length/);
    expect(thrown(() => snappyDecompress(bytes(12, 0x0c, "abcd", 0x11)))).toMatch(/^snappy: the copy at input byte 6 is truncated \(its 1-byte offset/);
    expect(thrown(() => snappyDecompress(bytes(12, 0x0c, "abcd", 0x2e, 4)))).toMatch(/its 2-byte offset is cut off/);
    expect(thrown(() => snappyDecompress(bytes(12, 0x0c, "abcd", 0x2f, 4, 0, 0)))).toMatch(/its 4-byte offset is cut off/);
  });

  it("rejects offsets of 0 and offsets before the start of the output", () => {
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x01, 0)))).toBe("snappy: copy offset 0 at input byte 6 (output byte 4) is invalid");
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x0e, 0, 0)))).toMatch(/copy offset 0 at input byte 6/);
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x0f, 0, 0, 0, 0)))).toMatch(/copy offset 0 at input byte 6/);
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x01, 5)))).toBe("snappy: copy offset 5 points before the start of the output at byte 4");
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x0f, 0x70, 0x11, 0x01, 0)))).toBe(
      "snappy: copy offset 70000 points before the start of the output at byte 4",
    );
    expect(thrown(() => snappyDecompress(bytes(8, 0x0c, "abcd", 0x0f, 0xff, 0xff, 0xff, 0xff)))).toMatch(/copy offset 4294967295 points before/);
    expect(thrown(() => snappyDecompress(bytes(4, 0x01, 1)))).toBe("snappy: copy offset 1 points before the start of the output at byte 0");
  });

  it("rejects output longer or shorter than the preamble says", () => {
    expect(thrown(() => snappyDecompress(bytes(6, 0x10, "hello")))).toBe("snappy: block decompresses to 5 bytes but its preamble says 6");
    expect(thrown(() => snappyDecompress(bytes(4, 0x10, "hello")))).toBe(
      "snappy: block decompresses to more than the 4 bytes its preamble says (a literal of 5 bytes at output byte 0)",
    );
    expect(thrown(() => snappyDecompress(bytes(10, 0x0c, "abcd", 0x11, 4)))).toBe(
      "snappy: block decompresses to more than the 10 bytes its preamble says (a copy of 8 bytes at output byte 4)",
    );
    // Trailing bytes after the stated length was reached are more elements, hence too much output.
    expect(thrown(() => snappyDecompress(bytes(5, 0x10, "hello", 0x00, "!")))).toMatch(/more than the 5 bytes/);
  });

  it("rejects an output buffer of the wrong length", () => {
    expect(thrown(() => snappyDecompressInto(bytes(5, 0x10, "hello"), new Uint8Array(6)))).toBe(
      "snappy: the output has 6 bytes but the block's preamble says 5",
    );
    expect(thrown(() => snappyDecompressInto(bytes(5, 0x10, "hello"), new Uint8Array(4)))).toMatch(/the output has 4 bytes/);
  });

  it("rejects every truncation of valid blocks", () => {
    const rng = rngOf(31337);
    for (const gen of [randomBytes, repetitiveText, longRuns, mixed]) {
      const input = gen(rng, 3000);
      const block = compress(input, { rng });
      for (let cut = 0; cut < block.length; cut++) {
        expect(thrown(() => snappyDecompress(block.subarray(0, cut)))).toMatch(/^snappy: /);
      }
    }
  });

  it("on random corruption throws only 'snappy:' Errors and never writes outside the output", () => {
    const rng = rngOf(4242);
    let threw = 0;
    let decoded = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const input = [randomBytes, repetitiveText, longRuns, mixed][trial % 4](rng, int(rng, 1, 2000));
      const block = compress(input, trial % 3 === 0 ? { rng } : {});
      const flips = int(rng, 1, 4);
      for (let f = 0; f < flips; f++) block[int(rng, 0, block.length - 1)] = int(rng, 0, 255);
      let length: number;
      try {
        length = snappyUncompressedLength(block);
      } catch (e) {
        expectSnappyError(e);
        threw++;
        continue;
      }
      // The block is under 3000 bytes, so it cannot decompress to 100,000: refused before allocating.
      if (length > 100_000) {
        expect(thrown(() => snappyDecompress(block))).toMatch(/^snappy: the block's preamble says/);
        threw++;
        continue;
      }
      const guarded = new Uint8Array(length + 32).fill(0x5a);
      try {
        snappyDecompressInto(block, guarded.subarray(16, 16 + length));
        expect(firstDifference(snappyDecompress(block), guarded.subarray(16, 16 + length))).toBe(-1);
        decoded++;
      } catch (e) {
        expectSnappyError(e);
        threw++;
      }
      for (let i = 0; i < 16; i++) expect(guarded[i]).toBe(0x5a);
      for (let i = 16 + length; i < guarded.length; i++) expect(guarded[i]).toBe(0x5a);
    }
    expect(threw + decoded).toBe(3000);
    expect(threw).toBeGreaterThan(1000);
  });
});

function expectSnappyError(e: unknown): void {
  expect(e).toBeInstanceOf(Error);
  expect(e).not.toBeInstanceOf(RangeError);
  expect((e as Error).message).toMatch(/^snappy: /);
}
