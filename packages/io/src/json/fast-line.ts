/**
 * The byte-level fast path of the JSON block parser: a line of plain records — objects (nested or
 * not) whose keys are columns, whose values are numbers, strings without escapes, true, false or
 * null — is tokenized straight from the block's bytes into the column builders, with no JS object,
 * string or number made per value. Keys are matched against the key order of the previous record
 * (byte comparison), so a file of same-shaped records never hashes a key.
 *
 * Anything else — an escape in a string, an array, a key the schema lacks, a value its column
 * does not take as is, malformed JSON — makes `parse` return false, and the line is parsed again by
 * the general path (JSON.parse), which reads it or reports what is wrong with it. Values the fast
 * path wrote for that line are overwritten or nulled by the general path.
 *
 * @example
 * ```ts
 * const f = new FastLineParser(root, builders, stamps);
 * if (!f.parse(bytes, start, end, row, gen)) parseWithJsonParse(...);
 * ```
 */
import { isValidUtf8 } from "../csv/utf8-check.js";
import type { JsonColumnBuilder } from "./columns/builder.js";
import type { KeyNode } from "./key-tree.js";

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, LBRACE = 123, RBRACE = 125;

/** Per byte: 1 for what ends the fast scan of a string (quote, backslash, control), 2 for bytes ≥ 0x80. */
const STRING_BYTE = new Uint8Array(256);
for (let c = 0; c < 32; c++) STRING_BYTE[c] = 1;
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 1;
for (let c = 128; c < 256; c++) STRING_BYTE[c] = 2;

/** A key that is no column, under `columns`: its scalar value is skipped. */
const IGNORED: KeyNode = { name: "", col: -2, children: null, text: false, skip: true, nested: [], key: new Uint8Array(0), order: [] };

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export class FastLineParser {
  private b: Uint8Array = new Uint8Array(0);
  private i = 0;
  private end = 0;
  private row = 0;
  private gen = 0;

  constructor(
    private readonly root: KeyNode,
    private readonly builders: readonly JsonColumnBuilder[],
    /** Per column: the `gen` of the last attempt that set it. */
    private readonly stamps: Int32Array,
    /** `columns` was given: keys that are not columns are skipped (scalars here; objects by the general path). */
    private readonly selected: boolean,
  ) {}

  /** Parses the line `b[start, end)` into row `row`; false when the general path must take it. */
  parse(b: Uint8Array, start: number, end: number, row: number, gen: number): boolean {
    this.b = b;
    this.end = end;
    this.row = row;
    this.gen = gen;
    this.i = start;
    this.ws();
    if (this.i >= end || b[this.i] !== LBRACE) return false;
    if (!this.object(this.root, 0)) return false;
    this.ws();
    return this.i === end;
  }

  private ws(): void {
    const b = this.b, end = this.end;
    let i = this.i;
    while (i < end && isWs(b[i])) i++;
    this.i = i;
  }

  /** At `{`: the object's members into the columns below `n`. */
  private object(n: KeyNode, depth: number): boolean {
    if (depth > 64) return false;
    const b = this.b, end = this.end;
    this.i++;
    this.ws();
    if (this.i < end && b[this.i] === RBRACE) { this.i++; return true; }
    const children = n.children;
    if (children === null) return false;
    const order = n.order;
    for (let k = 0; ; k++) {
      if (this.i >= end || b[this.i] !== QUOTE) return false;
      // the key: no escapes
      const ks = this.i + 1;
      let ke = ks;
      while (ke < end && b[ke] !== QUOTE) { if (b[ke] === BACKSLASH || b[ke] < 32) return false; ke++; }
      if (ke >= end) return false;
      let child = order[k];
      if (child === undefined || !sameKey(child.key, b, ks, ke)) {
        child = undefined;
        for (const c of children.values()) if (sameKey(c.key, b, ks, ke)) { child = c; break; }
        if (child === undefined) {
          if (!this.selected) return false; // not a column: the general path reports it
          child = IGNORED; // not remembered in the order: its (empty) key would match the empty key
        } else {
          order[k] = child;
        }
      }
      this.i = ke + 1;
      this.ws();
      if (this.i >= end || b[this.i] !== COLON) return false;
      this.i++;
      this.ws();
      if (!this.value(child, depth)) return false;
      this.ws();
      if (this.i >= end) return false;
      const c = b[this.i++];
      if (c === RBRACE) return true;
      if (c !== COMMA) return false;
      this.ws();
    }
  }

  private value(n: KeyNode, depth: number): boolean {
    const b = this.b, end = this.end;
    const c = b[this.i];
    if (c === LBRACE) {
      if (n.children === null || n.text) return false;
      return this.object(n, depth + 1);
    }
    if (c === 110) { // null
      if (this.i + 4 > end || b[this.i + 1] !== 117 || b[this.i + 2] !== 108 || b[this.i + 3] !== 108) return false;
      this.i += 4;
      return true;
    }
    const col = n.col;
    if (col < 0 && !n.skip) return false;
    if (c === QUOTE) {
      const s = this.i + 1;
      let e = s, high = 0;
      for (;;) {
        if (e >= end) return false;
        const t = STRING_BYTE[b[e]];
        if (t === 0) { e++; continue; }
        if (t === 2) { high = 1; e++; continue; }
        if (b[e] === QUOTE) break;
        return false; // an escape or a control character: the general path
      }
      this.i = e + 1;
      if (n.skip) return true;
      if (!this.mark(col)) return false;
      if (high !== 0 && !isValidUtf8(b, s, e)) return false;
      return this.builders[col].appendStringBytes(b, s, e, this.row);
    }
    if (c === 116) { // true
      if (this.i + 4 > end || b[this.i + 1] !== 114 || b[this.i + 2] !== 117 || b[this.i + 3] !== 101) return false;
      this.i += 4;
      return n.skip || (this.mark(col) && this.builders[col].appendBool(true, this.row));
    }
    if (c === 102) { // false
      if (this.i + 5 > end || b[this.i + 1] !== 97 || b[this.i + 2] !== 108 || b[this.i + 3] !== 115 || b[this.i + 4] !== 101) return false;
      this.i += 5;
      return n.skip || (this.mark(col) && this.builders[col].appendBool(false, this.row));
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const s = this.i;
      const e = this.numberEnd(s);
      if (e < 0) return false;
      this.i = e;
      if (n.skip) return true;
      if (!this.mark(col)) return false;
      const v = this.intValue;
      return v === v ? this.builders[col].appendInteger(v, this.row) : this.builders[col].appendNumberText(b, s, e, this.row);
    }
    return false;
  }

  /** Claims column `col` for this attempt; false when the record already set it (a collision). */
  private mark(col: number): boolean {
    if (this.stamps[col] === this.gen) return false;
    this.stamps[col] = this.gen;
    return true;
  }

  /** The value of the last number {@link numberEnd} scanned when it is an integer of at most 15 digits, else NaN. */
  private intValue = NaN;

  /** The end of a JSON number starting at `s`, or −1 when the text is not one; sets {@link intValue}. */
  private numberEnd(s: number): number {
    const b = this.b, end = this.end;
    let i = s;
    const neg = b[i] === 45;
    if (neg) i++;
    if (i >= end) return -1;
    let v = 0;
    const d0 = i;
    if (b[i] === 48) i++;
    else if (b[i] >= 49 && b[i] <= 57) { while (i < end && b[i] >= 48 && b[i] <= 57) { v = v * 10 + (b[i] - 48); i++; } }
    else return -1;
    let integer = i - d0 <= 15;
    if (i < end && b[i] === 46) {
      integer = false;
      i++;
      const d = i;
      while (i < end && b[i] >= 48 && b[i] <= 57) i++;
      if (i === d) return -1;
    }
    if (i < end && (b[i] === 101 || b[i] === 69)) {
      integer = false;
      i++;
      if (i < end && (b[i] === 43 || b[i] === 45)) i++;
      const d = i;
      while (i < end && b[i] >= 48 && b[i] <= 57) i++;
      if (i === d) return -1;
    }
    this.intValue = integer ? (neg ? -v : v) : NaN;
    return i;
  }
}

function sameKey(key: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (key.length !== e - s) return false;
  for (let k = 0; k < key.length; k++) if (key[k] !== b[s + k]) return false;
  return true;
}
