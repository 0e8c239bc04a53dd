import { Duration, DuskError } from "@dusk/core";
import type { RollingAggFn, WindowFn } from "../../logical/nodes/window.js";
import type { TypedExpr } from "../typed.js";
import type { ExprNode } from "./index.js";

/**
 * A window function of a row-wise expression: its value at a row depends on earlier (or later)
 * rows in the frame's order — `cumsum`, `cumprod`, `cummax`, `cummin`, `shift` (by `periods`) and
 * `rolling` (an `agg` over the last `window` rows, or over the rows whose time column `on` lies in
 * (t − `duration`, t], null below `minPeriods` values). Allowed in assign (and anything built on
 * it), where the frame computes them across partitions.
 */
export interface WindowExprNode {
  readonly kind: "window";
  readonly fn: WindowFn;
  readonly input: ExprNode;
  readonly periods?: number;
  readonly window?: number;
  /** A time window's length in nanoseconds (with `on`). */
  readonly duration?: bigint;
  /** The time column of a time window. */
  readonly on?: string;
  readonly minPeriods?: number;
  readonly agg?: RollingAggFn;
}

/** Parameters of a window call (those its function takes). */
export interface WindowParams {
  readonly periods?: number; readonly window?: number; readonly duration?: bigint; readonly minPeriods?: number; readonly agg?: RollingAggFn;
}

/**
 * A window expression node, its parameters checked. A rolling window is a count of rows
 * (`window`) or a time span (`duration`, in nanoseconds, with the time column `on`).
 *
 * @example
 * ```ts
 * windowExprNode("cumsum", colNode("v"));
 * windowExprNode("shift", colNode("v"), { periods: -1 });
 * windowExprNode("rolling", colNode("v"), { window: 5, minPeriods: 5, agg: "mean" });
 * windowExprNode("rolling", colNode("v"), { duration: 300_000_000_000n, agg: "mean", on: "ts" });
 * ```
 */
export function windowExprNode(fn: WindowFn, input: ExprNode, params: WindowParams & { readonly on?: string } = {}): WindowExprNode {
  if (fn === "shift") {
    const periods = params.periods ?? 1;
    if (!Number.isInteger(periods)) throw new DuskError("INVALID_ARGUMENT", `shift needs a whole number of periods, got ${String(periods)}`, { periods: String(periods) });
    return Object.freeze({ kind: "window", fn, input, periods });
  }
  if (fn === "rolling") {
    const agg = params.agg ?? "sum";
    if (params.duration !== undefined) {
      const duration = params.duration;
      const text = typeof duration === "bigint" ? new Duration(duration).toString() : String(duration);
      if (typeof duration !== "bigint" || duration <= 0n) {
        throw new DuskError("INVALID_ARGUMENT", `rolling needs a positive time window, got ${text}`, { window: text });
      }
      const on = params.on;
      if (typeof on !== "string" || on === "") {
        throw new DuskError("INVALID_ARGUMENT",
          `rolling("${text}") is a time window: pass the time column it runs on, e.g. rolling("${text}", { on: "ts" })`, { window: text });
      }
      const minPeriods = params.minPeriods ?? 1;
      if (!Number.isInteger(minPeriods) || minPeriods < 0) {
        throw new DuskError("INVALID_ARGUMENT", `rolling minPeriods must be a whole number ≥ 0, got ${String(minPeriods)}`, { minPeriods: String(minPeriods) });
      }
      return Object.freeze({ kind: "window", fn, input, duration, on, minPeriods, agg });
    }
    if (params.on !== undefined) {
      throw new DuskError("INVALID_ARGUMENT", `rolling(${String(params.window)}, { on: "${params.on}" }): on is for time windows such as "5min"; a count window runs over the frame's rows`, { on: params.on });
    }
    const window = params.window;
    if (typeof window !== "number" || !Number.isInteger(window) || window < 1) {
      throw new DuskError("INVALID_ARGUMENT", `rolling needs a window of whole rows ≥ 1 or a duration such as "5min" (with { on: "ts" }), got ${String(window)}`, { window: String(window) });
    }
    const minPeriods = params.minPeriods ?? window;
    if (!Number.isInteger(minPeriods) || minPeriods < 0 || minPeriods > window) {
      throw new DuskError("INVALID_ARGUMENT", `rolling minPeriods must be a whole number from 0 to the window (${window}), got ${String(minPeriods)}`, { minPeriods: String(minPeriods) });
    }
    return Object.freeze({ kind: "window", fn, input, window, minPeriods, agg });
  }
  return Object.freeze({ kind: "window", fn, input });
}

/**
 * The call as text: `cumsum(v)`, `shift(v, -1)`, `rolling_mean(v, 5)`, `rolling_sum(v, 5, min_periods=2)`,
 * `rolling_mean(v, 5min, on=ts)` (a time window's min_periods shows when it is not 1).
 */
export function windowText(fn: WindowFn, input: string, p: WindowParams & { readonly on?: string | TypedExpr }): string {
  if (fn === "shift") return `shift(${input}, ${p.periods})`;
  if (fn === "rolling" && p.duration !== undefined) {
    const on = typeof p.on === "string" ? p.on : p.on?.kind === "col" ? p.on.name : "?";
    return `rolling_${p.agg}(${input}, ${new Duration(p.duration).toString()}, on=${on}${p.minPeriods === 1 ? "" : `, min_periods=${p.minPeriods}`})`;
  }
  if (fn === "rolling") return `rolling_${p.agg}(${input}, ${p.window}${p.minPeriods === p.window ? "" : `, min_periods=${p.minPeriods}`})`;
  return `${fn}(${input})`;
}
