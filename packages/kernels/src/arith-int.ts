/**
 * Integer arithmetic on 8–32-bit storage (int8..uint32, date32): computed exactly in float64 and
 * range-checked against the result dtype; an out-of-range valid row is an INT_OVERFLOW error, never
 * a wrap. mod is floor modulo (sign of the divisor); mod by zero gives null for that row.
 *
 * Each loop runs until it meets a row it cannot finish (out of range or divisor 0) and returns its
 * index; the driver settles that row (null → skip, zero divisor → null, else error) and resumes.
 * The common path thus never reads the validity bitmap.
 *
 * @example
 * ```ts
 * arithNarrow("add", a, b, dtypes.int32, a.length, null, "a + b"); // throws INT_OVERFLOW on 2^31 - 1 + 1
 * ```
 */
import type { DType } from "@dusk/core";
import type { PrimitiveColumn, PrimitiveDType, Validity } from "./column.js";
import { allocValues } from "./column.js";
import { overflowError } from "./arith-error.js";
import { copyValidity, zeroNullSlots } from "./null-slots.js";
import { numberView, storageRange, type NumberArray } from "./numeric-view.js";
import type { Operand } from "./operand.js";
import { specialize } from "./specialize.js";
import { clearBit, isValid, normalizeValidity } from "./validity.js";

type IntLoop = (
  a: NumberArray, am: number, b: NumberArray, bm: number, out: NumberArray, from: number, n: number, lo: number, hi: number,
) => number;

function addLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const r = a[i & am] + b[i & bm];
    if (r < lo || r > hi) return i;
    out[i] = r;
  }
  return -1;
}
function subLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const r = a[i & am] - b[i & bm];
    if (r < lo || r > hi) return i;
    out[i] = r;
  }
  return -1;
}
function mulLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    // a 32 × 32-bit product may round, but only when it is far outside every 32-bit range
    const r = a[i & am] * b[i & bm];
    if (r < lo || r > hi) return i;
    out[i] = r;
  }
  return -1;
}
function modLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: NumberArray, from: number, n: number, lo: number, hi: number): number {
  for (let i = from; i < n; i++) {
    const y = b[i & bm];
    if (y === 0) return i;
    let r = a[i & am] % y;
    if (r !== 0 && (r < 0) !== (y < 0)) r += y;
    if (r < lo || r > hi) return i;
    out[i] = r;
  }
  return -1;
}

const LOOPS = { add: addLoop, sub: subLoop, mul: mulLoop, mod: modLoop } satisfies Record<string, IntLoop>;

/** add/sub/mul/mod on 8–32-bit integer storage into `outType` (an 8–32-bit integer or date32). */
export function arithNarrow(
  op: "add" | "sub" | "mul" | "mod", left: Operand, right: Operand, outType: PrimitiveDType,
  length: number, validity: Validity, where: string,
): PrimitiveColumn {
  const a = numberView(left, where, right);
  const b = numberView(right, where, left);
  const out = allocValues(outType, length) as NumberArray;
  const [blo, bhi] = storageRange(outType);
  const lo = Number(blo), hi = Number(bhi);
  const loop = specialize(LOOPS[op], a.values, b.values, out);
  let valid: Validity = validity;
  let owned = false;
  for (let from = 0; from < length;) {
    const i = loop(a.values, a.mask, b.values, b.mask, out, from, length, lo, hi);
    if (i < 0) break;
    if (isValid(valid, i)) {
      const y = b.values[i & b.mask];
      if (op === "mod" && y === 0) {
        if (!owned) { valid = copyValidity(valid, length); owned = true; }
        clearBit(valid as Uint8Array, i);
      } else {
        throw overflowError(where, i, op, a.values[i & a.mask], y, outType as DType);
      }
    }
    out[i] = 0;
    from = i + 1;
  }
  if (owned) valid = normalizeValidity(valid, length);
  zeroNullSlots(out, valid, length);
  return { layout: "primitive", dtype: outType, length, values: out as PrimitiveColumn["values"], validity: valid };
}
