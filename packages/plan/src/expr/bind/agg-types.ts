/**
 * Result types of aggregate functions (pandas rules, exact where pandas is):
 * sum of bool or signed ints → int64, of unsigned ints → uint64, of floats → float64;
 * mean → float64; min/max keep the type (numbers, bool, utf8, dates, timestamps);
 * count and size → int64.
 */
import { dtypes, formatDType, isFloat, isNumeric, isSignedInt, isUnsignedInt, type DType } from "@dusk/core";
import type { AggFn } from "../nodes/agg.js";

/** The result type of `fn` over `input` (null for size), or a reason it is not defined. */
export function aggResultType(fn: AggFn, input: DType | null): DType | string {
  if (fn === "size") return dtypes.int64;
  if (input === null) return `${fn}() needs an input expression`;
  switch (fn) {
    case "count": return dtypes.int64;
    case "sum":
      if (input.kind === "bool" || isSignedInt(input)) return dtypes.int64;
      if (isUnsignedInt(input)) return dtypes.uint64;
      if (isFloat(input)) return dtypes.float64;
      return `cannot sum ${formatDType(input)} values`;
    case "mean":
      if (input.kind === "bool" || isNumeric(input)) return dtypes.float64;
      return `cannot take the mean of ${formatDType(input)} values`;
    case "min": case "max":
      return input;
  }
}
