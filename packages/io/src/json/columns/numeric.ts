/**
 * Number columns of a JSON read. float64 takes every number as `JSON.parse` reads it (float32
 * rounds it at the end); integer columns take whole numbers within their range, and int64/uint64
 * also the BigInts the exact parser gives for integers beyond ±2^53, so no digit is lost.
 */
import { dtypes } from "@dusk/core";
import { parseFloatBytes, parseInt64Bytes, parseIntBytes, parseUint64Bytes, writeInt64FromNumber, type Column } from "@dusk/kernels";
import { fitted, growFloat64, growInt32 } from "../../csv/columns/builder.js";
import { SMALL_INT_RANGE, smallIntColumn, type SmallIntKind } from "../../csv/columns/small-int-builder.js";
import { ValidityBuilder } from "../../csv/columns/validity-builder.js";
import type { JsonColumnBuilder } from "./builder.js";

export class FloatJsonBuilder implements JsonColumnBuilder {
  private values: Float64Array;
  private readonly validity = new ValidityBuilder();

  constructor(private readonly single: boolean, rows: number) {
    this.values = new Float64Array(Math.max(16, rows));
  }

  append(v: unknown, r: number): boolean {
    if (r >= this.values.length) this.values = growFloat64(this.values, r, r + 1);
    if (typeof v === "number") { this.values[r] = v; return true; }
    if (typeof v === "bigint") { this.values[r] = Number(v); return true; }
    return false;
  }

  appendInteger(v: number, r: number): boolean {
    if (r >= this.values.length) this.values = growFloat64(this.values, r, r + 1);
    this.values[r] = v;
    return true;
  }

  appendNumberText(b: Uint8Array, s: number, e: number, r: number): boolean {
    if (r >= this.values.length) this.values = growFloat64(this.values, r, r + 1);
    const x = parseFloatBytes(b, s, e);
    this.values[r] = x;
    return x === x;
  }

  appendStringBytes(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    if (r >= this.values.length) this.values = growFloat64(this.values, r, r + 1);
    this.values[r] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    const validity = this.validity.finish(n);
    return this.single
      ? { layout: "primitive", dtype: dtypes.float32, length: n, values: new Float32Array(this.values.subarray(0, n)), validity }
      : { layout: "primitive", dtype: dtypes.float64, length: n, values: fitted(this.values, n), validity };
  }
}


export class SmallIntJsonBuilder implements JsonColumnBuilder {
  private values: Int32Array;
  private readonly validity = new ValidityBuilder();
  private readonly min: number;
  private readonly max: number;

  constructor(private readonly kind: SmallIntKind, rows: number) {
    this.values = new Int32Array(Math.max(16, rows));
    [this.min, this.max] = SMALL_INT_RANGE[kind];
  }

  append(v: unknown, r: number): boolean {
    if (typeof v !== "number" || !Number.isInteger(v) || v < this.min || v > this.max) return false;
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = v;
    return true;
  }

  appendInteger(v: number, r: number): boolean {
    if (!(v >= this.min && v <= this.max)) return false;
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = v;
    return true;
  }

  appendNumberText(b: Uint8Array, s: number, e: number, r: number): boolean {
    const v = parseIntBytes(b, s, e);
    if (!(v >= this.min && v <= this.max)) return false;
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = v;
    return true;
  }

  appendStringBytes(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    if (r >= this.values.length) this.values = growInt32(this.values, r, r + 1);
    this.values[r] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column { return smallIntColumn(this.kind, this.values, n, this.validity); }
}

const I64_MIN = -(2n ** 63n), I64_MAX = 2n ** 63n - 1n, U64_MAX = 2n ** 64n - 1n;

/** int64 / uint64: two 32-bit words per row; a BigInt view over them for values beyond 2^53. */
export class Int64JsonBuilder implements JsonColumnBuilder {
  private words: Int32Array;
  private big: BigInt64Array | BigUint64Array;
  private readonly validity = new ValidityBuilder();

  constructor(private readonly unsigned: boolean, rows: number) {
    this.words = new Int32Array(2 * Math.max(16, rows));
    this.big = this.view();
  }

  private view(): BigInt64Array | BigUint64Array {
    const w = this.words;
    return this.unsigned ? new BigUint64Array(w.buffer, w.byteOffset, w.length >> 1) : new BigInt64Array(w.buffer, w.byteOffset, w.length >> 1);
  }

  private room(r: number): void {
    if (2 * r + 1 < this.words.length) return;
    this.words = growInt32(this.words, 2 * r, 2 * r + 2);
    this.big = this.view();
  }

  append(v: unknown, r: number): boolean {
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) || (this.unsigned && v < 0)) return false;
      this.room(r);
      writeInt64FromNumber(this.words, r, v);
      return true;
    }
    if (typeof v === "bigint") {
      if (this.unsigned ? v < 0n || v > U64_MAX : v < I64_MIN || v > I64_MAX) return false;
      this.room(r);
      this.big[r] = v;
      return true;
    }
    return false;
  }

  appendInteger(v: number, r: number): boolean {
    if (this.unsigned && v < 0) return false;
    this.room(r);
    writeInt64FromNumber(this.words, r, v);
    return true;
  }

  appendNumberText(b: Uint8Array, s: number, e: number, r: number): boolean {
    this.room(r);
    return this.unsigned ? parseUint64Bytes(b, s, e, this.words, r) : parseInt64Bytes(b, s, e, this.words, r);
  }

  appendStringBytes(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    this.room(r);
    this.words[2 * r] = 0;
    this.words[2 * r + 1] = 0;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    const w = fitted(this.words, 2 * n);
    const validity = this.validity.finish(n);
    return this.unsigned
      ? { layout: "primitive", dtype: dtypes.uint64, length: n, values: new BigUint64Array(w.buffer, w.byteOffset, n), validity }
      : { layout: "primitive", dtype: dtypes.int64, length: n, values: new BigInt64Array(w.buffer, w.byteOffset, n), validity };
  }
}
