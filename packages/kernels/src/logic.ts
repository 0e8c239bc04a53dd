/**
 * Boolean `and`, `or` and `not` with Kleene (SQL) three-valued logic: false AND null = false,
 * true OR null = true, and otherwise a null operand makes the result null; NOT null = null.
 *
 * @example
 * ```ts
 * const a = columnFromValues(dtypes.bool, [false, true, null]) as BoolColumn;
 * and(a, { dtype: dtypes.bool, value: null }, 3); // [false, null, null]
 * or(a, { dtype: dtypes.bool, value: true }, 3);  // [true, true, true]
 * ```
 */
import { DuskError, dtypes, formatDType } from "@dusk/core";
import type { BoolColumn, Column, Validity } from "./column.js";
import { noneValid, zeroNullSlots } from "./null-slots.js";
import { checkLength } from "./numeric-view.js";
import { isScalar, type Operand } from "./operand.js";
import { bitmapBytes, normalizeValidity } from "./validity.js";

interface BoolView { readonly values: Uint8Array; readonly mask: number; readonly validity: Validity }

function boolView(o: Operand, length: number, where: string): BoolView {
  if (isScalar(o)) {
    if (o.value === null) return { values: Uint8Array.of(0), mask: 0, validity: noneValid(length) };
    if (typeof o.value !== "boolean") throw new DuskError("TYPE_MISMATCH", `${where}: expected a bool scalar, got ${String(o.value)}`);
    return { values: Uint8Array.of(o.value ? 1 : 0), mask: 0, validity: null };
  }
  if (o.layout !== "bool") throw new DuskError("TYPE_MISMATCH", `${where}: expected a bool column, got ${formatDType(o.dtype)}`);
  return { values: o.values, mask: -1, validity: o.validity };
}

/**
 * One loop for both ops: with `dominant` = 0 (and) a valid false decides the row, with 1 (or) a
 * valid true does; otherwise the row is valid only when both sides are.
 */
function kleeneLoop(a: BoolView, b: BoolView, dominant: number, out: Uint8Array, valid: Uint8Array, n: number): void {
  const av = a.values, am = a.mask, bv = b.values, bm = b.mask;
  const va = a.validity, vb = b.validity;
  for (let i = 0; i < n; i++) {
    const x = av[i & am], y = bv[i & bm];
    const okA = va === null ? 1 : (va[i >> 3] >> (i & 7)) & 1;
    const okB = vb === null ? 1 : (vb[i >> 3] >> (i & 7)) & 1;
    let ok: number, v: number;
    if ((okA === 1 && x === dominant) || (okB === 1 && y === dominant)) { ok = 1; v = dominant; }
    else if (okA === 1 && okB === 1) { ok = 1; v = 1 - dominant; }
    else { ok = 0; v = 0; }
    out[i] = v;
    if (ok === 1) valid[i >> 3] |= 1 << (i & 7);
  }
}

function andLoop(a: Uint8Array, am: number, b: Uint8Array, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] & b[i & bm];
}
function orLoop(a: Uint8Array, am: number, b: Uint8Array, bm: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] | b[i & bm];
}

function kleene(dominant: 0 | 1, a: Operand, b: Operand, length: number, where: string): BoolColumn {
  checkLength(a, length, where);
  checkLength(b, length, where);
  const x = boolView(a, length, where), y = boolView(b, length, where);
  const out = new Uint8Array(length);
  if (x.validity === null && y.validity === null) {
    (dominant === 0 ? andLoop : orLoop)(x.values, x.mask, y.values, y.mask, out, length);
    return { layout: "bool", dtype: dtypes.bool, length, values: out, validity: null };
  }
  const valid = new Uint8Array(bitmapBytes(length));
  kleeneLoop(x, y, dominant, out, valid, length);
  return { layout: "bool", dtype: dtypes.bool, length, values: out, validity: normalizeValidity(valid, length) };
}

/**
 * Kleene AND of two bool operands.
 *
 * @example
 * ```ts
 * and(colA, colB, colA.length);
 * ```
 */
export function and(a: Operand, b: Operand, length: number): BoolColumn {
  return kleene(0, a, b, length, "and");
}

/**
 * Kleene OR of two bool operands.
 *
 * @example
 * ```ts
 * or(colA, { dtype: dtypes.bool, value: false }, colA.length);
 * ```
 */
export function or(a: Operand, b: Operand, length: number): BoolColumn {
  return kleene(1, a, b, length, "or");
}

/**
 * NOT of a bool column (null stays null).
 *
 * @example
 * ```ts
 * not(columnFromValues(dtypes.bool, [true, null]) as BoolColumn); // [false, null]
 * ```
 */
export function not(a: Column): BoolColumn {
  if (a.layout !== "bool") throw new DuskError("TYPE_MISMATCH", `not: expected a bool column, got ${formatDType(a.dtype)}`);
  const n = a.length;
  const src = a.values;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i] === 0 ? 1 : 0;
  zeroNullSlots(out, a.validity, n);
  return { layout: "bool", dtype: dtypes.bool, length: n, values: out, validity: a.validity };
}
