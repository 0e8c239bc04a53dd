/**
 * The INT_OVERFLOW error of integer arithmetic: names the expression (`where`), the row, both
 * operands, the exact result and the fix.
 *
 * @example
 * ```ts
 * throw overflowError("col(a) + col(b)", 3, "add", 2147483647, 1, dtypes.int32);
 * // col(a) + col(b): integer overflow at row 3: 2147483647 + 1 = 2147483648 does not fit in int32 ...
 * ```
 */
import { DuskError, formatDType, type DType } from "@dusk/core";
import { storageRange } from "./numeric-view.js";

/** Integer ops that can overflow. */
export type IntOp = "add" | "sub" | "mul" | "mod" | "neg";

const SYMBOL: Record<IntOp, string> = { add: "+", sub: "-", mul: "*", mod: "%", neg: "-" };

/** The exact result of an integer op (floor modulo, sign of the divisor). */
export function exactIntOp(op: IntOp, a: bigint, b: bigint): bigint {
  switch (op) {
    case "add": return a + b;
    case "sub": return a - b;
    case "mul": return a * b;
    case "neg": return -a;
    case "mod": {
      const r = a % b;
      return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
    }
  }
}

/** The fix to suggest for an overflow in `dtype`. */
function fixFor(dtype: DType): string {
  return dtype.kind === "int64" || dtype.kind === "uint64" || dtype.kind === "timestamp"
    ? "cast to float64 first (or filter the rows out)"
    : "cast to int64 or float64 first";
}

/** The error for an integer result that leaves the range of `dtype`. */
export function overflowError(
  where: string, row: number, op: IntOp, a: number | bigint, b: number | bigint, dtype: DType,
): DuskError {
  const [lo, hi] = storageRange(dtype);
  const exact = exactIntOp(op, BigInt(a), BigInt(b));
  const expr = op === "neg" ? `-(${a})` : `${a} ${SYMBOL[op]} ${b}`;
  const message = `${where}: integer overflow at row ${row}: ${expr} = ${exact} does not fit in ${formatDType(dtype)} `
    + `(${lo}..${hi}); ${fixFor(dtype)}`;
  return new DuskError("INT_OVERFLOW", message, {
    where, row, op, left: String(a), right: op === "neg" ? undefined : String(b), result: String(exact), dtype: formatDType(dtype),
  });
}
