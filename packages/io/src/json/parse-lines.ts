/**
 * Parsing a block of newline-delimited JSON bytes into a Batch. Lines are split at line feeds;
 * each line is first tried by the byte-level fast path (fast-line.ts), which handles plain records
 * without making JS values. A line it declines is decoded (UTF-8, checked) and parsed with
 * `JSON.parse` — or, when it may hold an integer of 16 or more digits, with the exact parser (so
 * int64 values beyond 2^53 keep every digit) — and the record walked along the key tree into the
 * same column builders. Blank lines are skipped.
 *
 * Lines are counted within the block (`rel`, 0-based): failures are thrown as {@link LineFault}s
 * and bad lines returned with their `rel`, for the block reader to name the true line.
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('{"a":1}\n{"a":2,"b":"x"}\n');
 * const { batch } = parseJsonLines(bytes, { file, sampledFile: file, columns, selected: false, onBadLines: "error" }, ["a", "b"]);
 * ```
 */
import type { OnBadLines } from "../csv/options.js";
import { DuskError } from "@dusk/core";
import type { Batch } from "@dusk/kernels";
import { createJsonBuilder, type JsonColumnBuilder } from "./columns/builder.js";
import { badLine, collision, LineFault, notAnObject, unknownKey, valueMismatch } from "./errors.js";
import { JsonSyntaxError, mayHoldBigInt, parseJsonExact } from "./exact-parse.js";
import { FastLineParser } from "./fast-line.js";
import { buildKeyTree, NOT_READ, type KeyNode } from "./key-tree.js";
import type { JsonColumnSpec } from "./schema.js";

/** What parsing a block needs to know. */
export interface JsonParseContext {
  readonly file: string;
  /** The file the schema came from, for messages. */
  readonly sampledFile: string;
  /** Every column of the read. */
  readonly columns: readonly JsonColumnSpec[];
  /** `columns` was given: keys that are not columns are ignored. */
  readonly selected: boolean;
  readonly onBadLines: OnBadLines;
}

/** A line dropped under onBadLines "skip"/"warn": its index in the block and the message for it. */
export interface DroppedLine {
  readonly rel: number;
  readonly message: (line: number) => string;
}

const isBlank = (s: string): boolean => s.trim() === "";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

class RecordWalker {
  row = 0;
  rel = 0;
  /** The current attempt at a record (fast path or general path): stamps equal to it are set. */
  gen = 0;
  readonly stamps: Int32Array;

  constructor(readonly ctx: JsonParseContext, readonly builders: readonly JsonColumnBuilder[], readonly specs: readonly JsonColumnSpec[]) {
    this.stamps = new Int32Array(builders.length).fill(-1);
  }

  walk(obj: Record<string, unknown>, n: KeyNode): void {
    const children = n.children;
    for (const k in obj) {
      const v = obj[k];
      const child = children === null ? undefined : children.get(k);
      if (child === undefined) {
        if (this.ctx.selected) continue;
        const name = n.name === "" ? k : `${n.name}.${k}`;
        const { file, sampledFile } = this.ctx;
        throw new LineFault(this.rel, (line) => unknownKey(file, line, name, v, sampledFile));
      }
      if (child.skip || v === null) continue;
      if (typeof v === "object" && child.children !== null && !child.text && !Array.isArray(v)) {
        this.walk(v as Record<string, unknown>, child);
        continue;
      }
      const col = child.col;
      if (col < 0) {
        if (col === NOT_READ || this.ctx.selected) continue;
        // INTERIOR: a scalar (or array) where the sample had objects
        const { file } = this.ctx;
        throw new LineFault(this.rel, (line) => notAnObject(file, line, child.name, v, child.nested));
      }
      if (this.stamps[col] === this.gen) {
        const { file } = this.ctx;
        throw new LineFault(this.rel, (line) => collision(file, line, child.name));
      }
      this.stamps[col] = this.gen;
      if (!this.builders[col].append(v, this.row)) {
        const { file } = this.ctx;
        const spec = this.specs[col];
        throw new LineFault(this.rel, (line) => valueMismatch(file, line, spec.name, spec.dtype, v));
      }
    }
  }

  /** Nulls for the columns the record did not give. */
  endRecord(): void {
    const row = this.row, gen = this.gen, stamps = this.stamps, builders = this.builders;
    for (let c = 0; c < stamps.length; c++) if (stamps[c] !== gen) builders[c].appendNull(row);
    this.row = row + 1;
  }
}

/**
 * Parses the lines of `parts` (each holding whole lines: every part but the last ends in a line
 * feed) into a batch of the columns `read` (names, in this order). `atFileStart`: a byte order
 * mark at the start is skipped.
 */
export function parseJsonLines(
  parts: Uint8Array | readonly Uint8Array[], ctx: JsonParseContext, read: readonly string[], atFileStart = false,
): { batch: Batch; dropped: DroppedLine[] } {
  const list = parts instanceof Uint8Array ? [parts] : parts;
  const specs = read.map((name) => ctx.columns.find((c) => c.name === name)!);
  let guess = list.length; // lines: the rows to make room for
  for (const bytes of list) for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) guess++;
  const builders = specs.map((s) => createJsonBuilder(s.dtype, guess));
  const root = buildKeyTree(ctx.columns, read);
  const w = new RecordWalker(ctx, builders, specs);
  const fast = new FastLineParser(root, builders, w.stamps, ctx.selected);
  const dropped: DroppedLine[] = [];
  const { file } = ctx;
  const drop = (line: string, why: string): void => {
    if (ctx.onBadLines === "error") throw new LineFault(w.rel, (n) => badLine(file, n, line, why));
    dropped.push({ rel: w.rel, message: (n) => badLine(file, n, line, why).message });
  };
  for (let part = 0; part < list.length; part++) {
    const bytes = list[part];
    const len = bytes.length;
    let pos = part === 0 && atFileStart && len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (; pos < len; w.rel++) {
      let end = bytes.indexOf(10, pos);
      if (end < 0) end = len;
      const s = pos;
      pos = end + 1;
      if (end === s || (end === s + 1 && bytes[s] === 13)) continue;
      w.gen++;
      if (fast.parse(bytes, s, end, w.row, w.gen)) {
        w.endRecord();
        continue;
      }
      // the general path, on the decoded line
      w.gen++;
      let line: string;
      try {
        line = fatalDecoder.decode(bytes.subarray(s, end));
      } catch {
        throw new LineFault(w.rel, (n) => new DuskError("JSON_PARSE_ERROR",
          `${file} line ${n}: not valid UTF-8; Dusk reads UTF-8 JSON only (re-encode the file first, e.g. iconv -f latin1 -t utf-8)`, { file, line: n }));
      }
      let rec: unknown;
      try {
        rec = mayHoldBigInt(line) ? parseJsonExact(line, false) : JSON.parse(line);
      } catch (e) {
        if (isBlank(line)) continue;
        drop(line, `not valid JSON (${e instanceof JsonSyntaxError || e instanceof SyntaxError ? e.message : String(e)})`);
        continue;
      }
      if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
        drop(line, `not a JSON object (each line must hold one object, like {"a": 1})`);
        continue;
      }
      w.walk(rec as Record<string, unknown>, root);
      w.endRecord();
    }
  }
  const n = w.row;
  return { batch: { names: [...read], columns: builders.map((b) => b.finish(n)), length: n }, dropped };
}
