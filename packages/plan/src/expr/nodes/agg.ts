import type { ExprNode } from "./index.js";

/** Aggregate functions. `size` counts rows (`dd.count()`); `count` counts non-null values. */
export type AggFn = "sum" | "count" | "size" | "mean" | "min" | "max";
export const AGG_FNS: readonly AggFn[] = ["sum", "count", "size", "mean", "min", "max"];

/** An aggregate over the rows of a group (or the whole frame). `input` is null only for size. */
export interface AggNode { readonly kind: "agg"; readonly fn: AggFn; readonly input: ExprNode | null }
export const aggNode = (fn: AggFn, input: ExprNode | null): AggNode => Object.freeze({ kind: "agg", fn, input });
