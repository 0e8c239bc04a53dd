/**
 * Elementwise comparison `eq ne lt le gt ge` of two operands of the same dtype, into a bool column.
 *
 * Numbers compare as numbers (float NaN compares false except `ne`, as in IEEE and pandas); int64,
 * uint64 and timestamps compare through their 32-bit words (high word signed for int64, unsigned
 * for uint64; low word unsigned), with no BigInt; bool as false < true; date32 as day numbers; utf8
 * in byte order (= code point order), in any mix of plain and dictionary layouts. Null on either
 * side gives null.
 *
 * @example
 * ```ts
 * compare("lt", columnFromValues(dtypes.float64, [1, NaN, null]), { dtype: dtypes.float64, value: 2 }, 3);
 * // [true, false, null]
 * ```
 */
import { DuskError, assertNever, dtypes, formatDType } from "@dusk/core";
import type { BoolColumn } from "./column.js";
import { columnFromScalar, nullColumn } from "./build.js";
import { compareStrings } from "./compare-utf8.js";
import { zeroNullSlots } from "./null-slots.js";
import { checkLength, isNullScalar, numberView, operandValidity, wordView, type NumberArray } from "./numeric-view.js";
import { isScalar, type Operand } from "./operand.js";
import { specialize } from "./specialize.js";
import { andValidity } from "./validity.js";

export type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** Result of each op for a < b, a = b, a > b. */
const TABLES: Record<CompareOp, Uint8Array> = {
  eq: Uint8Array.of(0, 1, 0),
  ne: Uint8Array.of(1, 0, 1),
  lt: Uint8Array.of(1, 0, 0),
  le: Uint8Array.of(1, 1, 0),
  gt: Uint8Array.of(0, 0, 1),
  ge: Uint8Array.of(0, 1, 1),
};

type NumberLoop = (a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number) => void;

function eqLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] === b[i & bm] ? 1 : 0;
}
function neLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] !== b[i & bm] ? 1 : 0;
}
function ltLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] < b[i & bm] ? 1 : 0;
}
function leLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] <= b[i & bm] ? 1 : 0;
}
function gtLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] > b[i & bm] ? 1 : 0;
}
function geLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] >= b[i & bm] ? 1 : 0;
}

const NUMBER_LOOPS: Record<CompareOp, NumberLoop> = { eq: eqLoop, ne: neLoop, lt: ltLoop, le: leLoop, gt: gtLoop, ge: geLoop };

/** 64-bit three-way compare; `flip` (0 or −2^31) maps unsigned high words onto signed order. */
function wideLoop(a: Int32Array, am: number, b: Int32Array, bm: number, flip: number, table: Uint8Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const ha = a[ia + 1] ^ flip, hb = b[ib + 1] ^ flip;
    let c: number;
    if (ha !== hb) c = ha < hb ? 0 : 2;
    else {
      const la = a[ia] >>> 0, lb = b[ib] >>> 0;
      c = la < lb ? 0 : la === lb ? 1 : 2;
    }
    out[i] = table[c];
  }
}

type Family = "number" | "wide" | "string";

function familyOf(o: Operand): Family {
  const d = o.dtype;
  switch (d.kind) {
    case "int64": case "uint64": case "timestamp": return "wide";
    case "utf8": return "string";
    case "bool": case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
    case "float32": case "float64": case "date32":
      return "number";
    default: return assertNever(d);
  }
}

/**
 * `left op right` elementwise over `length` rows. Both operands have the same dtype (utf8 layouts
 * may differ); scalars stand for columns of copies.
 *
 * @example
 * ```ts
 * compare("eq", names, { dtype: dtypes.utf8, value: "Ann" }, names.length);
 * ```
 */
export function compare(op: CompareOp, left: Operand, right: Operand, length: number): BoolColumn {
  const where = `compare ${op}`;
  checkLength(left, length, where);
  checkLength(right, length, where);
  if (isNullScalar(left) || isNullScalar(right)) return nullColumn(dtypes.bool, length) as BoolColumn;
  if (isScalar(left) && isScalar(right)) {
    const one = compare(op, columnFromScalar(left, 1), right, 1);
    return { layout: "bool", dtype: dtypes.bool, length, values: new Uint8Array(length).fill(one.values[0]), validity: null };
  }
  const family = familyOf(left);
  if (familyOf(right) !== family) {
    throw new DuskError("TYPE_MISMATCH", `${where}: cannot compare ${formatDType(left.dtype)} with ${formatDType(right.dtype)}; cast one side first`);
  }
  const out = new Uint8Array(length);
  switch (family) {
    case "number": {
      const a = numberView(left, where, right), b = numberView(right, where, left);
      specialize(NUMBER_LOOPS[op], a.values, b.values)(a.values, a.mask, b.values, b.mask, out, length);
      break;
    }
    case "wide": {
      const a = wordView(left, where), b = wordView(right, where);
      if (a.unsigned !== b.unsigned) {
        throw new DuskError("TYPE_MISMATCH", `${where}: cannot compare ${formatDType(left.dtype)} with ${formatDType(right.dtype)}; cast one side first`);
      }
      wideLoop(a.words, a.mask, b.words, b.mask, a.unsigned ? -2147483648 : 0, TABLES[op], out, length);
      break;
    }
    case "string":
      compareStrings(TABLES[op], left, right, length, out, where);
      break;
  }
  const validity = andValidity(operandValidity(left), operandValidity(right), length);
  zeroNullSlots(out, validity, length);
  return { layout: "bool", dtype: dtypes.bool, length, values: out, validity };
}
