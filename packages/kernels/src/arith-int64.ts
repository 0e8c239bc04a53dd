/**
 * Integer arithmetic on 64-bit storage (int64, uint64, timestamp), exact, without BigInt on the
 * common path:
 *
 * - add / sub run on the two 32-bit words of each value with an explicit carry, so they are exact
 *   over the whole range (nanosecond timestamps included) and detect overflow from the high word.
 * - mul / mod run in doubles when operands and result are within ±(2^53 − 1), where doubles are
 *   exact; a row outside that range takes the BigInt path, range-checked.
 *
 * As in arith-int.ts, each loop stops at the first row it cannot finish, the driver settles it
 * (null row, zero divisor → null, BigInt path or INT_OVERFLOW) and the loop resumes after it.
 *
 * @example
 * ```ts
 * arithWide("sub", ts, { dtype: ts.dtype, value: 1_000_000_000n }, dtypes.timestamp("ns"), ts.length, ts.validity, "ts - 1s");
 * ```
 */
import type { DType } from "@dusk/core";
import { allocValues, int64Words, type PrimitiveColumn, type PrimitiveDType, type Validity } from "./column.js";
import { exactIntOp, overflowError } from "./arith-error.js";
import { bigIntAt, writeBigIntWords } from "./int64-words.js";
import { copyValidity, zeroNullSlots } from "./null-slots.js";
import { storageRange, wordView } from "./numeric-view.js";
import type { Operand } from "./operand.js";
import { clearBit, isValid, normalizeValidity } from "./validity.js";

type WideLoop = (a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number) => number;

function addSigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const lo = (a[ia] >>> 0) + (b[ib] >>> 0);
    const hi = a[ia + 1] + b[ib + 1] + (lo > 4294967295 ? 1 : 0);
    if (hi > 2147483647 || hi < -2147483648) return i;
    out[2 * i] = lo | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
function addUnsigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const lo = (a[ia] >>> 0) + (b[ib] >>> 0);
    const hi = (a[ia + 1] >>> 0) + (b[ib + 1] >>> 0) + (lo > 4294967295 ? 1 : 0);
    if (hi > 4294967295) return i;
    out[2 * i] = lo | 0;
    out[2 * i + 1] = hi | 0;
  }
  return -1;
}
function subSigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const lo = (a[ia] >>> 0) - (b[ib] >>> 0);
    const hi = a[ia + 1] - b[ib + 1] - (lo < 0 ? 1 : 0);
    if (hi > 2147483647 || hi < -2147483648) return i;
    out[2 * i] = lo | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
function subUnsigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const lo = (a[ia] >>> 0) - (b[ib] >>> 0);
    const hi = (a[ia + 1] >>> 0) - (b[ib + 1] >>> 0) - (lo < 0 ? 1 : 0);
    if (hi < 0) return i;
    out[2 * i] = lo | 0;
    out[2 * i + 1] = hi | 0;
  }
  return -1;
}
function mulSigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const x = a[ia + 1] * 4294967296 + (a[ia] >>> 0);
    const y = b[ib + 1] * 4294967296 + (b[ib] >>> 0);
    // x or y beyond 2^53 (and not multiplied by 0) make |r| ≥ 2^53 too: that row takes the exact path
    const r = x * y;
    if (!(r <= 9007199254740991 && r >= -9007199254740991)) return i;
    const hi = Math.floor(r / 4294967296);
    out[2 * i] = (r - hi * 4294967296) | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
function mulUnsigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const x = (a[ia + 1] >>> 0) * 4294967296 + (a[ia] >>> 0);
    const y = (b[ib + 1] >>> 0) * 4294967296 + (b[ib] >>> 0);
    const r = x * y;
    if (!(r <= 9007199254740991)) return i;
    const hi = Math.floor(r / 4294967296);
    out[2 * i] = (r - hi * 4294967296) | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
function modSigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const x = a[ia + 1] * 4294967296 + (a[ia] >>> 0);
    const y = b[ib + 1] * 4294967296 + (b[ib] >>> 0);
    if (y === 0 || !(x <= 9007199254740991 && x >= -9007199254740991 && y <= 9007199254740991 && y >= -9007199254740991)) return i;
    let r = x % y;
    if (r !== 0 && (r < 0) !== (y < 0)) r += y;
    const hi = Math.floor(r / 4294967296);
    out[2 * i] = (r - hi * 4294967296) | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
function modUnsigned(a: Int32Array, am: number, b: Int32Array, bm: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const ia = 2 * (i & am), ib = 2 * (i & bm);
    const x = (a[ia + 1] >>> 0) * 4294967296 + (a[ia] >>> 0);
    const y = (b[ib + 1] >>> 0) * 4294967296 + (b[ib] >>> 0);
    if (y === 0 || !(x <= 9007199254740991 && y <= 9007199254740991)) return i;
    const r = x % y;
    const hi = Math.floor(r / 4294967296);
    out[2 * i] = (r - hi * 4294967296) | 0;
    out[2 * i + 1] = hi;
  }
  return -1;
}
/** Used when the result's signedness differs from the operands': every row takes the exact path. */
function allExact(_a: Int32Array, _am: number, _b: Int32Array, _bm: number, _out: Int32Array, from: number, n: number): number {
  return from < n ? from : -1;
}

const SIGNED = { add: addSigned, sub: subSigned, mul: mulSigned, mod: modSigned } satisfies Record<string, WideLoop>;
const UNSIGNED = { add: addUnsigned, sub: subUnsigned, mul: mulUnsigned, mod: modUnsigned } satisfies Record<string, WideLoop>;

/** add/sub/mul/mod on 64-bit integer storage into `outType` (int64, uint64 or timestamp). */
export function arithWide(
  op: "add" | "sub" | "mul" | "mod", left: Operand, right: Operand, outType: PrimitiveDType,
  length: number, validity: Validity, where: string,
): PrimitiveColumn {
  const a = wordView(left, where);
  const b = wordView(right, where);
  const values = allocValues(outType, length) as BigInt64Array | BigUint64Array;
  const out = int64Words(values);
  const outUnsigned = outType.kind === "uint64";
  const loop = a.unsigned !== outUnsigned || b.unsigned !== outUnsigned
    ? allExact
    : outUnsigned ? UNSIGNED[op] : SIGNED[op];
  const [lo, hi] = storageRange(outType);
  let valid: Validity = validity;
  let owned = false;
  for (let from = 0; from < length;) {
    const i = loop(a.words, a.mask, b.words, b.mask, out, from, length);
    if (i < 0) break;
    out[2 * i] = 0;
    out[2 * i + 1] = 0;
    if (isValid(valid, i)) {
      const x = bigIntAt(a.words, i & a.mask, a.unsigned);
      const y = bigIntAt(b.words, i & b.mask, b.unsigned);
      if (op === "mod" && y === 0n) {
        if (!owned) { valid = copyValidity(valid, length); owned = true; }
        clearBit(valid as Uint8Array, i);
      } else {
        const r = exactIntOp(op, x, y);
        if (r < lo || r > hi) throw overflowError(where, i, op, x, y, outType as DType);
        writeBigIntWords(out, i, r);
      }
    }
    from = i + 1;
  }
  if (owned) valid = normalizeValidity(valid, length);
  zeroNullSlots(values, valid, length);
  return { layout: "primitive", dtype: outType, length, values, validity: valid };
}
