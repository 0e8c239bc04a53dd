import type { ExprNode } from "./index.js";

export type BetweenInclusive = "both" | "neither" | "left" | "right";

/** `low <= input <= high` (bounds per `inclusive`, "both" by default as in pandas). */
export interface BetweenNode {
  readonly kind: "between";
  readonly input: ExprNode;
  readonly low: ExprNode;
  readonly high: ExprNode;
  readonly inclusive: BetweenInclusive;
}
export const betweenNode = (input: ExprNode, low: ExprNode, high: ExprNode, inclusive: BetweenInclusive = "both"): BetweenNode =>
  Object.freeze({ kind: "between", input, low, high, inclusive });
