import { DuskError } from "@dusk/core";
import type { ExprNode } from "./index.js";
import { printExpr } from "../print.js";

/**
 * Aggregate functions. `size` counts rows (`dd.count()`); `count` counts non-null values; `std` and
 * `var` take a `ddof`; `first` and `last` are the first / last non-null value in row order.
 *
 * @example
 * ```ts
 * const fn: AggFn = "std";
 * AGG_FNS.includes("prod"); // true
 * ```
 */
export type AggFn =
  | "sum" | "count" | "size" | "mean" | "min" | "max"
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last";
export const AGG_FNS: readonly AggFn[] = ["sum", "count", "size", "mean", "min", "max", "std", "var", "prod", "any", "all", "first", "last"];

/**
 * Parameters of an aggregate call. `ddof` (delta degrees of freedom) belongs to std and var only;
 * there it is always present after {@link aggNode} (default 1, pandas' sample statistics).
 *
 * @example
 * ```ts
 * aggNode("var", colNode("v"), { ddof: 0 }).options; // { ddof: 0 }
 * aggNode("std", colNode("v")).options;              // { ddof: 1 }
 * ```
 */
export interface AggOptions { readonly ddof?: number }

/** An aggregate over the rows of a group (or the whole frame). `input` is null only for size. */
export interface AggNode { readonly kind: "agg"; readonly fn: AggFn; readonly input: ExprNode | null; readonly options: AggOptions }

const NO_OPTIONS: AggOptions = Object.freeze({});

/**
 * An aggregate node; `options` are checked and normalized (ddof defaults to 1 for std and var).
 * Throws DuskError INVALID_ARGUMENT for a ddof that is not a non-negative integer, or given to
 * another function.
 *
 * @example
 * ```ts
 * aggNode("sum", colNode("v1"));
 * aggNode("std", colNode("v1"), { ddof: 0 });
 * ```
 */
export function aggNode(fn: AggFn, input: ExprNode | null, options: AggOptions = NO_OPTIONS): AggNode {
  return Object.freeze({ kind: "agg", fn, input, options: aggOptions(fn, input, options) });
}

function aggOptions(fn: AggFn, input: ExprNode | null, options: AggOptions): AggOptions {
  const call = `${fn}(${input === null ? "" : printExpr(input)})`;
  if (fn !== "std" && fn !== "var") {
    if (options.ddof !== undefined) {
      throw new DuskError("INVALID_ARGUMENT", `${call}: ${fn} takes no ddof; only std and var do`, { fn, ddof: options.ddof });
    }
    return NO_OPTIONS;
  }
  const ddof = options.ddof ?? 1;
  if (typeof ddof !== "number" || !Number.isInteger(ddof) || ddof < 0) {
    throw new DuskError("INVALID_ARGUMENT",
      `${call}: ddof must be a non-negative integer, got ${String(ddof)}; use 1 (the default) for the sample ${fn}, 0 for the population ${fn}`,
      { fn, ddof: String(ddof) });
  }
  return Object.freeze({ ddof });
}
