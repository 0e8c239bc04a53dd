/**
 * date32 and timestamp columns of a JSON read, from ISO 8601 strings (the kernels' parsers, as the
 * CSV reader uses): each string is written into a scratch buffer as UTF-8 and parsed from there.
 * Values with an offset are converted to UTC; numbers are not read as dates.
 */
import { dtypes, type TimestampType } from "@dusk/core";
import { parseDateBytes, parseTimestampBytes, type Column } from "@dusk/kernels";
import { fitted, growInt32 } from "../../csv/columns/builder.js";
import { ValidityBuilder } from "../../csv/columns/validity-builder.js";
import type { JsonColumnBuilder } from "./builder.js";

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** The UTF-8 bytes of `s` in the shared scratch buffer; returns their length. */
function toScratch(s: string): number {
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
  return encoder.encodeInto(s, scratch).written;
}

export class DateJsonBuilder implements JsonColumnBuilder {
  private values: Int32Array;
  private readonly validity = new ValidityBuilder();

  constructor(rows: number) {
    this.values = new Int32Array(Math.max(16, rows));
  }

  append(v: unknown, r: number): boolean {
    if (typeof v !== "string") return false;
    const d = parseDateBytes(scratch, 0, toScratch(v));
    if (!(d >= -2147483648 && d <= 2147483647)) return false;
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = d;
    return true;
  }

  appendStringBytes(b: Uint8Array, s: number, e: number, r: number): boolean {
    const d = parseDateBytes(b, s, e);
    if (!(d >= -2147483648 && d <= 2147483647)) return false;
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = d;
    return true;
  }

  appendNumberText(): boolean { return false; }
  appendInteger(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    return { layout: "primitive", dtype: dtypes.date32, length: n, values: fitted(this.values, n), validity: this.validity.finish(n) };
  }
}

export class TimestampJsonBuilder implements JsonColumnBuilder {
  private words: Int32Array;
  private readonly validity = new ValidityBuilder();

  constructor(private readonly dtype: TimestampType, rows: number) {
    this.words = new Int32Array(2 * Math.max(16, rows));
  }

  append(v: unknown, r: number): boolean {
    if (typeof v !== "string") return false;
    if (2 * r + 1 >= this.words.length) this.words = growInt32(this.words, 2 * r, 2 * r + 2);
    return parseTimestampBytes(scratch, 0, toScratch(v), this.dtype.unit, this.words, r);
  }

  appendStringBytes(b: Uint8Array, s: number, e: number, r: number): boolean {
    if (2 * r + 1 >= this.words.length) this.words = growInt32(this.words, 2 * r, 2 * r + 2);
    return parseTimestampBytes(b, s, e, this.dtype.unit, this.words, r);
  }

  appendNumberText(): boolean { return false; }
  appendInteger(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    if (2 * r + 1 >= this.words.length) this.words = growInt32(this.words, 2 * r, 2 * r + 2);
    this.words[2 * r] = 0;
    this.words[2 * r + 1] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    const w = fitted(this.words, 2 * n);
    return { layout: "primitive", dtype: this.dtype, length: n, values: new BigInt64Array(w.buffer, w.byteOffset, n), validity: this.validity.finish(n) };
  }
}
