/**
 * Reading one block of a CSV read (in a worker): fetch its bytes, apply the newline rule, skip the
 * file's header (checking it matches the sampled file's), and parse the rows into a Batch of the
 * requested columns. A block is read in 4 MiB pieces, the next read while the parser works on the
 * current one: reading from the page cache runs at only about 1 GB/s here, so one read before
 * parsing left the worker idle for some 30 % of the time the parse then took. Local files are read
 * through one open file into two piece buffers reused from block to block (see readPieces).
 *
 * A block that starts mid-file does not know its first line number; when parsing fails there, the
 * lines before the block are counted and the block parsed again, so the error names the true line.
 * A quoted field still open where the block ends means a line break inside quotes fell on the
 * boundary between two blocks: that fails with a message saying to read with `blocksize: null`.
 *
 * @example
 * ```ts
 * const plan = planCsvRead("data/x.csv", { blocksize: "16MB" });
 * const batch = await readCsvBlock(plan.blocks[1], plan.read, ["id1", "v1"]);
 * ```
 */
import { DuskError, isDuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import { readWholeFile } from "../fs/whole-file.js";
import type { FileSystem, RangeReader } from "../fs/filesystem.js";
import { fileSystemFor } from "../fs/registry.js";
import { CsvBlockParser } from "./block-parser.js";
import { inferCsvSchema } from "./infer.js";
import type { CsvBlock, CsvHeaderInfo, CsvReadSpec } from "./read-plan.js";
import type { CsvLayout } from "./schema.js";

const LF = 10;
const CR = 13;
/** Bytes read at a time past a block's end while looking for its last line break. */
const TAIL_STEP = 1 << 16;
/** Bytes of a block read at a time (but the first of a file whose header is not known yet). */
let PIECE = 1 << 22;

/**
 * Sets the bytes a block is read in at a time; returns the previous setting. For tests, which
 * cut blocks into small pieces so that rows, headers and errors fall across them.
 *
 * @example
 * ```ts
 * const before = setCsvReadPieceSize(7);
 * try { await readCsvBlock(block, read); } finally { setCsvReadPieceSize(before); }
 * ```
 */
export function setCsvReadPieceSize(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 1) throw new DuskError("INVALID_ARGUMENT", `setCsvReadPieceSize: bytes must be an integer ≥ 1, got ${bytes}`);
  const before = PIECE;
  PIECE = bytes;
  return before;
}
/** Bytes parsed between turns of the event loop while the next piece is read. */
const SLICE = 1 << 19;
/** Bytes of a file's head first read to find its header. */
const HEAD_STEP = 1 << 16;

/** The kept columns among `columns` (all when null), in file order. */
function layoutFor(read: CsvReadSpec, columns: readonly string[] | null): CsvLayout {
  if (columns === null) return read.layout;
  const want = new Set(columns);
  return { fieldCount: read.layout.fieldCount, columns: read.layout.columns.filter((c) => want.has(c.name)) };
}

/** Finds where a file's data starts in its first bytes, and checks its header against the sampled file's. */
function headerOf(head: Uint8Array, read: CsvReadSpec, path: string, wholeFile: boolean): CsvHeaderInfo | null {
  let s;
  try {
    // no columns kept: only the header is read, nothing is inferred
    s = inferCsvSchema(head, { ...read.csv, usecols: [], dtype: {}, parseDates: [] }, path, { wholeFile });
  } catch (e) {
    if (isDuskError(e) && e.details.reason === "sample-too-small" && !wholeFile) return null;
    throw e;
  }
  const same = s.fieldCount === read.layout.fieldCount && s.fileColumns.every((c, i) => c === read.fileColumns[i]);
  if (!same && s.dataStart < head.length) {
    const show = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(", ");
    throw new DuskError("SCHEMA_MISMATCH",
      `${path} has columns ${show(s.fileColumns)}, but ${read.sampledFile} (whose schema the read uses) has ${show(read.fileColumns)}; ` +
      "read files with different columns separately and combine them, or pass names (with header: 0) to name the columns yourself",
      { file: path, columns: s.fileColumns, expected: read.fileColumns });
  }
  return { dataStart: s.dataStart, headerLines: s.headerLines };
}

/** Counts physical lines (\n, \r\n and a lone \r each end one) over bytes given in order. */
class LineCounter {
  lines = 0;
  private prevCr = false;

  add(b: Uint8Array): void {
    let lines = this.lines, prevCr = this.prevCr;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c === LF) { if (!prevCr) lines++; prevCr = false; } else if (c === CR) { lines++; prevCr = true; } else prevCr = false;
    }
    this.lines = lines;
    this.prevCr = prevCr;
  }
}

/** Ends a parse; a failure at the block's end inside quotes becomes the boundary error. */
function finishBlock(p: CsvBlockParser, path: string, atFileEnd: boolean): Batch {
  try {
    return p.finish();
  } catch (e) {
    if (!atFileEnd && isDuskError(e) && e.details.reason === "unclosed-quote") throw quoteAcrossBlocks(path, e.details.line, e);
    throw e;
  }
}

/** Parses chunks into a batch; a failure at the block's end inside quotes becomes the boundary error. */
function parse(chunks: readonly Uint8Array[], layout: CsvLayout, read: CsvReadSpec, path: string, firstLine: number, atFileEnd: boolean): Batch {
  const p = new CsvBlockParser(layout, read.csv, { file: path, firstLine }, chunks.reduce((n, c) => n + c.length, 0));
  for (const c of chunks) p.push(c);
  return finishBlock(p, path, atFileEnd);
}

/** Piece buffers of finished block reads, reused by the next ones on this thread (see {@link readPieces}). */
const spareBuffers: Uint8Array[] = [];
/** At most this many spare piece buffers are kept (two per block read in flight). */
const MAX_SPARE = 4;

function takeBuffer(): Uint8Array {
  for (;;) {
    const b = spareBuffers.pop();
    if (b === undefined) return new Uint8Array(PIECE);
    if (b.length === PIECE) return b; // else the piece size changed (tests): dropped
  }
}

function giveBack(b: Uint8Array): void {
  if (b.length === PIECE && spareBuffers.length < MAX_SPARE) spareBuffers.push(b);
}

/**
 * Bytes `[from, to)` of a file in pieces of {@link PIECE} bytes; each next piece is requested
 * before the current one is handed out, so reading it overlaps the caller's parsing. A piece is
 * valid until the next one is asked for: where the file system can read into given buffers
 * (local files: `reader`), pieces are read through it into two buffers taken from, and given
 * back to, {@link spareBuffers} (a fresh buffer per piece cost as much in page faults and garbage
 * collection as the parse's own columns). The caller must `return()` the generator when it stops
 * early (before closing the reader), so that no read is still writing into a buffer.
 */
async function* readPieces(fs: FileSystem, reader: RangeReader | null, path: string, from: number, to: number): AsyncGenerator<Uint8Array> {
  if (reader === null) {
    yield* readFreshPieces(fs, path, from, to);
    return;
  }
  interface Pending { readonly buf: Uint8Array; readonly pos: number; readonly want: number; readonly done: Promise<number> }
  const request = (pos: number): Pending | null => {
    if (pos >= to) return null;
    const buf = takeBuffer();
    const want = Math.min(to, pos + PIECE) - pos;
    const done = reader.readInto(want === buf.length ? buf : buf.subarray(0, want), pos);
    done.catch(() => undefined); // awaited below, or in finally
    return { buf, pos, want, done };
  };
  let cur: Pending | null = null, next: Pending | null = null;
  try {
    cur = request(from);
    while (cur !== null) {
      const n = await cur.done;
      // a short piece: the file ends there
      next = n === cur.want ? request(cur.pos + n) : null;
      if (n > 0) yield cur.buf.subarray(0, n);
      giveBack(cur.buf); // the caller asked for the next piece: done with this one
      cur = next;
      next = null;
    }
  } finally {
    // stopped early (or a read failed): wait for reads still writing into buffers before reusing them
    for (const p of [cur, next]) {
      if (p === null) continue;
      try { await p.done; giveBack(p.buf); } catch { /* that buffer is dropped */ }
    }
  }
}

/** {@link readPieces} for file systems without `openReader`: a fresh buffer per piece. */
async function* readFreshPieces(fs: FileSystem, path: string, from: number, to: number): AsyncGenerator<Uint8Array> {
  const request = (pos: number): Promise<Uint8Array> | null => {
    if (pos >= to) return null;
    const p = fs.read(path, pos, Math.min(to, pos + PIECE));
    p.catch(() => undefined); // awaited below; not unhandled when the caller stops early (a parse error)
    return p;
  };
  let next = request(from);
  for (let pos = from; next !== null; pos += PIECE) {
    const piece = await next;
    // a short piece: the file ends there
    next = piece.length === Math.min(to, pos + PIECE) - pos ? request(pos + PIECE) : null;
    if (piece.length > 0) yield piece;
  }
}

/**
 * Pushes a piece in slices of {@link SLICE} bytes, letting the event loop run between them: a read
 * takes several steps on the thread pool (open, stat, read, close), each started from the event
 * loop, so the next piece is read during this one's parse only if the loop gets to run.
 */
async function pushYielding(p: CsvBlockParser, piece: Uint8Array): Promise<void> {
  for (let off = 0; off < piece.length; off += SLICE) {
    p.push(piece.subarray(off, Math.min(piece.length, off + SLICE)));
    if (off + SLICE < piece.length) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function nextPiece(pieces: AsyncGenerator<Uint8Array>): Promise<Uint8Array | null> {
  const r = await pieces.next();
  return r.done === true ? null : r.value;
}

/** The whole file, decompressed when gzip, as chunks. */
const wholeFile = (fs: FileSystem, block: CsvBlock): Promise<Uint8Array[]> =>
  readWholeFile(fs, block.path, block.gzip, (message, cause) => new DuskError("CSV_PARSE_ERROR", message, { file: block.path }, { cause }));

/** Chunks from byte `skip` of the concatenation of `chunks`. */
function dropPrefix(chunks: readonly Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    if (skip >= c.length) { skip -= c.length; continue; }
    out.push(skip > 0 ? c.subarray(skip) : c);
    skip = 0;
  }
  return out;
}

function concat(chunks: readonly Uint8Array[], limit: number): Uint8Array {
  const out = new Uint8Array(Math.min(limit, chunks.reduce((n, c) => n + c.length, 0)));
  let pos = 0;
  for (const c of chunks) {
    if (pos >= out.length) break;
    const take = Math.min(c.length, out.length - pos);
    out.set(c.subarray(0, take), pos);
    pos += take;
  }
  return out;
}

async function readWhole(fs: FileSystem, block: CsvBlock, read: CsvReadSpec, layout: CsvLayout): Promise<Batch> {
  const chunks = await wholeFile(fs, block);
  const total = chunks.reduce((n, c) => n + c.length, 0);
  let header = block.header;
  for (let want = HEAD_STEP; header === null; want *= 4) {
    header = headerOf(concat(chunks, want), read, block.path, want >= total);
  }
  return parse(dropPrefix(chunks, header.dataStart), layout, read, block.path, header.headerLines + 1, true);
}

/** Reads bytes from `from` until a line break; returns them up to and including it (or to the end of the file). */
async function tailToLineBreak(fs: FileSystem, block: CsvBlock, from: number, reader: RangeReader | null = null): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let pos = from; pos < block.size; pos += TAIL_STEP) {
    const stop = Math.min(block.size, pos + TAIL_STEP);
    let b: Uint8Array;
    if (reader === null) b = await fs.read(block.path, pos, stop);
    else { b = new Uint8Array(stop - pos); b = b.subarray(0, await reader.readInto(b, pos)); }
    const i = b.indexOf(LF);
    if (i >= 0) { out.push(b.subarray(0, i + 1)); return out; }
    out.push(b);
    if (b.length === 0) break;
  }
  return out;
}

/**
 * A block read by byte range, in pieces, each parsed while the next is read. The first block of a
 * file whose header is not known yet (every file but the sampled one) first reads the file's head
 * to find it. Failing in a block that starts mid-file, it is read and parsed again by
 * {@link readRangeAtOnce}, which finds the line to name.
 */
async function readRange(fs: FileSystem, block: CsvBlock, read: CsvReadSpec, layout: CsvLayout): Promise<Batch> {
  const header = block.index !== 0 ? null : block.header ?? await headerInBlock(fs, block, read);
  try {
    return await readRangeInPieces(fs, block, read, layout, header);
  } catch (e) {
    if (block.index === 0 || !isDuskError(e) || typeof e.details.line !== "number") throw e;
    return readRangeAtOnce(fs, block, read, layout);
  }
}

/** A block's rows, its body read in pieces; `header` is the file's for its first block, else null (a block mid-file). */
async function readRangeInPieces(fs: FileSystem, block: CsvBlock, read: CsvReadSpec, layout: CsvLayout, header: CsvHeaderInfo | null): Promise<Batch> {
  // the last row: up to the first line break at or after the block's end, read alongside the body
  const atFileEnd = block.end >= block.size;
  // one open file for the body and the tail, where the file system can (local files)
  const reader = fs.openReader === undefined ? null : await fs.openReader(block.path);
  const tailRead = atFileEnd ? Promise.resolve([]) : tailToLineBreak(fs, block, block.end, reader);
  tailRead.catch(() => undefined);
  const pieces = readPieces(fs, reader, block.path, block.start, block.end);
  try {
    return await parsePieces(pieces, block, read, layout, header, tailRead, atFileEnd);
  } finally {
    await pieces.return(undefined); // waits for reads in flight when the parse stopped early
    if (reader !== null) {
      await tailRead.catch(() => undefined);
      await reader.close();
    }
  }
}

async function parsePieces(
  pieces: AsyncGenerator<Uint8Array>, block: CsvBlock, read: CsvReadSpec, layout: CsvLayout,
  header: CsvHeaderInfo | null, tailRead: Promise<Uint8Array[]>, atFileEnd: boolean,
): Promise<Batch> {
  let at = block.start; // file position of piece
  let piece = await nextPiece(pieces);
  let begin: number;
  if (header !== null) begin = header.dataStart;
  else {
    // the first row starts after the block's first line break
    for (;;) {
      if (piece === null) return parse([], layout, read, block.path, 2, true); // no row starts in this block
      const i = piece.indexOf(LF);
      if (i >= 0) { begin = at + i + 1; break; }
      at += piece.length;
      piece = await nextPiece(pieces);
    }
  }
  while (piece !== null && at + piece.length <= begin) {
    at += piece.length;
    piece = await nextPiece(pieces);
  }
  const p = new CsvBlockParser(layout, read.csv, { file: block.path, firstLine: header === null ? 2 : header.headerLines + 1 }, block.end - begin);
  if (piece !== null) await pushYielding(p, piece.subarray(Math.max(0, begin - at)));
  while ((piece = await nextPiece(pieces)) !== null) await pushYielding(p, piece);
  const tail = await tailRead;
  for (const t of tail) p.push(t);
  return finishBlock(p, block.path, atFileEnd || block.end + tail.reduce((n, c) => n + c.length, 0) >= block.size);
}

/**
 * The header of the file of a first block, found in the file's head (64 KiB, then four times more
 * at a time) within the block: the first partition must hold it. Only the head is tokenized.
 */
async function headerInBlock(fs: FileSystem, block: CsvBlock, read: CsvReadSpec): Promise<CsvHeaderInfo> {
  for (let want = HEAD_STEP; ; want *= 4) {
    const stop = Math.min(block.end, want);
    const header = headerOf(await fs.read(block.path, 0, stop), read, block.path, stop >= block.size);
    if (header !== null) return header;
    if (stop >= block.end) {
      throw new DuskError("CSV_PARSE_ERROR",
        `${block.path}: the header does not fit in the first ${block.end} bytes (the first partition); read with a larger blocksize`,
        { file: block.path });
    }
  }
}

/** A block starting mid-file, its body read at once; a parse failing is done again knowing its first line. */
async function readRangeAtOnce(fs: FileSystem, block: CsvBlock, read: CsvReadSpec, layout: CsvLayout): Promise<Batch> {
  const body = await fs.read(block.path, block.start, block.end);
  const i = body.indexOf(LF);
  if (i < 0) return parse([], layout, read, block.path, 2, true); // no row starts in this block
  const begin = block.start + i + 1;
  // the last row: up to the first line break at or after the block's end
  const atFileEnd = block.end >= block.size;
  const tail = atFileEnd ? [] : await tailToLineBreak(fs, block, block.end);
  const chunks = [body.subarray(Math.max(0, begin - block.start)), ...tail];
  const reachesEnd = atFileEnd || block.end + tail.reduce((n, c) => n + c.length, 0) >= block.size;
  try {
    return parse(chunks, layout, read, block.path, 2, reachesEnd);
  } catch (e) {
    if (!isDuskError(e) || typeof e.details.line !== "number") throw e;
    // the block may start inside a quoted field that holds a line break: then its "rows" are not
    // rows, and the error to give is the boundary one, not whatever the misread bytes caused
    const before = await scanBefore(fs, block, read, begin);
    if (before.openQuoteLine !== null) throw quoteAcrossBlocks(block.path, before.openQuoteLine, e);
    // parse again knowing the block's first line, so the error names the true line
    return parse(chunks, layout, read, block.path, before.lines + 1, reachesEnd);
  }
}

/**
 * The file before byte `at`, read once: whether `at` falls inside a quoted field (the file is
 * tokenized from its data start, no column kept, bad lines ignored; `openQuoteLine` is the line the
 * open quote starts on, else null), and how many physical lines come before `at`.
 */
async function scanBefore(fs: FileSystem, block: CsvBlock, read: CsvReadSpec, at: number): Promise<{ openQuoteLine: number | null; lines: number }> {
  const header = block.header ?? await headerInBlock(fs, block, read); // the header precedes this block
  const p = new CsvBlockParser({ columns: [], fieldCount: read.layout.fieldCount }, { ...read.csv, onBadLines: "skip" },
    { file: block.path, firstLine: header.headerLines + 1 });
  const counter = new LineCounter();
  counter.lines = header.headerLines; // the lines before the data start
  for (let pos = header.dataStart; pos < at; pos += 1 << 24) {
    const bytes = await fs.read(block.path, pos, Math.min(at, pos + (1 << 24)));
    counter.add(bytes);
    p.push(bytes);
  }
  let openQuoteLine: number | null = null;
  try {
    p.finish();
  } catch (e) {
    if (isDuskError(e) && e.details.reason === "unclosed-quote") openQuoteLine = e.details.line as number;
  }
  return { openQuoteLine, lines: counter.lines };
}

function quoteAcrossBlocks(path: string, line: unknown, cause: unknown): DuskError {
  return new DuskError("CSV_PARSE_ERROR",
    `${path} line ${String(line)}: a quoted field starting on this line runs past the end of its partition. ` +
    "If the file has line breaks inside quoted fields, read it with blocksize: null (one partition per file); otherwise check the quotes on that line",
    { file: path, line, reason: "quote-across-blocks" }, { cause });
}

/**
 * The rows of one block as a Batch of `columns` (file order; all kept columns when null).
 * Throws the parser's errors (CSV_BAD_LINE, SCHEMA_MISMATCH, CSV_PARSE_ERROR) naming file and line.
 */
export async function readCsvBlock(block: CsvBlock, read: CsvReadSpec, columns: readonly string[] | null = null): Promise<Batch> {
  const fs = fileSystemFor(block.path, read.storageOptions);
  const layout = layoutFor(read, columns);
  return block.whole ? readWhole(fs, block, read, layout) : readRange(fs, block, read, layout);
}
