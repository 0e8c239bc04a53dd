import { DuskError } from "@dusk/core";
import type { RollingAggFn, WindowFn } from "../../logical/nodes/window.js";
import type { ExprNode } from "./index.js";

/**
 * A window function of a row-wise expression: its value at a row depends on earlier (or later)
 * rows in the frame's order — `cumsum`, `cumprod`, `cummax`, `cummin`, `shift` (by `periods`) and
 * `rolling` (an `agg` over the last `window` rows, null below `minPeriods` values). Allowed in
 * assign (and anything built on it), where the frame computes them across partitions.
 */
export interface WindowExprNode {
  readonly kind: "window";
  readonly fn: WindowFn;
  readonly input: ExprNode;
  readonly periods?: number;
  readonly window?: number;
  readonly minPeriods?: number;
  readonly agg?: RollingAggFn;
}

/** Parameters of a window call (those its function takes). */
export interface WindowParams { readonly periods?: number; readonly window?: number; readonly minPeriods?: number; readonly agg?: RollingAggFn }

/**
 * A window expression node, its parameters checked.
 *
 * @example
 * ```ts
 * windowExprNode("cumsum", colNode("v"));
 * windowExprNode("shift", colNode("v"), { periods: -1 });
 * windowExprNode("rolling", colNode("v"), { window: 5, minPeriods: 5, agg: "mean" });
 * ```
 */
export function windowExprNode(fn: WindowFn, input: ExprNode, params: WindowParams = {}): WindowExprNode {
  if (fn === "shift") {
    const periods = params.periods ?? 1;
    if (!Number.isInteger(periods)) throw new DuskError("INVALID_ARGUMENT", `shift needs a whole number of periods, got ${String(periods)}`, { periods: String(periods) });
    return Object.freeze({ kind: "window", fn, input, periods });
  }
  if (fn === "rolling") {
    const window = params.window;
    if (typeof window !== "number" || !Number.isInteger(window) || window < 1) {
      throw new DuskError("INVALID_ARGUMENT", `rolling needs a window of whole rows ≥ 1, got ${String(window)} (time windows such as "5min" need a time index: not yet)`, { window: String(window) });
    }
    const minPeriods = params.minPeriods ?? window;
    if (!Number.isInteger(minPeriods) || minPeriods < 0 || minPeriods > window) {
      throw new DuskError("INVALID_ARGUMENT", `rolling minPeriods must be a whole number from 0 to the window (${window}), got ${String(minPeriods)}`, { minPeriods: String(minPeriods) });
    }
    return Object.freeze({ kind: "window", fn, input, window, minPeriods, agg: params.agg ?? "sum" });
  }
  return Object.freeze({ kind: "window", fn, input });
}

/** The call as text: `cumsum(v)`, `shift(v, -1)`, `rolling_mean(v, 5)`, `rolling_sum(v, 5, min_periods=2)`. */
export function windowText(fn: WindowFn, input: string, p: WindowParams): string {
  if (fn === "shift") return `shift(${input}, ${p.periods})`;
  if (fn === "rolling") return `rolling_${p.agg}(${input}, ${p.window}${p.minPeriods === p.window ? "" : `, min_periods=${p.minPeriods}`})`;
  return `${fn}(${input})`;
}
