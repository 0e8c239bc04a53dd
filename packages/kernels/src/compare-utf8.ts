/**
 * String comparison in UTF-8 byte order (= code point order), for every combination of plain and
 * dictionary layouts and scalars. Fast paths: a dictionary column against a scalar compares each
 * dictionary entry once and maps the codes; two columns sharing one dictionary compare the ranks of
 * their codes (ties ranked equal, so duplicate dictionary entries are handled).
 *
 * @example
 * ```ts
 * compareUtf8Columns(EQ, dictCol, { dtype: dtypes.utf8, value: "x" }, n, out); // out[i] = 1 where "x"
 * ```
 */
import { DuskError, formatDType } from "@dusk/core";
import type { Column, DictColumn, Utf8Column } from "./column.js";
import { isScalar, type Operand } from "./operand.js";
import { compareBytes, encodeUtf8 } from "./utf8.js";

/** A string operand as loops read it: entry `codes ? codes[i & mask] : i & mask` of (data, offsets). */
interface StringView {
  readonly data: Uint8Array;
  readonly offsets: Int32Array;
  readonly codes: Int32Array | null;
  readonly mask: number;
}

function stringView(o: Operand, where: string): StringView {
  if (isScalar(o)) {
    if (typeof o.value !== "string") throw new DuskError("TYPE_MISMATCH", `${where}: expected a string scalar, got ${String(o.value)}`);
    const data = encodeUtf8(o.value);
    return { data, offsets: Int32Array.of(0, data.length), codes: null, mask: 0 };
  }
  const c = o as Column;
  if (c.layout === "utf8") return { data: c.data, offsets: c.offsets, codes: null, mask: -1 };
  if (c.layout === "dict") return { data: c.dictionary.data, offsets: c.dictionary.offsets, codes: c.codes, mask: -1 };
  throw new DuskError("TYPE_MISMATCH", `${where}: cannot compare ${formatDType(c.dtype)} with a string`);
}

const dictView = (d: Utf8Column): StringView => ({ data: d.data, offsets: d.offsets, codes: null, mask: -1 });

/** out[i] = table[0] when a < b, table[1] when equal, table[2] when a > b. */
function orderLoop(a: StringView, b: StringView, table: Uint8Array, out: Uint8Array, n: number): void {
  const ad = a.data, ao = a.offsets, ac = a.codes, am = a.mask;
  const bd = b.data, bo = b.offsets, bc = b.codes, bm = b.mask;
  for (let i = 0; i < n; i++) {
    const ja = ac === null ? i & am : ac[i & am];
    const jb = bc === null ? i & bm : bc[i & bm];
    const c = compareBytes(ad, ao[ja], ao[ja + 1], bd, bo[jb], bo[jb + 1]);
    out[i] = table[c < 0 ? 0 : c === 0 ? 1 : 2];
  }
}

/** out[i] = table[1] when a equals b, else table[0]. */
function equalLoop(a: StringView, b: StringView, table: Uint8Array, out: Uint8Array, n: number): void {
  const ad = a.data, ao = a.offsets, ac = a.codes, am = a.mask;
  const bd = b.data, bo = b.offsets, bc = b.codes, bm = b.mask;
  const yes = table[1], no = table[0];
  for (let i = 0; i < n; i++) {
    const ja = ac === null ? i & am : ac[i & am];
    const jb = bc === null ? i & bm : bc[i & bm];
    const as = ao[ja], len = ao[ja + 1] - as;
    const bs = bo[jb];
    let r = yes;
    if (bo[jb + 1] - bs !== len) r = no;
    else for (let k = 0; k < len; k++) if (ad[as + k] !== bd[bs + k]) { r = no; break; }
    out[i] = r;
  }
}

function run(a: StringView, b: StringView, table: Uint8Array, out: Uint8Array, n: number): void {
  if (table[0] === table[2]) equalLoop(a, b, table, out, n);
  else orderLoop(a, b, table, out, n);
}

/** Rank of each dictionary entry in byte order, equal strings sharing a rank. */
function ranks(d: Utf8Column): Int32Array {
  const n = d.length;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  const { data, offsets } = d;
  order.sort((x, y) => compareBytes(data, offsets[x], offsets[x + 1], data, offsets[y], offsets[y + 1]));
  const rank = new Int32Array(n);
  let r = 0;
  for (let k = 0; k < n; k++) {
    const cur = order[k];
    if (k > 0) {
      const prev = order[k - 1];
      if (compareBytes(data, offsets[prev], offsets[prev + 1], data, offsets[cur], offsets[cur + 1]) !== 0) r++;
    }
    rank[cur] = r;
  }
  return rank;
}

function rankLoop(ca: Int32Array, cb: Int32Array, rank: Int32Array, table: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = rank[ca[i]], y = rank[cb[i]];
    out[i] = table[x < y ? 0 : x === y ? 1 : 2];
  }
}

function mapCodes(codes: Int32Array, perEntry: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = perEntry[codes[i]];
}

/**
 * Fills `out[0, n)` with the comparison of two string operands through `table` (see orderLoop).
 * Values under null rows are unspecified (codes there may be anything in range).
 */
export function compareStrings(table: Uint8Array, left: Operand, right: Operand, n: number, out: Uint8Array, where: string): void {
  const ld = !isScalar(left) && left.layout === "dict" ? left as DictColumn : null;
  const rd = !isScalar(right) && right.layout === "dict" ? right as DictColumn : null;
  if (ld !== null && isScalar(right) && ld.dictionary.length <= n) {
    const per = new Uint8Array(ld.dictionary.length);
    run(dictView(ld.dictionary), stringView(right, where), table, per, per.length);
    mapCodes(ld.codes, per, out, n);
    return;
  }
  if (rd !== null && isScalar(left) && rd.dictionary.length <= n) {
    const per = new Uint8Array(rd.dictionary.length);
    run(stringView(left, where), dictView(rd.dictionary), table, per, per.length);
    mapCodes(rd.codes, per, out, n);
    return;
  }
  if (ld !== null && rd !== null && ld.dictionary === rd.dictionary && ld.dictionary.length <= n) {
    rankLoop(ld.codes, rd.codes, ranks(ld.dictionary), table, out, n);
    return;
  }
  run(stringView(left, where), stringView(right, where), table, out, n);
}
