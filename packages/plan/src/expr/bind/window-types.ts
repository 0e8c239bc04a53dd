/**
 * Result types of window functions: cumsum and cumprod of bools and signed ints → int64, of
 * unsigned ints → uint64, of floats → float64; cummax and cummin keep the type (not text); shift
 * keeps any type; rolling count → int64, the other rolling aggregates → float64 (numbers and bools).
 *
 * @example
 * ```ts
 * windowResultType("cumsum", dtypes.int8);              // int64
 * windowResultType("rolling", dtypes.utf8, "mean");     // "rolling mean needs numbers or bools, got utf8"
 * ```
 */
import { dtypes, formatDType, isFloat, isNumeric, isSignedInt, isUnsignedInt, type DType } from "@dusk/core";
import type { RollingAggFn, WindowFn } from "../../logical/nodes/window.js";

export function windowResultType(fn: WindowFn, input: DType, agg?: RollingAggFn): DType | string {
  const numberLike = input.kind === "bool" || isNumeric(input);
  switch (fn) {
    case "shift": return input;
    case "cummax": case "cummin":
      return input.kind === "utf8" ? `${fn} needs numbers, bools, dates or timestamps, got utf8` : input;
    case "cumsum": case "cumprod":
      if (input.kind === "bool" || isSignedInt(input)) return dtypes.int64;
      if (isUnsignedInt(input)) return dtypes.uint64;
      if (isFloat(input)) return dtypes.float64;
      return `${fn} needs numbers or bools, got ${formatDType(input)}`;
    case "rolling":
      if (!numberLike) return `rolling ${agg} needs numbers or bools, got ${formatDType(input)}`;
      return agg === "count" ? dtypes.int64 : dtypes.float64;
  }
}
