import type { ExprNode } from "./index.js";

export type ArithOp = "add" | "sub" | "mul" | "div" | "mod" | "pow";
export type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
export type LogicOp = "and" | "or";
export type BinaryOp = ArithOp | CompareOp | LogicOp;

export const ARITH_OPS: readonly ArithOp[] = ["add", "sub", "mul", "div", "mod", "pow"];
export const COMPARE_OPS: readonly CompareOp[] = ["eq", "ne", "lt", "le", "gt", "ge"];
export const isArithOp = (op: BinaryOp): op is ArithOp => (ARITH_OPS as readonly string[]).includes(op);
export const isCompareOp = (op: BinaryOp): op is CompareOp => (COMPARE_OPS as readonly string[]).includes(op);
export const isLogicOp = (op: BinaryOp): op is LogicOp => op === "and" || op === "or";

/** A binary operation: arithmetic, comparison or boolean. */
export interface BinaryNode { readonly kind: "binary"; readonly op: BinaryOp; readonly left: ExprNode; readonly right: ExprNode }
export const binaryNode = (op: BinaryOp, left: ExprNode, right: ExprNode): BinaryNode =>
  Object.freeze({ kind: "binary", op, left, right });

/** Operator words for messages ("cannot apply + to ..."). */
export const OP_SYMBOL_TEXT: Readonly<Record<BinaryOp, string>> = {
  add: "+", sub: "-", mul: "*", div: "/", mod: "%", pow: "**",
  eq: "==", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=", and: "and", or: "or",
};
