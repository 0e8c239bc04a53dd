/**
 * utf8 columns, dictionary-encoded while parsing: each value is interned (hashed in place, bytes
 * copied only for new distinct values) and the row gets its code. When the distinct values exceed
 * half the rows the dictionary stops paying, and the column switches to the plain layout
 * (offsets + bytes): checked after each batch once {@link PLAIN_CHECK_ROWS} rows are in (before
 * that, most columns look distinct), and once more at the end, so a finished dictionary column
 * has at most half as many distinct values as rows.
 *
 * Values must be UTF-8 (checked only for values with a byte ≥ 0x80, and in the dictionary only for
 * new ones); null strings become nulls.
 */
import { dtypes } from "@dusk/core";
import type { Column, DictColumn, Utf8Column } from "@dusk/kernels";
import { isValidUtf8 } from "../utf8-check.js";
import { FAST_DICT, FAST_PLAIN, fitted, growInt32, growUint8, type BuilderContext, type ColumnBuilder, type FastKind } from "./builder.js";
import { StringDictionary } from "./string-dictionary.js";
import { ValidityBuilder } from "./validity-builder.js";
import type { NaMatcher } from "../na-values.js";

/** Rows after which a column whose distinct values exceed half its rows goes plain. */
export const PLAIN_CHECK_ROWS = 1 << 17;

export class Utf8ColumnBuilder implements ColumnBuilder {
  /** The dictionary, or null once the column is plain. */
  dict: StringDictionary | null = new StringDictionary();
  codes: Int32Array = new Int32Array(1024);
  readonly validity = new ValidityBuilder();
  /** Plain layout: where each row's bytes end in `data` (row r is `data[offsets[r], offsets[r + 1])`). */
  offsets: Int32Array = new Int32Array(1);
  data: Uint8Array = new Uint8Array(0);
  private bytes = 0;
  private n = 0;

  constructor(private readonly ctx: BuilderContext) {
    if (ctx.plain === true) this.dict = null; // mostly distinct values: no dictionary to give up on
  }

  get length(): number { return this.n; }

  get fastKind(): FastKind { return this.dict !== null ? FAST_DICT : FAST_PLAIN; }

  /** Plain layout: `data` with room for `need` bytes, its first `used` kept (the fast row loop's growth). */
  growData(used: number, need: number): Uint8Array {
    this.data = growUint8(this.data, used, need);
    return this.data;
  }

  /**
   * Plain layout: copies `b[s, e)` to `data` at `pos` (room must be there); false when it is not
   * valid UTF-8. For the fast row loop, which stores short ASCII values itself.
   */
  copyValue(b: Uint8Array, s: number, e: number, pos: number): boolean {
    const data = this.data;
    const len = e - s;
    let high = 0;
    if (len < 64) {
      for (let i = 0; i < len; i++) { const c = b[s + i]; high |= c; data[pos + i] = c; }
    } else {
      data.set(b.subarray(s, e), pos);
      high = 0x80;
    }
    return (high & 0x80) === 0 || isValidUtf8(b, s, e);
  }

  reserve(extra: number, expected = 0): void {
    if (this.dict !== null) { this.codes = growInt32(this.codes, this.n, this.n + extra, expected); return; }
    this.offsets = growInt32(this.offsets, this.n + 1, this.n + extra + 1, expected + 1);
    // the bytes too, from the bytes per row so far: grown once to the block's estimate, not doubled
    // (and then copied once more to trim) as the fast loop's growData would
    const n = this.n;
    if (n > 0) {
      const perRow = this.bytes / n;
      const need = this.bytes + Math.ceil(perRow * extra) + 64;
      if (need > this.data.length) this.data = growUint8(this.data, this.bytes, need, Math.ceil(perRow * Math.max(expected - n, 0)) + this.bytes + 64);
    }
  }

  appendValue(b: Uint8Array, s: number, e: number, r: number, na: NaMatcher = this.ctx.na): boolean {
    const dict = this.dict;
    if (na.matches(b, s, e)) {
      this.validity.setNull(r);
      if (dict !== null) this.codes[r] = 0;
      else this.offsets[r + 1] = this.offsets[r];
      return true;
    }
    if (dict !== null) {
      const id = dict.intern(b, s, e);
      if (id < 0) return false;
      this.codes[r] = id;
      return true;
    }
    // plain: rows are appended in order, so row r starts where row r − 1 ended
    const pos = this.offsets[r];
    if (pos + (e - s) > this.data.length) this.growData(pos, pos + (e - s));
    if (!this.copyValue(b, s, e, pos)) return false;
    this.offsets[r + 1] = pos + (e - s);
    return true;
  }

  commit(n: number): void {
    this.n = n;
    if (this.dict === null) this.bytes = this.offsets[n];
    if (this.dict !== null && n >= PLAIN_CHECK_ROWS && this.dict.size * 2 > n) this.toPlain();
  }

  /** Rewrites the rows so far in the plain layout and goes on plainly. */
  private toPlain(): void {
    const dict = this.dict!.toColumn();
    const n = this.n;
    const codes = this.codes;
    const d = dict.data, o = dict.offsets;
    const validity = this.validity.finish(n);
    let total = 0;
    for (let r = 0; r < n; r++) total += o[codes[r] + 1] - o[codes[r]];
    const offsets = new Int32Array(Math.max(n * 2, 1024) + 1);
    const data = new Uint8Array(Math.max(total * 2, 1024));
    let pos = 0;
    for (let r = 0; r < n; r++) {
      if (validity === null || ((validity[r >> 3] >> (r & 7)) & 1) === 1) {
        const c = codes[r];
        for (let i = o[c]; i < o[c + 1]; i++) data[pos++] = d[i];
      }
      offsets[r + 1] = pos;
    }
    this.offsets = offsets;
    this.data = data;
    this.bytes = pos;
    this.dict = null;
    this.codes = new Int32Array(0);
  }

  finish(): Column {
    const n = this.n;
    if (this.dict !== null && this.dict.size * 2 > n) this.toPlain();
    const validity = this.validity.finish(n);
    if (this.dict !== null) {
      const col: DictColumn = { layout: "dict", dtype: dtypes.utf8, length: n, codes: fitted(this.codes, n), dictionary: this.dict.toColumn(), validity };
      return col;
    }
    const col: Utf8Column = {
      layout: "utf8", dtype: dtypes.utf8, length: n,
      offsets: fitted(this.offsets, n + 1), data: fitted(this.data, this.bytes), validity,
    };
    return col;
  }
}
