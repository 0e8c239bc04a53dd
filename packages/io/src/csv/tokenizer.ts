/**
 * Splits CSV bytes into rows of fields without copying or decoding them: for each field it records
 * where its value lies in the input, for each row its physical line number. A resumable state
 * machine: input may end anywhere (inside a row, a quoted field, between `\r` and `\n`) and the
 * next call goes on from the exact byte and state where the last one stopped.
 *
 * Field spans: field k of the batch is `src[starts[k], ends[k])` when `ends[k] ≥ 0` (quotes
 * already stripped); when `ends[k] < 0` the field needs unescaping (doubled quotes, escape
 * characters, text after the closing quote) and its raw text, opening quote included, is
 * `src[starts[k], ~ends[k])` — see {@link unescapeField}.
 *
 * Rules (pandas' C tokenizer): a field is quoted only when it starts with the quote character; a
 * doubled quote inside quotes is a literal quote; separators and line breaks inside quotes are
 * data; text after a closing quote is appended literally; `\n`, `\r\n` and a lone `\r` end rows;
 * blank lines and lines of only spaces/tabs are skipped; a comment character outside quotes ends
 * the row, and a line starting with it is skipped.
 *
 * @example
 * ```ts
 * const t = new CsvTokenizer(normalizeCsvOptions({}), { file: "x.csv", firstLine: 1 }, 2);
 * const b = new TextEncoder().encode('a,"b,c"\n1,2');
 * t.scan(b, 0, b.length, 1 << 30);
 * t.finishInput(b.length);
 * t.rows;                  // 2
 * [t.starts[1], t.ends[1]]; // [3, 6]: b,c
 * t.rowLines[1];           // 2
 * ```
 */
import { DuskError } from "@dusk/core";
import type { NormalizedCsvOptions, OnBadLines } from "./options.js";

/** Where a block of CSV text comes from, for messages. */
export interface CsvLocation {
  /** The file (path or URL) as it should appear in messages. */
  readonly file: string;
  /** 1-based line number, in the file, of the first byte of this block. */
  readonly firstLine: number;
}

// tokenizer states
const ROW = 0; // at the start of a row
const FIELD = 1; // at the start of a field (after a separator)
const UNQ = 2; // inside an unquoted field (or the text after a closing quote)
const QUOTED = 3; // inside quotes
const QUOTE_IN_Q = 4; // just after a quote inside quotes: closing, or the first of a doubled quote
const ESC_UNQ = 5; // after an escape character outside quotes
const ESC_Q = 6; // after an escape character inside quotes
const COMMENT = 7; // skipping the rest of a line after a comment character
const AFTER_CR = 8; // after a \r that ended a line: a \n right after belongs to it
const WS_LINE = 9; // at the start of a row, only spaces/tabs so far

// byte classes outside quotes (0 = ordinary)
const C_SEP = 1;
const C_LF = 2;
const C_CR = 3;
const C_ESC = 4;
const C_COMMENT = 5;

const LF = 10;
const CR = 13;

/** The first PRIME_CALLS scans of a thread take PRIME_ROWS rows each (see {@link CsvTokenizer.scan}). */
const PRIME_ROWS = 16;
let primeCalls = 4;

export class CsvTokenizer {
  /** Field starts (see the module doc). */
  starts: Int32Array;
  /** Field ends; negative (`~rawEnd`) when the field needs unescaping. */
  ends: Int32Array;
  /** Physical line (1-based) where each complete row starts. */
  rowLines: Int32Array;
  /** Index one past the last field of each complete row. */
  rowEnds: Int32Array;
  /** Complete rows recorded since the last {@link clearRows}. */
  rows = 0;
  /** Fields recorded, including those of the incomplete row at the end. */
  fields = 0;
  /** True when the last {@link scan} stopped because the input ran out (false: the row limit). */
  atEnd = false;

  readonly file: string;
  readonly quote: number;
  readonly escape: number;
  private readonly sep: number;
  private readonly comment: number;
  private readonly cls: Uint8Array;
  private readonly expected: number;
  private readonly onBadLines: OnBadLines;
  private readonly warn: (message: string) => void;

  // resumable state
  private state = ROW;
  /** Line number of the byte at the scan position. */
  line: number;
  private rowLine = 0;
  private rowFirst = 0;
  private rowStart = 0;
  private fieldStart = 0;
  private flag = 0;
  private quoteLine = 0;

  /**
   * @param expectedFields fields every row must have (rows with another count follow
   *   `onBadLines`); −1 accepts any count.
   */
  constructor(options: NormalizedCsvOptions, location: CsvLocation, expectedFields: number) {
    this.file = location.file;
    this.line = location.firstLine;
    this.sep = options.sep;
    this.quote = options.quote;
    this.escape = options.escape;
    this.comment = options.comment;
    this.expected = expectedFields;
    this.onBadLines = options.onBadLines;
    this.warn = options.onWarning;
    const cls = new Uint8Array(256);
    cls[this.sep] = C_SEP;
    cls[LF] = C_LF;
    cls[CR] = C_CR;
    if (this.escape >= 0) cls[this.escape] = C_ESC;
    if (this.comment >= 0) cls[this.comment] = C_COMMENT;
    this.cls = cls;
    const cap = Math.max(expectedFields, 1) * 1024;
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    this.rowLines = new Int32Array(1024);
    this.rowEnds = new Int32Array(1024);
  }

  /**
   * Input position where the incomplete row at the end begins, or `end` when there is none: the
   * bytes from there on must be kept (and passed again, moved with {@link rebase}) to go on.
   */
  pendingStart(end: number): number {
    const s = this.state;
    return s === ROW || s === COMMENT || s === AFTER_CR ? end : this.rowStart;
  }

  /** True at the start of a row: not inside a row, a comment line, or between `\r` and `\n`. */
  get atRowStart(): boolean {
    return this.state === ROW;
  }

  /** True when a row has started and not ended (or a line of spaces is pending). */
  get inRow(): boolean {
    const s = this.state;
    return !(s === ROW || s === COMMENT || s === AFTER_CR);
  }

  /** The input was moved: byte `delta` is now byte 0. Shifts the positions of the pending row. */
  rebase(delta: number): void {
    if (delta === 0) return;
    this.rowStart -= delta;
    this.fieldStart -= delta;
    const starts = this.starts, ends = this.ends;
    for (let k = this.rowFirst; k < this.fields; k++) {
      starts[k] -= delta;
      const e = ends[k];
      ends[k] = e >= 0 ? e - delta : ~(~e - delta);
    }
  }

  /** Forgets the complete rows (after they were converted), keeping the pending row's fields. */
  clearRows(): void {
    const first = this.rowFirst;
    if (first > 0) {
      this.starts.copyWithin(0, first, this.fields);
      this.ends.copyWithin(0, first, this.fields);
      this.fields -= first;
      this.rowFirst = 0;
    }
    this.rows = 0;
  }

  private growFields(): void {
    const cap = this.starts.length * 2;
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.ends = e;
  }

  /** Records the row that ends at field `nf`; returns the field count to go on from. */
  private commitRow(nf: number, rowFirst: number, rowLine: number): number {
    const found = nf - rowFirst;
    if (this.expected >= 0 && found !== this.expected) {
      const what = `${this.file} line ${rowLine}: expected ${this.expected} field${this.expected === 1 ? "" : "s"}, found ${found}`;
      switch (this.onBadLines) {
        case "error":
          throw new DuskError("CSV_BAD_LINE",
            `${what}; fix the row, or pass onBadLines: "skip" (or "warn") to drop rows like it`,
            { file: this.file, line: rowLine, expected: this.expected, found });
        case "warn":
          this.warn(`${what}; row skipped`);
          return rowFirst;
        case "skip":
          return rowFirst;
      }
    }
    const r = this.rows;
    if (r === this.rowLines.length) {
      const l = new Int32Array(r * 2);
      l.set(this.rowLines);
      this.rowLines = l;
      const e = new Int32Array(r * 2);
      e.set(this.rowEnds);
      this.rowEnds = e;
    }
    this.rowLines[r] = rowLine;
    this.rowEnds[r] = nf;
    this.rows = r + 1;
    return nf;
  }

  /**
   * Scans `src[pos, end)` until `maxRows` complete rows are recorded or the input runs out
   * ({@link atEnd}); returns the position reached. Calls go on where the previous one stopped:
   * pass the same bytes (or, after {@link rebase}, the moved ones) followed by new ones.
   */
  scan(src: Uint8Array, pos: number, end: number, maxRows: number): number {
    // the first rows on a thread are scanned a few at a time, so that V8 has type feedback for
    // the code after the loop when it compiles the loop while it runs (see FastRowParser.run:
    // without it, that code gave up at the loop's exit on every later call)
    while (primeCalls > 0 && maxRows - this.rows > PRIME_ROWS) {
      primeCalls--;
      pos = this.scanRows(src, pos, end, this.rows + PRIME_ROWS);
      if (this.atEnd) return pos;
    }
    return this.scanRows(src, pos, end, maxRows);
  }

  private scanRows(src: Uint8Array, pos: number, end: number, maxRows: number): number {
    const cls = this.cls;
    const sep = this.sep;
    const quote = this.quote;
    const escape = this.escape;
    const comment = this.comment;
    let starts = this.starts;
    let ends = this.ends;
    let cap = starts.length;
    let state = this.state;
    let i = pos;
    let nf = this.fields;
    let line = this.line;
    let rowLine = this.rowLine;
    let rowFirst = this.rowFirst;
    let fieldStart = this.fieldStart;
    let flag = this.flag;
    let atEnd = true;

    outer: for (;;) {
      switch (state) {
        case ROW: {
          if (this.rows >= maxRows) { atEnd = false; break outer; }
          if (i >= end) break outer;
          const b = src[i];
          if (b === LF) { line++; i++; continue; }
          if (b === CR) { line++; i++; state = AFTER_CR; continue; }
          if (b === comment) { i++; state = COMMENT; continue; }
          this.rowStart = i;
          rowLine = line;
          rowFirst = nf;
          if ((b === 32 || b === 9) && b !== sep) { state = WS_LINE; continue; }
          state = FIELD;
          continue;
        }
        case FIELD: {
          // the common path: unquoted fields one after another
          for (;;) {
            if (i >= end) break outer;
            if (src[i] === quote) {
              fieldStart = i;
              flag = 0;
              this.quoteLine = line;
              i++;
              state = QUOTED;
              continue outer;
            }
            fieldStart = i;
            while (i < end && cls[src[i]] === 0) i++;
            if (i >= end) { flag = 0; state = UNQ; break outer; }
            const c = cls[src[i]];
            if (c === C_SEP) {
              if (nf === cap) { this.fields = nf; this.growFields(); starts = this.starts; ends = this.ends; cap = starts.length; }
              starts[nf] = fieldStart;
              ends[nf] = i;
              nf++;
              i++;
              continue;
            }
            flag = 0;
            state = UNQ;
            continue outer;
          }
        }
        case UNQ: {
          while (i < end && cls[src[i]] === 0) i++;
          if (i >= end) break outer;
          const c = cls[src[i]];
          if (c === C_ESC) { flag = 1; i++; state = ESC_UNQ; continue; }
          if (nf === cap) { this.fields = nf; this.growFields(); starts = this.starts; ends = this.ends; cap = starts.length; }
          starts[nf] = fieldStart;
          ends[nf] = flag === 0 ? i : ~i;
          nf++;
          i++;
          if (c === C_SEP) { state = FIELD; continue; }
          nf = this.commitRow(nf, rowFirst, rowLine);
          rowFirst = nf;
          // after an escaped \r, this \n ends the same physical line (the \r counted it)
          if (c === C_LF) { if (src[i - 2] !== CR) line++; state = ROW; }
          else if (c === C_CR) { line++; state = AFTER_CR; }
          else state = COMMENT; // C_COMMENT
          continue;
        }
        case QUOTED: {
          for (;;) {
            if (i >= end) break outer;
            const b = src[i];
            if (b === quote) { i++; state = QUOTE_IN_Q; continue outer; }
            if (b === escape) { flag = 1; i++; state = ESC_Q; continue outer; }
            if (b === LF) { if (src[i - 1] !== CR) line++; }
            else if (b === CR) line++;
            i++;
          }
        }
        case QUOTE_IN_Q: {
          if (i >= end) break outer;
          const b = src[i];
          if (b === quote) { flag = 1; i++; state = QUOTED; continue; }
          const c = cls[b];
          if (c === C_SEP || c === C_LF || c === C_CR || c === C_COMMENT) {
            if (nf === cap) { this.fields = nf; this.growFields(); starts = this.starts; ends = this.ends; cap = starts.length; }
            if (flag === 0) { starts[nf] = fieldStart + 1; ends[nf] = i - 1; }
            else { starts[nf] = fieldStart; ends[nf] = ~i; }
            nf++;
            i++;
            if (c === C_SEP) { state = FIELD; continue; }
            nf = this.commitRow(nf, rowFirst, rowLine);
            rowFirst = nf;
            if (c === C_LF) { line++; state = ROW; }
            else if (c === C_CR) { line++; state = AFTER_CR; }
            else state = COMMENT;
            continue;
          }
          // text after the closing quote: kept literally, the field is unescaped later
          flag = 1;
          state = UNQ;
          continue;
        }
        case ESC_UNQ:
        case ESC_Q: {
          if (i >= end) break outer;
          const b = src[i];
          // an escaped \r counts its line here; a \n right after it does not count again
          if (b === LF || b === CR) line++;
          i++;
          state = state === ESC_UNQ ? UNQ : QUOTED;
          continue;
        }
        case COMMENT: {
          while (i < end && src[i] !== LF && src[i] !== CR) i++;
          if (i >= end) break outer;
          line++;
          state = src[i] === CR ? AFTER_CR : ROW;
          i++;
          continue;
        }
        case AFTER_CR: {
          if (i >= end) break outer;
          if (src[i] === LF) i++;
          state = ROW;
          continue;
        }
        case WS_LINE: {
          while (i < end && (src[i] === 32 || src[i] === 9) && src[i] !== sep) i++;
          if (i >= end) break outer;
          const b = src[i];
          if (b === LF) { line++; i++; state = ROW; continue; }
          if (b === CR) { line++; i++; state = AFTER_CR; continue; }
          if (b === comment) { i++; state = COMMENT; continue; }
          // not blank after all: the row starts at its first space
          i = this.rowStart;
          state = FIELD;
          continue;
        }
        default:
          throw new DuskError("INTERNAL", `csv tokenizer: bad state ${state}`);
      }
    }

    this.state = state;
    this.fields = nf;
    this.line = line;
    this.rowLine = rowLine;
    this.rowFirst = rowFirst;
    this.fieldStart = fieldStart;
    this.flag = flag;
    this.atEnd = atEnd;
    return i;
  }

  /**
   * The input ended at `end` (after everything was scanned): completes the pending row, as if a
   * line break followed. Throws `CSV_PARSE_ERROR` when a quoted field is never closed.
   */
  finishInput(end: number): void {
    const state = this.state;
    let nf = this.fields;
    switch (state) {
      case ROW: case COMMENT: case AFTER_CR: case WS_LINE:
        this.state = ROW;
        return;
      case QUOTED: case ESC_Q:
        throw new DuskError("CSV_PARSE_ERROR",
          `${this.file} line ${this.quoteLine}: a quoted field starting on this line is never closed (the file ends inside quotes); check the quotes on that line, or the quotechar option`,
          { file: this.file, line: this.quoteLine, reason: "unclosed-quote" });
      case FIELD: case UNQ: case ESC_UNQ: case QUOTE_IN_Q: {
        if (nf === this.starts.length) { this.fields = nf; this.growFields(); }
        if (state === FIELD) { this.starts[nf] = end; this.ends[nf] = end; }
        else if (state === QUOTE_IN_Q && this.flag === 0) { this.starts[nf] = this.fieldStart + 1; this.ends[nf] = end - 1; }
        else { this.starts[nf] = this.fieldStart; this.ends[nf] = this.flag === 0 ? end : ~end; }
        nf++;
        nf = this.commitRow(nf, this.rowFirst, this.rowLine);
        this.fields = nf;
        this.rowFirst = nf;
        this.state = ROW;
        return;
      }
      default:
        throw new DuskError("INTERNAL", `csv tokenizer: bad state ${state}`);
    }
  }
}

/**
 * Whether the field span `[s, e)` the tokenizer recorded (see the module doc; `e < 0`: raw text
 * from `s`) was quoted in the text: a quoted field's value starts right after the quote, or, when
 * it needs unescaping, its raw text starts with it. An unquoted field follows a separator, a line
 * break or the start of the input, never a quote.
 */
export function fieldWasQuoted(src: Uint8Array, s: number, e: number, quote: number): boolean {
  return e < 0 ? src[s] === quote : s > 0 && src[s - 1] === quote;
}
