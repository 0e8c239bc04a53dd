import type { ExprNode } from "./index.js";
import type { LitValue } from "./lit.js";

export interface IsInNode { readonly kind: "isIn"; readonly input: ExprNode; readonly values: readonly LitValue[] }
export const isInNode = (input: ExprNode, values: readonly LitValue[]): IsInNode =>
  Object.freeze({ kind: "isIn", input, values: Object.freeze([...values]) });
