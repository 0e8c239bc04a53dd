/**
 * Result types of aggregate functions (pandas rules, exact where pandas is):
 * sum and prod of bool or signed ints → int64, of unsigned ints → uint64, of floats → float64;
 * mean, std and var → float64; any and all → bool (numbers: non-zero is true);
 * min, max, first and last keep the type (numbers, bool, utf8, dates, timestamps);
 * count, size and nunique → int64; median and quantile (linear interpolation) → float64 of numbers
 * and bools; corr and cov → float64 of two number or bool inputs.
 *
 * @example
 * ```ts
 * aggResultType("std", dtypes.int32); // float64
 * aggResultType("std", dtypes.utf8);  // "cannot take the std of utf8 values; ..." (a reason: binding throws TYPE_MISMATCH)
 * ```
 */
import { assertNever, dtypes, formatDType, isFloat, isNumeric, isSignedInt, isUnsignedInt, type DType } from "@dusk/core";
import type { AggFn } from "../nodes/agg.js";

/** The result type of `fn` over `input` (null for size), or a reason it is not defined. */
export function aggResultType(fn: AggFn, input: DType | null, other: DType | null = null): DType | string {
  if (fn === "size") return dtypes.int64;
  if (input === null) return `${fn}() needs an input expression`;
  const numberLike = input.kind === "bool" || isNumeric(input);
  switch (fn) {
    case "count": case "nunique": return dtypes.int64;
    case "median": case "quantile":
      if (numberLike) return dtypes.float64;
      return `cannot take the ${fn} of ${formatDType(input)} values; it needs numbers or bools`;
    case "corr": case "cov": {
      const bad = [input, other].find((t) => t === null || !(t.kind === "bool" || isNumeric(t)));
      if (bad === undefined) return dtypes.float64;
      return `${fn} needs two number or bool inputs, got ${formatDType(input)} and ${other === null ? "nothing" : formatDType(other)}`;
    }
    case "sum": case "prod":
      if (input.kind === "bool" || isSignedInt(input)) return dtypes.int64;
      if (isUnsignedInt(input)) return dtypes.uint64;
      if (isFloat(input)) return dtypes.float64;
      return fn === "sum" ? `cannot sum ${formatDType(input)} values` : `cannot take the product of ${formatDType(input)} values`;
    case "mean":
      if (numberLike) return dtypes.float64;
      return `cannot take the mean of ${formatDType(input)} values`;
    case "std": case "var":
      if (numberLike) return dtypes.float64;
      return `cannot take the ${fn} of ${formatDType(input)} values; it needs numbers or bools`;
    case "any": case "all":
      if (numberLike) return dtypes.bool;
      return `${fn} needs bool or numeric values, got ${formatDType(input)}; compare first, e.g. ${fn}(x == value)`;
    case "min": case "max": case "first": case "last":
      return input;
    default: return assertNever(fn);
  }
}
