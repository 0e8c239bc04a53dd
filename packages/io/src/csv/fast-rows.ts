/**
 * The fast path of CSV parsing: rows are split and parsed in one pass over their bytes, each field
 * parsed straight into its column's typed array as it is scanned (digits accumulated into ints and
 * floats, short strings packed and interned). It takes only "plain" rows: unquoted fields, or quoted
 * ones without quotes, escapes or line breaks inside, with exactly the expected field count and a
 * line break at the end. On anything else (a blank or comment line, a doubled quote, a ragged row,
 * a value that does not parse, the end of the input) it stops at the start of that row and leaves it
 * to the exact tokenizer ({@link CsvTokenizer}), which parses it by the full rules or reports the
 * error with its line; so for every row it accepts, the result is what the exact path gives.
 *
 * The loop is compiled per sequence of column kinds (see fast-rows-source.ts); where code
 * generation is disallowed, there is no fast path and the exact tokenizer parses everything.
 *
 * @example
 * ```ts
 * const fast = FastRowParser.create(buildersByField, options, na); // null without codegen
 * const next = fast.run(bytes, pos, bytes.length, firstRow, 4096);
 * fast.rows;   // rows parsed (each one line)
 * fast.bailed; // true when it stopped at a row it could not take
 * ```
 */
import type { ColumnBuilder } from "./columns/builder.js";
import { fastRowsSource, SKIP_FIELD } from "./fast-rows-source.js";
import type { NaMatcher } from "./na-values.js";
import type { NormalizedCsvOptions } from "./options.js";

const LF = 10;
const CR = 13;
/** A loop's first PRIME_CALLS calls on a thread parse PRIME_ROWS rows each. */
const PRIME_CALLS = 4;
const PRIME_ROWS = 16;
/** Exact powers of ten 10^0 … 10^15. */
const POW10 = Float64Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

type RowLoop = (
  src: Uint8Array, pos: number, limit: number, end: number, r: number, rowEnd: number,
  cols: readonly (ColumnBuilder | null)[], na: NaMatcher, naMax: number,
  cls: Uint8Array, qcls: Uint8Array, startBail: Uint8Array, pow10: Float64Array, quotedNa: NaMatcher,
  out: Int32Array,
) => void;

/** Compiled loops by kinds, separator and quote; shared by all parsers. */
const loops = new Map<string, RowLoop>();
/** Calls of each loop still to be cut to {@link PRIME_ROWS} rows (see {@link FastRowParser.run}). */
const primeCalls = new WeakMap<RowLoop, number>();
let codegenAllowed = true;

function compile(kinds: readonly number[], sep: number, quote: number, stops: readonly number[]): RowLoop | null {
  const key = `${sep},${quote},${stops.join(",")}:${kinds.join("")}`;
  let loop = loops.get(key);
  if (loop === undefined) {
    try {
      loop = new Function(fastRowsSource(kinds, sep, quote, stops))() as RowLoop;
    } catch {
      codegenAllowed = false; // --disallow-code-generation-from-strings
      return null;
    }
    loops.set(key, loop);
  }
  return loop;
}

export class FastRowParser {
  /** Rows parsed by the last run. */
  rows = 0;
  /** True when the last run stopped at a row it could not take (false: row limit or end of input). */
  bailed = false;

  private readonly sep: number;
  private readonly quote: number;
  /** Bytes that end an unquoted field: separator, line breaks, escape and comment characters. */
  private readonly cls: Uint8Array;
  /** The bytes `cls` marks, in order. */
  private readonly stops: number[] = [];
  /** Bytes that end the fast scan of a quoted field: quote, escape, line breaks. */
  private readonly qcls: Uint8Array;
  /** Bytes a row cannot start with on the fast path (blank, comment or whitespace lines). */
  private readonly startBail: Uint8Array;
  private readonly kinds: number[];
  private readonly out = new Int32Array(3);
  private loop: RowLoop | null = null;
  private loopKey = "";

  /** A parser for rows whose fields go to `byField` (null for skipped fields); null without codegen. */
  static create(byField: readonly (ColumnBuilder | null)[], options: NormalizedCsvOptions, na: NaMatcher, quotedNa: NaMatcher = na): FastRowParser | null {
    if (!codegenAllowed || byField.length === 0) return null;
    const p = new FastRowParser(byField, options, na, quotedNa);
    p.refresh();
    return p.loop === null ? null : p;
  }

  private constructor(private readonly byField: readonly (ColumnBuilder | null)[], options: NormalizedCsvOptions, private readonly na: NaMatcher,
    private readonly quotedNa: NaMatcher) {
    this.sep = options.sep;
    this.quote = options.quote;
    const cls = new Uint8Array(256);
    cls[options.sep] = 1;
    cls[LF] = 1;
    cls[CR] = 1;
    if (options.escape >= 0) cls[options.escape] = 1;
    if (options.comment >= 0) cls[options.comment] = 1;
    this.cls = cls;
    for (let b = 0; b < 256; b++) if (cls[b] !== 0) this.stops.push(b);
    const qcls = new Uint8Array(256);
    qcls[options.quote] = 1;
    qcls[LF] = 1;
    qcls[CR] = 1;
    if (options.escape >= 0) qcls[options.escape] = 1;
    this.qcls = qcls;
    const startBail = new Uint8Array(256);
    startBail[LF] = 1;
    startBail[CR] = 1;
    if (options.comment >= 0) startBail[options.comment] = 1;
    if (options.sep !== 32) startBail[32] = 1;
    if (options.sep !== 9) startBail[9] = 1;
    this.startBail = startBail;
    this.kinds = byField.map(() => SKIP_FIELD);
  }

  /** Picks the loop for the columns' current kinds (a text column may have gone plain). */
  private refresh(): void {
    const kinds = this.kinds;
    for (let c = 0; c < kinds.length; c++) {
      const b = this.byField[c];
      kinds[c] = b === null ? SKIP_FIELD : b.fastKind;
    }
    const key = kinds.join("");
    if (key !== this.loopKey || this.loop === null) {
      this.loop = compile(kinds, this.sep, this.quote, this.stops);
      this.loopKey = key;
    }
  }

  /**
   * Parses rows from `src[pos, end)` into builder rows `row0`, `row0 + 1`, … (room for `maxRows`
   * must be reserved) while they are plain. Returns the position after the last row parsed.
   */
  run(src: Uint8Array, pos: number, end: number, row0: number, maxRows: number): number {
    this.rows = 0;
    this.bailed = false;
    // rows must end at or before the last line break: no scan in the loop can pass it
    let limit = end - 1;
    while (limit >= pos && src[limit] !== LF && src[limit] !== CR) limit--;
    if (limit < pos) return pos;
    this.refresh();
    const out = this.out;
    const loop = this.loop!;
    let from = pos, r = row0, stopped = false;
    // a loop's first calls on a thread take a few rows each: V8 allocates a function's type
    // feedback only after it has run a while, and compiles a long-running loop while it runs
    // (on-stack replacement); code compiled during a first long call had no feedback for what comes
    // after the loop and gave up there ("insufficient type feedback") on every later call, until
    // the whole function was compiled again: a fresh worker ran its first blocks in slow code
    let left = primeCalls.get(loop) ?? PRIME_CALLS;
    while (left > 0 && row0 + maxRows - r > PRIME_ROWS) {
      primeCalls.set(loop, --left);
      loop(src, from, limit, end, r, r + PRIME_ROWS, this.byField, this.na, this.na.maxLength, this.cls, this.qcls, this.startBail, POW10, this.quotedNa, out);
      stopped = out[2] !== 0 || out[1] < r + PRIME_ROWS;
      from = out[0];
      r = out[1];
      if (stopped) break;
    }
    if (!stopped) {
      loop(src, from, limit, end, r, row0 + maxRows, this.byField, this.na, this.na.maxLength,
        this.cls, this.qcls, this.startBail, POW10, this.quotedNa, out);
    }
    const next = out[1];
    this.rows = next - row0;
    this.bailed = out[2] !== 0;
    if (this.bailed) {
      // the row given up may have marked nulls: the exact path parses it anew
      for (const b of this.byField) b?.validity.setValid(next);
    }
    return out[0];
  }
}
