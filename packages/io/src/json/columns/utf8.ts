/**
 * utf8 columns of a JSON read. Values are interned as UTF-8 bytes while parsing (the CSV reader's
 * StringDictionary: short values hashed as integer words) and the column comes out
 * dictionary-encoded when the distinct values are at most half the rows, else plain. A utf8
 * column takes any JSON value: a number, bool, array or object is kept as its JSON text (`1.5`,
 * `true`, `[1,2]`). A string with a lone surrogate (`"\ud800"`, which UTF-8 cannot hold) is refused
 * rather than altered.
 */
import { dtypes } from "@dusk/core";
import type { Column, DictColumn, Utf8Column } from "@dusk/kernels";
import { fitted, growInt32 } from "../../csv/columns/builder.js";
import { StringDictionary } from "../../csv/columns/string-dictionary.js";
import { ValidityBuilder } from "../../csv/columns/validity-builder.js";
import { toJsonText } from "../exact-parse.js";
import type { JsonColumnBuilder } from "./builder.js";

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const encoder = new TextEncoder();
let scratch = new Uint8Array(1024);

/** JSON text of a non-string value (BigInt-safe). */
function textOf(v: unknown): string {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "bigint") return v.toString();
  try {
    return JSON.stringify(v);
  } catch {
    return toJsonText(v); // holds a BigInt
  }
}

export class Utf8JsonBuilder implements JsonColumnBuilder {
  private readonly dict = new StringDictionary();
  private codes: Int32Array = new Int32Array(1024);
  private readonly validity = new ValidityBuilder();

  append(v: unknown, r: number): boolean {
    const s = typeof v === "string" ? v : textOf(v);
    if (!wellFormed(s)) return false;
    if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
    return this.appendStringBytes(scratch, 0, encoder.encodeInto(s, scratch).written, r);
  }

  appendStringBytes(b: Uint8Array, s: number, e: number, r: number): boolean {
    const id = this.dict.intern(b, s, e);
    if (id < 0) return false; // not UTF-8
    if (r >= this.codes.length) this.codes = growInt32(this.codes, r, r + 1);
    this.codes[r] = id;
    return true;
  }

  appendNumberText(): boolean { return false; }
  appendInteger(): boolean { return false; }
  appendBool(): boolean { return false; }

  appendNull(r: number): void {
    if (r >= this.codes.length) this.codes = growInt32(this.codes, r, r + 1);
    this.codes[r] = -1;
    this.validity.setNull(r);
  }

  finish(n: number): Column {
    const validity = this.validity.finish(n);
    const codes = fitted(this.codes, n);
    for (let r = 0; r < n; r++) if (codes[r] < 0) codes[r] = 0;
    const dictionary = this.dict.toColumn();
    if (this.dict.size > 0 && this.dict.size * 2 <= n && n >= 16) {
      const col: DictColumn = { layout: "dict", dtype: dtypes.utf8, length: n, codes, dictionary, validity };
      return col;
    }
    // plain: each row's bytes copied out of the dictionary
    const o = dictionary.offsets, d = dictionary.data;
    let total = 0;
    for (let r = 0; r < n; r++) if (validity === null || ((validity[r >> 3] >> (r & 7)) & 1) === 1) total += o[codes[r] + 1] - o[codes[r]];
    const offsets = new Int32Array(n + 1);
    const data = new Uint8Array(total);
    let pos = 0;
    for (let r = 0; r < n; r++) {
      if (validity === null || ((validity[r >> 3] >> (r & 7)) & 1) === 1) {
        const c = codes[r];
        data.set(d.subarray(o[c], o[c + 1]), pos);
        pos += o[c + 1] - o[c];
      }
      offsets[r + 1] = pos;
    }
    const col: Utf8Column = { layout: "utf8", dtype: dtypes.utf8, length: n, offsets, data: data.subarray(0, pos), validity };
    return col;
  }
}
