/**
 * Floating-point arithmetic (IEEE, like NumPy): any numeric operands, float32 or float64 result.
 * div is true division (x/0 = ±Infinity, 0/0 = NaN), mod is floor modulo with the sign of the
 * divisor (x mod 0 = NaN), pow is Math.pow.
 *
 * @example
 * ```ts
 * arithFloat("mod", a, { dtype: dtypes.float64, value: 3 }, dtypes.float64, a.length, null);
 * ```
 */
import type { FloatType } from "@dusk/core";
import type { PrimitiveColumn, Validity } from "./column.js";
import { zeroNullSlots } from "./null-slots.js";
import { floatView, type NumberArray } from "./numeric-view.js";
import type { Operand } from "./operand.js";
import { specialize } from "./specialize.js";
import type { ArithOp } from "./arith.js";

type FloatLoop = (a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number) => void;

function addLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] + b[i & bm];
}
function subLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] - b[i & bm];
}
function mulLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] * b[i & bm];
}
function divLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i & am] / b[i & bm];
}
function powLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.pow(a[i & am], b[i & bm]);
}
function modLoop(a: NumberArray, am: number, b: NumberArray, bm: number, out: Float32Array | Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i & bm];
    let r = a[i & am] % y;
    if (r !== 0) {
      if ((y < 0) !== (r < 0)) r += y;
    } else {
      r = y < 0 ? -0 : 0;
    }
    out[i] = r;
  }
}

const LOOPS: Record<ArithOp, FloatLoop> = {
  add: addLoop, sub: subLoop, mul: mulLoop, div: divLoop, mod: modLoop, pow: powLoop,
};

/** Elementwise float arithmetic; `validity` is the combined validity of the operands. */
export function arithFloat(
  op: ArithOp, left: Operand, right: Operand, outType: FloatType, length: number, validity: Validity, where: string,
): PrimitiveColumn {
  const a = floatView(left, where, right);
  const b = floatView(right, where, left);
  const out = outType.kind === "float32" ? new Float32Array(length) : new Float64Array(length);
  specialize(LOOPS[op], a.values, b.values, out)(a.values, a.mask, b.values, b.mask, out, length);
  zeroNullSlots(out, validity, length);
  return { layout: "primitive", dtype: outType, length, values: out, validity };
}
