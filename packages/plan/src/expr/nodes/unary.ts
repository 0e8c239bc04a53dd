import type { ExprNode } from "./index.js";

export type UnaryOp = "neg" | "not" | "isNull" | "isNotNull";

export interface UnaryNode { readonly kind: "unary"; readonly op: UnaryOp; readonly input: ExprNode }
export const unaryNode = (op: UnaryOp, input: ExprNode): UnaryNode => Object.freeze({ kind: "unary", op, input });
