/**
 * Decoding one column chunk (one column of one row group) straight into a Dusk column: pages are
 * read in order (an optional dictionary page, then DATA_PAGE or DATA_PAGE_V2 pages), decompressed,
 * their definition levels turned into a validity bitmap and their values — PLAIN, or dictionary
 * indices (RLE_DICTIONARY / PLAIN_DICTIONARY) — written into the column's final arrays.
 *
 * Fixed-width values are moved as 32-bit words (two per 64-bit value), never as JS numbers or
 * BigInts, so int64 stays exact and float NaN payloads are kept. utf8 chunks whose pages are all
 * dictionary-encoded come out dictionary-encoded (the dictionary page as the dictionary, indices as
 * codes), without re-encoding; a chunk whose writer fell back to PLAIN pages part-way comes out plain
 * (and is dictionary-encoded when the file's Arrow schema asked for a dictionary).
 *
 * Errors are plain Errors describing what is wrong at which page; the caller names the file, row
 * group and column. {@link NativeUnsupported} marks valid data this decoder does not read (an
 * encoding it lacks): the caller then decodes the row group with parquet-wasm.
 *
 * @example
 * ```ts
 * const col = decodeChunk(chunkBytes, { storage: "int64", dtype: dtypes.int64, maxDef: 1, dictLayout: false, codec: "SNAPPY" }, numRows);
 * ```
 */
import type { DType } from "@dusk/core";
import { allocValues, allValid, dictEncode, normalizeValidity, type Column, type PrimitiveDType, type Utf8Column } from "@dusk/kernels";
import { decompressPage } from "./codecs.js";
import { decodeHybrid, isSingleRun } from "./hybrid.js";
import { Encoding, PageType, readPageHeader, type PageHeader } from "./page-header.js";

/** How values of a column are stored in its pages. */
export type Storage = "bool" | "int32" | "int64" | "float" | "double" | "utf8";

/** What the decoder needs to know about a column chunk besides its bytes. */
export interface ChunkSpec {
  readonly storage: Storage;
  /** The column's Dusk dtype (its storage must match). */
  readonly dtype: DType;
  /** 1 for an OPTIONAL column, 0 for a REQUIRED one. */
  readonly maxDef: 0 | 1;
  /** utf8 only: the result must be dictionary-encoded. */
  readonly dictLayout: boolean;
  /** The chunk's codec, as hyparquet names it. */
  readonly codec: string;
}

/** Valid Parquet that the native decoder does not read; the caller falls back to parquet-wasm. */
export class NativeUnsupported extends Error {
  override readonly name = "NativeUnsupported";
}

const BYTES: Record<Exclude<Storage, "bool" | "utf8">, number> = { int32: 4, float: 4, int64: 8, double: 8 };

/**
 * The column held by the chunk `bytes` (its pages, from the dictionary page or first data page to
 * the end of the chunk), which must hold exactly `numRows` rows.
 *
 * @example
 * ```ts
 * const col = decodeChunk(bytes, spec, 1_000_000);
 * col.length; // 1000000
 * ```
 */
export function decodeChunk(bytes: Uint8Array, spec: ChunkSpec, numRows: number): Column {
  const sink = spec.storage === "utf8" ? new Utf8Sink(numRows, spec) : spec.storage === "bool" ? new BoolSink(numRows, spec) : new WordSink(numRows, spec);
  let pos = 0;
  let rows = 0;
  while (rows < numRows) {
    if (pos >= bytes.length) throw new Error(`the column chunk ends after ${rows} of its ${numRows} rows`);
    const h = readPageHeader(bytes, pos);
    const bodyEnd = h.bodyStart + h.compressedSize;
    if (bodyEnd > bytes.length) {
      throw new Error(`the page at byte ${pos} of the column chunk says it is ${h.compressedSize} bytes long, past the chunk's end`);
    }
    const body = bytes.subarray(h.bodyStart, bodyEnd);
    pos = bodyEnd;
    switch (h.type) {
      case PageType.DICTIONARY_PAGE: {
        if (sink.hasDictionary() || rows > 0) throw new Error(`a second dictionary page, at byte ${h.bodyStart} of the column chunk`);
        if (h.encoding !== Encoding.PLAIN && h.encoding !== Encoding.PLAIN_DICTIONARY) throw unsupported(`a dictionary page in encoding`, h.encoding);
        sink.dictionary(decompressPage(spec.codec, body, h.uncompressedSize), h.numValues);
        break;
      }
      case PageType.DATA_PAGE:
      case PageType.DATA_PAGE_V2: {
        if (h.numValues > numRows - rows) throw new Error(`a data page holds ${h.numValues} values, more than the ${numRows - rows} rows left in the row group`);
        dataPage(sink, spec, h, body, rows);
        rows += h.numValues;
        break;
      }
      default:
        break; // index pages and pages of kinds added later carry no rows
    }
  }
  return sink.finish();
}

/** Decodes a data page's levels and values into the sink at row `row`. */
function dataPage(sink: Sink, spec: ChunkSpec, h: PageHeader, body: Uint8Array, row: number): void {
  const n = h.numValues;
  let page: Uint8Array;
  let levels: Uint8Array | null = null;
  let at: number;
  if (h.type === PageType.DATA_PAGE) {
    page = decompressPage(spec.codec, body, h.uncompressedSize);
    at = 0;
    if (spec.maxDef > 0) {
      if (h.defEncoding !== Encoding.RLE) throw unsupported("definition levels in encoding", h.defEncoding);
      if (page.length < 4) throw new Error("a data page ends inside its definition levels' length");
      const len = int32At(page, 0);
      if (len < 0 || 4 + len > page.length) throw new Error(`a data page's definition levels (${len} bytes) run past its end`);
      levels = page.subarray(4, 4 + len);
      at = 4 + len;
    }
  } else {
    const levelBytes = h.repLevelsLength + h.defLevelsLength;
    if (h.repLevelsLength !== 0) throw new Error("a page of a flat column has repetition levels");
    if (levelBytes > body.length || levelBytes > h.uncompressedSize) throw new Error("a data page's levels run past its end");
    if (spec.maxDef > 0) levels = h.numNulls === 0 ? null : body.subarray(0, h.defLevelsLength);
    else if (h.numNulls !== 0) throw new Error(`a page of a REQUIRED column says it has ${h.numNulls} nulls`);
    const values = body.subarray(levelBytes);
    page = h.valuesCompressed ? decompressPage(spec.codec, values, h.uncompressedSize - levelBytes) : values;
    if (!h.valuesCompressed && page.length !== h.uncompressedSize - levelBytes) throw new Error("an uncompressed data page's size does not match its header");
    at = 0;
  }
  const nonNull = levels === null || isSingleRun(levels, 0, levels.length, 1, n, 1) ? n : sink.nulls(levels, n, row);
  switch (h.encoding) {
    case Encoding.PLAIN:
      sink.plain(page, at, nonNull, row, n);
      return;
    case Encoding.RLE_DICTIONARY:
    case Encoding.PLAIN_DICTIONARY: {
      if (nonNull === 0) { sink.indices(EMPTY, 0, row, n); return; }
      if (!sink.hasDictionary()) throw new Error("a dictionary-encoded data page in a column chunk without a dictionary page");
      if (at >= page.length) throw new Error("a dictionary-encoded data page ends before its bit width");
      const width = page[at];
      const codes = scratchCodes(nonNull);
      decodeHybrid(page, at + 1, page.length, width, nonNull, codes, 0);
      sink.indices(codes, nonNull, row, n);
      return;
    }
    case Encoding.RLE:
      if (spec.storage !== "bool") throw new Error(`${spec.storage} values in RLE encoding, which only booleans can have`);
      (sink as BoolSink).rle(page, at, nonNull, row);
      return;
    default:
      throw unsupported("values in encoding", h.encoding);
  }
}

/**
 * The error for an encoding this decoder does not read: NativeUnsupported for one of Parquet's
 * encodings (parquet-wasm may read it), a plain Error (corrupt data) for a number that is none.
 */
function unsupported(what: string, encoding: number): Error {
  const name = ENCODING_NAMES.get(encoding);
  return name === undefined ? new Error(`${what} ${encoding}, which is no Parquet encoding`) : new NativeUnsupported(`${what} ${name}`);
}

const ENCODING_NAMES = new Map(Object.entries(Encoding).map(([k, v]) => [v as number, k]));

const EMPTY = new Int32Array(0);
let codesScratch = new Int32Array(1 << 16);
let levelScratch = new Int32Array(1 << 16);

function scratchCodes(n: number): Int32Array {
  if (codesScratch.length < n) codesScratch = new Int32Array(Math.max(n, codesScratch.length * 2));
  return codesScratch;
}

/** The destination of a chunk's pages, by storage. */
interface Sink {
  dictionary(page: Uint8Array, entries: number): void;
  hasDictionary(): boolean;
  /** Marks the null rows of a page of `n` rows at `row` from its definition levels; returns its non-null count. */
  nulls(levels: Uint8Array, n: number, row: number): number;
  /** PLAIN values (`nonNull` of them, from byte `at`) for the `n` rows at `row`. */
  plain(page: Uint8Array, at: number, nonNull: number, row: number, n: number): void;
  /** Dictionary indices (`nonNull` of them) for the `n` rows at `row`. */
  indices(codes: Int32Array, nonNull: number, row: number, n: number): void;
  finish(): Column;
}

/** Validity shared by every sink: allocated at the first null, all rows valid until then. */
abstract class BaseSink {
  protected validity: Uint8Array | null = null;
  /** Rows of the page being written that are valid, in order (set by nulls()), or null when all are. */
  protected valid: Int32Array | null = null;
  private validScratch = new Int32Array(0);

  constructor(protected readonly numRows: number, protected readonly spec: ChunkSpec) {}

  nulls(levels: Uint8Array, n: number, row: number): number {
    if (levelScratch.length < n) levelScratch = new Int32Array(Math.max(n, levelScratch.length * 2));
    const lv = levelScratch;
    decodeHybrid(levels, 0, levels.length, 1, n, lv, 0);
    this.validity ??= allValid(this.numRows);
    if (this.validScratch.length < n) this.validScratch = new Int32Array(Math.max(n, this.validScratch.length * 2));
    const valid = this.validScratch;
    const bitmap = this.validity;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const l = lv[i];
      if (l === 1) valid[k++] = row + i;
      else if (l === 0) { const r = row + i; bitmap[r >> 3] &= ~(1 << (r & 7)); }
      else throw new Error(`a definition level of ${l} in a column whose levels are 0 or 1`);
    }
    this.valid = k === n ? null : valid;
    return k;
  }

  protected takeValid(): Int32Array | null {
    const v = this.valid;
    this.valid = null;
    return v;
  }

  protected finalValidity(): Uint8Array | null {
    return normalizeValidity(this.validity, this.numRows);
  }
}

/** Fixed-width values, moved as 32-bit words into the final array's buffer. */
class WordSink extends BaseSink implements Sink {
  private readonly width: number; // words per value
  private readonly words: Int32Array;
  private dict: Int32Array | null = null;
  private dense = new Int32Array(0);

  constructor(numRows: number, spec: ChunkSpec) {
    super(numRows, spec);
    this.width = BYTES[spec.storage as keyof typeof BYTES] / 4;
    this.words = new Int32Array(numRows * this.width);
  }

  hasDictionary(): boolean {
    return this.dict !== null;
  }

  dictionary(page: Uint8Array, entries: number): void {
    const bytes = entries * this.width * 4;
    if (bytes > page.length) throw new Error(`the dictionary page holds ${page.length} bytes, too few for its ${entries} values`);
    const d = new Int32Array(entries * this.width);
    new Uint8Array(d.buffer).set(page.subarray(0, bytes));
    this.dict = d;
  }

  plain(page: Uint8Array, at: number, nonNull: number, row: number): void {
    const bytes = nonNull * this.width * 4;
    if (at + bytes > page.length) throw new Error(`a data page holds ${page.length - at} bytes of values, too few for its ${nonNull} values`);
    const valid = this.takeValid();
    if (valid === null) {
      new Uint8Array(this.words.buffer, row * this.width * 4, bytes).set(page.subarray(at, at + bytes));
      return;
    }
    const dense = this.denseWords(nonNull);
    new Uint8Array(dense.buffer, 0, bytes).set(page.subarray(at, at + bytes));
    this.scatter(dense, valid, nonNull);
  }

  indices(codes: Int32Array, nonNull: number, row: number): void {
    const valid = this.takeValid();
    if (nonNull === 0) return;
    const dict = this.dict!;
    const size = dict.length / this.width;
    const out = this.words;
    if (this.width === 1) {
      checkCodes(codes, nonNull, size);
      if (valid === null) for (let i = 0; i < nonNull; i++) out[row + i] = dict[codes[i]];
      else for (let i = 0; i < nonNull; i++) out[valid[i]] = dict[codes[i]];
      return;
    }
    // 64-bit values copied as BigInt64Array elements (compiled to plain 64-bit moves, no BigInt made):
    // half the loads and stores of word pairs. A code out of range reads undefined, which a
    // BigInt64Array refuses with a TypeError: the codes are checked only then, for the error
    const d64 = new BigInt64Array(dict.buffer, dict.byteOffset, size);
    const o64 = new BigInt64Array(out.buffer, out.byteOffset, this.numRows);
    try {
      if (valid === null) for (let i = 0; i < nonNull; i++) o64[row + i] = d64[codes[i]];
      else for (let i = 0; i < nonNull; i++) o64[valid[i]] = d64[codes[i]];
    } catch (e) {
      checkCodes(codes, nonNull, size);
      throw e;
    }
  }

  finish(): Column {
    const buffer = this.words.buffer;
    const dtype = this.spec.dtype as PrimitiveDType;
    let values;
    switch (dtype.kind) {
      case "int8": case "int16": case "uint8": case "uint16":
        values = allocValues(dtype, this.numRows);
        (values as Int8Array).set(this.words);
        break;
      case "int32": case "date32": values = this.words; break;
      case "uint32": values = new Uint32Array(buffer); break;
      case "float32": values = new Float32Array(buffer); break;
      case "float64": values = new Float64Array(buffer); break;
      case "int64": case "timestamp": values = new BigInt64Array(buffer); break;
      case "uint64": values = new BigUint64Array(buffer); break;
      default: throw new Error(`dtype ${(dtype as DType).kind} from fixed-width values`);
    }
    return { layout: "primitive", dtype, length: this.numRows, values, validity: this.finalValidity() };
  }

  private denseWords(nonNull: number): Int32Array {
    const need = nonNull * this.width;
    if (this.dense.length < need) this.dense = new Int32Array(Math.max(need, this.dense.length * 2));
    return this.dense;
  }

  private scatter(dense: Int32Array, valid: Int32Array, nonNull: number): void {
    const out = this.words;
    if (this.width === 1) {
      for (let i = 0; i < nonNull; i++) out[valid[i]] = dense[i];
    } else {
      for (let i = 0; i < nonNull; i++) { const r = valid[i] * 2; out[r] = dense[2 * i]; out[r + 1] = dense[2 * i + 1]; }
    }
  }
}

/** Booleans: bit-packed PLAIN, RLE (data page v2) or (rarely) a dictionary; one byte per row out. */
class BoolSink extends BaseSink implements Sink {
  private readonly values: Uint8Array;
  private dict: Uint8Array | null = null;
  private dense = new Int32Array(0);

  constructor(numRows: number, spec: ChunkSpec) {
    super(numRows, spec);
    this.values = new Uint8Array(numRows);
  }

  hasDictionary(): boolean {
    return this.dict !== null;
  }

  dictionary(page: Uint8Array, entries: number): void {
    if (((entries + 7) >> 3) > page.length) throw new Error(`the dictionary page is too short for its ${entries} values`);
    const d = new Uint8Array(entries);
    for (let i = 0; i < entries; i++) d[i] = (page[i >> 3] >> (i & 7)) & 1;
    this.dict = d;
  }

  plain(page: Uint8Array, at: number, nonNull: number, row: number): void {
    if (at + ((nonNull + 7) >> 3) > page.length) throw new Error(`a data page is too short for its ${nonNull} values`);
    const valid = this.takeValid();
    const out = this.values;
    for (let i = 0; i < nonNull; i++) {
      out[valid === null ? row + i : valid[i]] = (page[at + (i >> 3)] >> (i & 7)) & 1;
    }
  }

  rle(page: Uint8Array, at: number, nonNull: number, row: number): void {
    if (at + 4 > page.length) throw new Error("a data page ends inside its values' length");
    const len = int32At(page, at);
    if (len < 0 || at + 4 + len > page.length) throw new Error(`a data page's RLE values (${len} bytes) run past its end`);
    if (this.dense.length < nonNull) this.dense = new Int32Array(nonNull);
    decodeHybrid(page, at + 4, at + 4 + len, 1, nonNull, this.dense, 0);
    this.put(this.dense, nonNull, row);
  }

  indices(codes: Int32Array, nonNull: number, row: number): void {
    if (nonNull === 0) { this.takeValid(); return; }
    const dict = this.dict!;
    checkCodes(codes, nonNull, dict.length);
    if (this.dense.length < nonNull) this.dense = new Int32Array(nonNull);
    for (let i = 0; i < nonNull; i++) this.dense[i] = dict[codes[i]];
    this.put(this.dense, nonNull, row);
  }

  finish(): Column {
    return { layout: "bool", dtype: this.spec.dtype as Extract<DType, { kind: "bool" }>, length: this.numRows, values: this.values, validity: this.finalValidity() };
  }

  private put(dense: Int32Array, nonNull: number, row: number): void {
    const valid = this.takeValid();
    const out = this.values;
    for (let i = 0; i < nonNull; i++) {
      const v = dense[i];
      if (v !== 0 && v !== 1) throw new Error(`a boolean value of ${v}`);
      out[valid === null ? row + i : valid[i]] = v;
    }
  }
}

/**
 * utf8: dictionary codes while every page is dictionary-encoded; from the first PLAIN page on,
 * offsets and bytes (the rows before it are written out from the dictionary then).
 */
class Utf8Sink extends BaseSink implements Sink {
  private dict: Utf8Column | null = null;
  private codes: Int32Array | null = null;
  /** Plain mode: offsets of every row so far and the bytes they point into. */
  private offsets: Int32Array | null = null;
  private data = new Uint8Array(0);
  private bytes = 0;

  hasDictionary(): boolean {
    return this.dict !== null;
  }

  dictionary(page: Uint8Array, entries: number): void {
    const offsets = new Int32Array(entries + 1);
    // pass 1: lengths (the values' bytes are at most the page's)
    let p = 0;
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 4 > page.length) throw new Error(`the dictionary page ends inside value ${i} of ${entries}`);
      const len = int32At(page, p);
      if (len < 0 || p + 4 + len > page.length) throw new Error(`value ${i} of the dictionary page (${len} bytes) runs past its end`);
      p += 4 + len;
      total += len;
      offsets[i + 1] = total;
    }
    const data = new Uint8Array(total);
    p = 0;
    for (let i = 0; i < entries; i++) {
      const len = offsets[i + 1] - offsets[i];
      copyBytes(page, p + 4, data, offsets[i], len);
      p += 4 + len;
    }
    checkUtf8(data, offsets, entries, "the dictionary page");
    this.dict = { layout: "utf8", dtype: this.spec.dtype as Utf8Column["dtype"], length: entries, offsets, data, validity: null };
  }

  indices(codes: Int32Array, nonNull: number, row: number, n: number): void {
    const valid = this.takeValid();
    if (nonNull === 0) {
      if (this.offsets !== null) this.offsets.fill(this.bytes, row + 1, row + n + 1);
      return;
    }
    const dict = this.dict!;
    const size = dict.length;
    if (this.offsets === null) {
      const out = (this.codes ??= new Int32Array(this.numRows));
      checkCodes(codes, nonNull, size);
      if (valid === null) out.set(codes.subarray(0, nonNull), row);
      else for (let i = 0; i < nonNull; i++) out[valid[i]] = codes[i];
      return;
    }
    // plain mode: write the strings out
    let k = 0;
    for (let r = row; r < row + n; r++) {
      if (k < nonNull && (valid === null || valid[k] === r)) {
        const c = codes[k++];
        if (c >>> 0 >= size) throw badIndex(c, size);
        const s = dict.offsets[c];
        this.append(dict.data, s, dict.offsets[c + 1] - s);
      }
      this.offsets[r + 1] = this.bytes;
    }
  }

  plain(page: Uint8Array, at: number, nonNull: number, row: number, n: number): void {
    if (this.offsets === null) this.toPlain(row);
    const valid = this.takeValid();
    const offsets = this.offsets!;
    const start = this.bytes;
    let p = at;
    let k = 0;
    this.reserve(page.length - at);
    for (let r = row; r < row + n; r++) {
      if (k < nonNull && (valid === null || valid[k] === r)) {
        if (p + 4 > page.length) throw new Error(`a data page ends inside value ${k} of ${nonNull}`);
        const len = int32At(page, p);
        if (len < 0 || p + 4 + len > page.length) throw new Error(`value ${k} of a data page (${len} bytes) runs past the page's end`);
        copyBytes(page, p + 4, this.data, this.bytes, len);
        this.bytes += len;
        p += 4 + len;
        k++;
      }
      offsets[r + 1] = this.bytes;
    }
    checkUtf8(this.data, offsets.subarray(row), n, "a data page", start);
  }

  finish(): Column {
    const validity = this.finalValidity();
    const dtype = this.spec.dtype as Utf8Column["dtype"];
    if (this.offsets === null && this.dict !== null && this.dict.length > 0) {
      return { layout: "dict", dtype, length: this.numRows, codes: this.codes ?? new Int32Array(this.numRows), dictionary: this.dict, validity };
    }
    // no dictionary to point into (every row null, or no rows): empty strings under the nulls
    if (this.offsets === null) this.offsets = new Int32Array(this.numRows + 1);
    const data = this.data.length > this.bytes * 1.25 + 4096 ? this.data.slice(0, this.bytes) : this.data;
    const col: Utf8Column = { layout: "utf8", dtype, length: this.numRows, offsets: this.offsets, data, validity };
    return this.spec.dictLayout ? dictEncode(col) : col;
  }

  /** Switches to plain mode at row `row`, writing out the dictionary-coded rows before it. */
  private toPlain(row: number): void {
    const offsets = new Int32Array(this.numRows + 1);
    this.offsets = offsets;
    if (row === 0) return;
    const dict = this.dict!;
    const codes = this.codes!;
    const v = this.validity;
    for (let r = 0; r < row; r++) {
      if (v === null || ((v[r >> 3] >> (r & 7)) & 1) === 1) {
        const c = codes[r];
        const s = dict.offsets[c];
        this.append(dict.data, s, dict.offsets[c + 1] - s);
      }
      offsets[r + 1] = this.bytes;
    }
    this.codes = null;
  }

  private append(src: Uint8Array, start: number, len: number): void {
    this.reserve(len);
    copyBytes(src, start, this.data, this.bytes, len);
    this.bytes += len;
  }

  private reserve(more: number): void {
    const need = this.bytes + more;
    if (need <= this.data.length) return;
    if (need > 0x7fffffff) throw new Error("a column chunk holds more than 2 GiB of strings");
    const grown = new Uint8Array(Math.min(0x7fffffff, Math.max(need, this.data.length * 2, 1 << 16)));
    grown.set(this.data.subarray(0, this.bytes));
    this.data = grown;
  }
}

/** The little-endian int32 at byte `p` (a length prefix). */
function int32At(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
}

function copyBytes(src: Uint8Array, from: number, dst: Uint8Array, to: number, len: number): void {
  if (len > 32) { dst.set(src.subarray(from, from + len), to); return; }
  for (let i = 0; i < len; i++) dst[to + i] = src[from + i];
}

/** Throws unless each of the first `n` codes indexes a dictionary of `size` values. */
function checkCodes(codes: Int32Array, n: number, size: number): void {
  for (let i = 0; i < n; i++) {
    if (codes[i] >>> 0 >= size) throw badIndex(codes[i], size);
  }
}

function badIndex(c: number, size: number): Error {
  return new Error(`a dictionary index of ${c >>> 0} in a column chunk whose dictionary has ${size} values`);
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true });

/**
 * Throws unless the bytes of the `n` values from `offsets` are valid UTF-8, each value on its own
 * (no value starts with a continuation byte). ASCII is checked with one fast loop.
 */
function checkUtf8(data: Uint8Array, offsets: Int32Array, n: number, where: string, from = offsets[0]): void {
  const end = offsets[n];
  let ascii = true;
  for (let i = from; i < end; i++) {
    if (data[i] >= 0x80) { ascii = false; break; }
  }
  if (ascii) return;
  try {
    utf8Fatal.decode(data.subarray(from, end));
  } catch {
    throw new Error(`${where} holds a string that is not valid UTF-8`);
  }
  for (let i = 0; i < n; i++) {
    const s = offsets[i];
    if (s < offsets[i + 1] && (data[s] & 0xc0) === 0x80) throw new Error(`${where} holds a string that is not valid UTF-8 on its own`);
  }
}
