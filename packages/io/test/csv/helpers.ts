/**
 * Shared helpers of the CSV parser tests: a seeded PRNG, the block parser driven with any chunking
 * and with the fast path on or off, papaparse as the reference tokenizer, and error capture.
 */
import { dtypes, isDuskError, type DType, type ErrorCode } from "@dusk/core";
import { columnToValues, type Batch, type ScalarValue } from "@dusk/kernels";
import Papa from "papaparse";
import { expect } from "vitest";
import { CsvBlockParser, setCsvFastPathDisabled } from "../../src/csv/block-parser.js";
import { inferCsvSchema } from "../../src/csv/infer.js";
import type { CsvOptions } from "../../src/csv/options.js";
import type { CsvLayout, CsvSchema } from "../../src/csv/schema.js";

export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** mulberry32: a small seeded PRNG, so every run sees the same inputs. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random helpers over one PRNG. */
export class Rand {
  readonly next: () => number;
  constructor(seed: number) { this.next = rng(seed); }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** A layout keeping every field of `fieldCount` as one column of `dtype` (names "0", "1", …). */
export function layoutOf(fieldCount: number, dtype: DType = dtypes.utf8): CsvLayout {
  return {
    fieldCount,
    columns: Array.from({ length: fieldCount }, (_, i) => ({ name: String(i), dtype, fileColumnIndex: i })),
  };
}

/** Options that read every field as text: no null strings at all. */
export const TEXT: CsvOptions = { keepDefaultNa: false };

export interface ParseRun {
  /** Chunk boundaries (offsets into the bytes, ascending, excluding 0 and the length). */
  readonly cuts?: readonly number[];
  /** Run with the fast path disabled. */
  readonly slow?: boolean;
  readonly file?: string;
  readonly firstLine?: number;
}

/** Parses `bytes` with a fresh CsvBlockParser, pushing the chunks given by `cuts`. */
export function parseBlock(bytes: Uint8Array, layout: CsvLayout, options: CsvOptions, run: ParseRun = {}): Batch {
  const before = setCsvFastPathDisabled(run.slow ?? false);
  try {
    const p = new CsvBlockParser(layout, options, { file: run.file ?? "t.csv", firstLine: run.firstLine ?? 1 });
    let at = 0;
    for (const c of run.cuts ?? []) {
      p.push(bytes.subarray(at, c));
      at = c;
    }
    p.push(bytes.subarray(at));
    return p.finish();
  } finally {
    setCsvFastPathDisabled(before);
  }
}

/** The batch as rows of JS values. */
export function rowsOf(batch: Batch): ScalarValue[][] {
  const cols = batch.columns.map(columnToValues);
  for (const c of cols) expect(c.length).toBe(batch.length);
  return Array.from({ length: batch.length }, (_, r) => cols.map((c) => c[r]));
}

/** The batch as columns of JS values, by name. */
export function columnsOf(batch: Batch): Record<string, ScalarValue[]> {
  const out: Record<string, ScalarValue[]> = {};
  batch.names.forEach((n, i) => { out[n] = columnToValues(batch.columns[i]); });
  return out;
}

/** Rows of a parse, or the error it threw as `{ code, message }`. */
export type Outcome = { rows: ScalarValue[][] } | { code: string; message: string };

export function outcome(f: () => Batch): Outcome {
  try {
    return { rows: rowsOf(f()) };
  } catch (e) {
    if (isDuskError(e)) return { code: e.code, message: e.message };
    throw e;
  }
}

/** Sorted random cut positions in (0, length). */
export function randomCuts(r: Rand, length: number, count: number): number[] {
  const s = new Set<number>();
  for (let k = 0; k < count && length > 1; k++) s.add(r.int(1, length - 1));
  return [...s].sort((a, b) => a - b);
}

/** Every cut into 1-byte chunks. */
export function byteCuts(length: number): number[] {
  return Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
}

/**
 * Parses `bytes` whole (fast and exact path), at every single cut position, byte by byte and at
 * random cuts; every run must give the same outcome (rows or error). Returns that outcome.
 */
export function parseEveryWay(bytes: Uint8Array, layout: CsvLayout, options: CsvOptions, r: Rand, { everyCut = true } = {}): Outcome {
  const whole = outcome(() => parseBlock(bytes, layout, options));
  const label = (what: string): string => `${what} of ${JSON.stringify(dec.decode(bytes)).slice(0, 300)}`;
  const same = (o: Outcome, what: string): void => { expect(o, label(what)).toEqual(whole); };
  same(outcome(() => parseBlock(bytes, layout, options, { slow: true })), "exact path");
  if (everyCut) {
    for (let c = 1; c < bytes.length; c++) {
      const slow = (c & 1) === 1;
      same(outcome(() => parseBlock(bytes, layout, options, { cuts: [c], slow })), `cut at ${c}${slow ? " (exact path)" : ""}`);
    }
    same(outcome(() => parseBlock(bytes, layout, options, { cuts: byteCuts(bytes.length) })), "1-byte chunks");
    same(outcome(() => parseBlock(bytes, layout, options, { cuts: byteCuts(bytes.length), slow: true })), "1-byte chunks (exact path)");
  }
  for (let k = 0; k < 4; k++) {
    const cuts = randomCuts(r, bytes.length, r.int(1, 12));
    same(outcome(() => parseBlock(bytes, layout, options, { cuts, slow: (k & 1) === 1 })), `cuts ${cuts.join(",")}`);
  }
  return whole;
}

/** papaparse's rows for `text` with the given line break (it takes one kind per input). */
export function papaRows(text: string, newline: "\n" | "\r\n" | "\r", delimiter = ","): string[][] {
  const res = Papa.parse<string[]>(text, { delimiter, newline, quoteChar: '"', skipEmptyLines: false, header: false });
  expect(res.errors, `papaparse errors on ${JSON.stringify(text).slice(0, 200)}`).toEqual([]);
  return res.data;
}

/** Calls `f`, expecting a DuskError with `code` whose message matches every regex; returns it. */
export function expectDuskError(f: () => unknown, code: ErrorCode, ...patterns: RegExp[]): { message: string; details: Readonly<Record<string, unknown>> } {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  if (!isDuskError(caught)) throw caught;
  expect(`${caught.code}: ${caught.message}`).toMatch(new RegExp(`^${code}: `));
  for (const p of patterns) expect(caught.message).toMatch(p);
  return { message: caught.message, details: caught.details };
}

/** Infers the schema of a whole file given as text, and parses its data block. */
export function readText(text: string | Uint8Array, options: CsvOptions = {}, run: ParseRun = {}): { schema: CsvSchema; batch: Batch } {
  const bytes = typeof text === "string" ? enc.encode(text) : text;
  const file = run.file ?? "t.csv";
  const schema = inferCsvSchema(bytes, options, file, { wholeFile: true });
  const batch = parseBlock(bytes.subarray(schema.dataStart), schema, options, { ...run, file, firstLine: schema.headerLines + 1 });
  return { schema, batch };
}
