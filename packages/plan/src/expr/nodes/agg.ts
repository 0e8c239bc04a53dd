import { DuskError } from "@dusk/core";
import type { ExprNode } from "./index.js";
import { printExpr } from "../print.js";

/**
 * Aggregate functions. `size` counts rows (`dd.count()`); `count` counts non-null values; `std`,
 * `var` and `cov` take a `ddof`; `first` and `last` are the first / last non-null value in row order;
 * `median`, `quantile` (with `q`) and `nunique` are exact and holistic (they need every value of a
 * group at once, so an aggregation using them shuffles rows by key); `corr` and `cov` take a second
 * input (`other`) and use the rows where both are non-null.
 *
 * @example
 * ```ts
 * const fn: AggFn = "std";
 * AGG_FNS.includes("prod"); // true
 * ```
 */
export type AggFn =
  | "sum" | "count" | "size" | "mean" | "min" | "max"
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last"
  | "median" | "quantile" | "nunique" | "corr" | "cov";
export const AGG_FNS: readonly AggFn[] = [
  "sum", "count", "size", "mean", "min", "max", "std", "var", "prod", "any", "all", "first", "last",
  "median", "quantile", "nunique", "corr", "cov",
];

/** Aggregates that need all of a group's values at once (no mergeable partial state). */
export const HOLISTIC_AGG_FNS: readonly AggFn[] = ["median", "quantile", "nunique"];
/** Aggregates over two inputs (`input` and `other`). */
export const PAIR_AGG_FNS: readonly AggFn[] = ["corr", "cov"];

/**
 * Parameters of an aggregate call. `ddof` (delta degrees of freedom) belongs to std, var and cov
 * only; there it is always present after {@link aggNode} (default 1, pandas' sample statistics).
 * `q` (a fraction in [0, 1]) belongs to quantile only, and is required there.
 *
 * @example
 * ```ts
 * aggNode("var", colNode("v"), { ddof: 0 }).options;      // { ddof: 0 }
 * aggNode("std", colNode("v")).options;                    // { ddof: 1 }
 * aggNode("quantile", colNode("v"), { q: 0.9 }).options;   // { q: 0.9 }
 * ```
 */
export interface AggOptions { readonly ddof?: number; readonly q?: number }

/**
 * An aggregate over the rows of a group (or the whole frame). `input` is null only for size;
 * `other` is the second input of corr and cov, null for every other function.
 */
export interface AggNode {
  readonly kind: "agg"; readonly fn: AggFn; readonly input: ExprNode | null; readonly options: AggOptions;
  readonly other: ExprNode | null;
}

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
export function aggNode(fn: AggFn, input: ExprNode | null, options: AggOptions = NO_OPTIONS, other: ExprNode | null = null): AggNode {
  const call = `${fn}(${[input, other].filter((x) => x !== null).map((x) => printExpr(x!)).join(", ")})`;
  if (PAIR_AGG_FNS.includes(fn) !== (other !== null)) {
    throw new DuskError("INVALID_ARGUMENT", other === null
      ? `${call}: ${fn} needs a second input, e.g. dd.${fn}("x", "y")`
      : `${call}: ${fn} takes one input; only ${PAIR_AGG_FNS.join(" and ")} take two`, { fn });
  }
  return Object.freeze({ kind: "agg", fn, input, options: aggOptions(fn, call, options), other });
}

function aggOptions(fn: AggFn, call: string, options: AggOptions): AggOptions {
  if (fn === "quantile") {
    if (options.ddof !== undefined) throw new DuskError("INVALID_ARGUMENT", `${call}: quantile takes no ddof`, { fn, ddof: options.ddof });
    const q = options.q;
    if (typeof q !== "number" || !(q >= 0 && q <= 1)) {
      throw new DuskError("INVALID_ARGUMENT",
        `${call}: quantile needs q, a fraction between 0 and 1 (0.5 is the median), got ${String(q)}`, { fn, q: String(q) });
    }
    return Object.freeze({ q });
  }
  if (options.q !== undefined) {
    throw new DuskError("INVALID_ARGUMENT", `${call}: ${fn} takes no q; only quantile does`, { fn, q: options.q });
  }
  if (fn !== "std" && fn !== "var" && fn !== "cov") {
    if (options.ddof !== undefined) {
      throw new DuskError("INVALID_ARGUMENT", `${call}: ${fn} takes no ddof; only std, var and cov do`, { fn, ddof: options.ddof });
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
