import type { ExprNode } from "./index.js";

export interface FillNullNode { readonly kind: "fillNull"; readonly input: ExprNode; readonly value: ExprNode }
export const fillNullNode = (input: ExprNode, value: ExprNode): FillNullNode => Object.freeze({ kind: "fillNull", input, value });
