/**
 * Parses the data rows of one block of a CSV file into a Batch of typed columns. Bytes are pushed
 * in chunks cut anywhere (inside a row, a quoted field or a UTF-8 sequence); rows are tokenized in
 * place, a few thousand at a time, and each kept column parses its fields of those rows straight
 * into its typed arrays. Only the incomplete row at the end of a chunk is copied, to be completed
 * by the next one.
 *
 * Errors name the file and the physical line where the offending row starts: `CSV_BAD_LINE` for a
 * row with the wrong field count (unless `onBadLines` says skip or warn), `SCHEMA_MISMATCH` for a
 * value that is not of its column's dtype, `CSV_PARSE_ERROR` for a quote never closed or text that
 * is not UTF-8.
 *
 * @example
 * ```ts
 * const schema = inferCsvSchema(sample, {}, "data/x.csv");
 * const p = new CsvBlockParser(schema, {}, { file: "data/x.csv", firstLine: schema.headerLines + 1 });
 * p.push(bytes.subarray(schema.dataStart, 1000)); // expectedBytes (optional 4th argument): bytes.length − dataStart
 * p.push(bytes.subarray(1000));
 * const batch = p.finish(); // { names, columns, length }
 * ```
 */
import { compileDateFormat } from "@dusk/kernels";
import { DuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import { appendRows, type BuilderContext, type ColumnBuilder } from "./columns/builder.js";
import { createColumnBuilder } from "./columns/create-builder.js";
import { FastRowParser } from "./fast-rows.js";
import { NaMatcher, NO_NULL_STRINGS } from "./na-values.js";
import { normalizeCsvOptions, type CsvOptions, type NormalizedCsvOptions } from "./options.js";
import type { CsvLayout } from "./schema.js";
import { CsvTokenizer, type CsvLocation } from "./tokenizer.js";
import { FieldScratch } from "./unescape.js";

/** Rows parsed per run of the fast path, and at most per batch of the exact tokenizer. */
const BATCH_ROWS = 4096;
/** The fewest rows a fast-path batch asks room for (when the estimate says the input is nearly done). */
const MIN_BATCH_ROWS = 64;
const LF = 10;

let fastPathDisabled = false;

/**
 * Turns the fast path off (true) or on (false) for parsers created afterwards. For tests, which
 * check that both paths give the same columns; returns the previous setting.
 *
 * @example
 * ```ts
 * const before = setCsvFastPathDisabled(true);
 * try { parseWithExactPathOnly(); } finally { setCsvFastPathDisabled(before); }
 * ```
 */
export function setCsvFastPathDisabled(disabled: boolean): boolean {
  const before = fastPathDisabled;
  fastPathDisabled = disabled;
  return before;
}

export class CsvBlockParser {
  private readonly tok: CsvTokenizer;
  private readonly builders: ColumnBuilder[];
  private readonly contexts: BuilderContext[];
  private readonly fast: FastRowParser | null;
  /** Rows the exact tokenizer takes before the fast path is tried again (grows while it keeps failing). */
  private slowRows = 1;
  /** Rows and bytes the fast path parsed, to estimate the rows of an input. */
  private fastRows = 0;
  private fastBytes = 0;
  private readonly names: readonly string[];
  /** The incomplete row at the end of the input so far (its start is byte 0). */
  private carry: Uint8Array = new Uint8Array(0);
  private carryLen = 0;
  /** A byte order mark may still be coming (block at the start of a file, under 3 bytes seen). */
  private bomPending: boolean;
  private rowCount = 0;
  private done = false;
  /** Bytes pushed so far. */
  private pushed = 0;

  /**
   * `expectedBytes`, when known, is about how many bytes will be pushed in all: columns are then
   * sized for the whole block from the first rows' bytes per row, not grown chunk by chunk.
   */
  constructor(layout: CsvLayout, options: CsvOptions | NormalizedCsvOptions, location: CsvLocation, private readonly expectedBytes = 0) {
    const o = normalizeCsvOptions(options);
    const { fieldCount, columns } = layout;
    if (!Number.isInteger(fieldCount) || fieldCount < 0) {
      throw new DuskError("INVALID_ARGUMENT", `CsvBlockParser: fieldCount must be an integer ≥ 0, got ${fieldCount}`);
    }
    const seen = new Map<number, string>();
    for (const c of columns) {
      if (!Number.isInteger(c.fileColumnIndex) || c.fileColumnIndex < 0 || c.fileColumnIndex >= fieldCount) {
        throw new DuskError("INVALID_ARGUMENT",
          `CsvBlockParser: column ${JSON.stringify(c.name)} is at field ${c.fileColumnIndex}, outside the ${fieldCount} fields of a row`);
      }
      // one builder per field: the fast path writes each field to one column only
      const other = seen.get(c.fileColumnIndex);
      if (other !== undefined) {
        throw new DuskError("INVALID_ARGUMENT",
          `CsvBlockParser: columns ${JSON.stringify(other)} and ${JSON.stringify(c.name)} are both at field ${c.fileColumnIndex}; each field can be read into one column only`);
      }
      seen.set(c.fileColumnIndex, c.name);
    }
    this.tok = new CsvTokenizer(o, location, fieldCount);
    const na = NaMatcher.of(o.naValues);
    const quotedNa = o.quotedNa ? na : NO_NULL_STRINGS;
    const scratch = new FieldScratch();
    this.contexts = columns.map((c) => ({
      file: location.file, name: c.name, dtype: c.dtype, index: c.fileColumnIndex, stride: fieldCount,
      na, quotedNa, scratch, quote: o.quote, escape: o.escape, plain: c.plain === true,
      dateFormat: o.dateFormat.has(c.name) ? compileDateFormat(o.dateFormat.get(c.name)!) : undefined,
    }));
    this.builders = this.contexts.map(createColumnBuilder);
    const byField = new Array<ColumnBuilder | null>(fieldCount).fill(null);
    columns.forEach((c, k) => { byField[c.fileColumnIndex] = this.builders[k]; });
    this.fast = fastPathDisabled ? null : FastRowParser.create(byField, o, na, quotedNa);
    this.names = columns.map((c) => c.name);
    this.bomPending = location.firstLine === 1;
  }

  /** Parses the next bytes of the block. The chunk is not kept: the caller may reuse it. */
  push(chunk: Uint8Array): void {
    if (this.done) throw new DuskError("INVALID_ARGUMENT", `CsvBlockParser(${this.tok.file}): push after finish`);
    if (chunk.length === 0) return;
    this.pushed += chunk.length;
    let off = 0;
    if (this.bomPending) {
      this.appendToCarry(chunk, 0, chunk.length);
      if (!this.settleBom(false)) return;
      this.processCarry();
      return;
    }
    // complete the row carried over from the last chunk: its bytes up to the next line break go
    // to the carry (more while that break is inside quotes), then the rest is parsed in place
    while (off < chunk.length && this.carryLen > 0) {
      const lf = chunk.indexOf(LF, off);
      const take = lf < 0 ? chunk.length : lf + 1;
      this.appendToCarry(chunk, off, take);
      off = take;
      this.processCarry();
    }
    if (off < chunk.length) this.processInPlace(chunk, off);
  }

  /** Ends the block (its last row needs no line break) and returns its rows as a Batch. */
  finish(): Batch {
    if (this.done) throw new DuskError("INVALID_ARGUMENT", `CsvBlockParser(${this.tok.file}): finish called twice`);
    this.done = true;
    if (this.bomPending) this.settleBom(true);
    this.run(this.carry, this.scanned, this.carryLen); // bytes held back while a BOM was possible
    this.tok.finishInput(this.carryLen);
    this.convert(this.carry);
    const columns = this.builders.map((b) => b.finish());
    this.carry = new Uint8Array(0);
    return { names: this.names, columns, length: this.rowCount };
  }

  /** Drops a leading byte order mark once it can be told apart; false while undecided. */
  private settleBom(final: boolean): boolean {
    const c = this.carry, n = this.carryLen;
    const prefix = (n < 1 || c[0] === 0xef) && (n < 2 || c[1] === 0xbb) && (n < 3 || c[2] === 0xbf);
    if (n < 3 && prefix && !final) return false;
    this.bomPending = false;
    if (n >= 3 && prefix) {
      c.copyWithin(0, 3, n);
      this.carryLen = n - 3;
    }
    return true;
  }

  private appendToCarry(src: Uint8Array, from: number, to: number): void {
    const need = this.carryLen + (to - from);
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2, 256));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(src.subarray(from, to), this.carryLen);
    this.carryLen = need;
  }

  /** Parses the carry from where the last scan stopped; keeps only its incomplete last row. */
  private processCarry(): void {
    const buf = this.carry;
    const end = this.carryLen;
    // everything before the pending row was scanned; rows were scanned up to the old end, which is
    // where the tokenizer left off: it resumes at the first appended byte
    this.run(buf, this.scanned, end);
    const keep = this.tok.pendingStart(end);
    if (keep > 0) {
      buf.copyWithin(0, keep, end);
      this.tok.rebase(keep);
    }
    this.carryLen = end - keep;
    this.scanned = this.carryLen;
  }

  /** Bytes of the carry already scanned. */
  private scanned = 0;

  private processInPlace(chunk: Uint8Array, off: number): void {
    const end = chunk.length;
    this.run(chunk, off, end);
    const keep = this.tok.pendingStart(end);
    if (keep < end) {
      this.carryLen = 0;
      this.appendToCarry(chunk, keep, end);
      this.tok.rebase(keep);
    }
    this.scanned = this.carryLen;
  }

  /** Parses `buf[pos, end)`: the fast path while rows are plain, the exact tokenizer for the rest. */
  private run(buf: Uint8Array, pos: number, end: number): void {
    const tok = this.tok;
    const fast = this.fast;
    const builders = this.builders;
    for (;;) {
      if (fast !== null && !tok.inRow && tok.atRowStart) {
        // rows the rest of this input (and of the chunks still to come) should hold, from the bytes per row so far
        const rest = end - pos + Math.max(0, this.expectedBytes - this.pushed);
        const expected = this.fastRows > 0 ? this.rowCount + Math.ceil(rest * this.fastRows / this.fastBytes * 1.02) : 0;
        // near the end a batch asks for no more rows than are expected (at least a few): a full batch
        // there would grow every column past the estimate (doubling it) only for the block's end to
        // cut it back by a copy
        const batch = this.fastRows > 0 ? Math.min(BATCH_ROWS, Math.max(MIN_BATCH_ROWS, expected - this.rowCount)) : BATCH_ROWS;
        for (let c = 0; c < builders.length; c++) builders[c].reserve(batch, expected);
        const from = pos;
        pos = fast.run(buf, pos, end, this.rowCount, batch);
        const rows = fast.rows;
        if (rows > 0) {
          this.fastRows += rows;
          this.fastBytes += pos - from;
          this.rowCount += rows;
          for (let c = 0; c < builders.length; c++) builders[c].commit(this.rowCount);
          tok.line += rows;
        }
        if (rows === batch) continue;
        // fails again soon after the exact path took over: give the exact path longer stretches
        this.slowRows = rows < 64 ? Math.min(this.slowRows * 2, BATCH_ROWS) : 1;
      }
      pos = tok.scan(buf, pos, end, fast === null ? BATCH_ROWS : this.slowRows);
      this.convert(buf);
      if (tok.atEnd) return;
    }
  }

  private convert(buf: Uint8Array): void {
    const tok = this.tok;
    if (tok.rows === 0) return;
    const builders = this.builders;
    for (let c = 0; c < builders.length; c++) appendRows(builders[c], this.contexts[c], buf, tok);
    this.rowCount += tok.rows;
    tok.clearRows();
  }
}
