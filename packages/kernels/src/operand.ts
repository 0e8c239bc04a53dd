/**
 * Operands of elementwise kernels: a column, or a scalar standing for a column of `length` copies.
 *
 * @example
 * ```ts
 * const x: Operand = { dtype: dtypes.int32, value: 5 };
 * isScalar(x); // true
 * arith("add", col, x, dtypes.int32, col.length);
 * ```
 */
import type { Column, Scalar } from "./column.js";

export type Operand = Column | Scalar;

/**
 * True when `o` is a scalar (it has no layout).
 *
 * @example
 * ```ts
 * isScalar({ dtype: dtypes.utf8, value: "x" }); // true
 * isScalar(columnFromValues(dtypes.utf8, ["x"])); // false
 * ```
 */
export function isScalar(o: Operand): o is Scalar {
  return !("layout" in o);
}
