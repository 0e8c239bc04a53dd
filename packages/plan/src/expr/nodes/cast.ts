import type { DType } from "@dusk/core";
import type { ExprNode } from "./index.js";

export interface CastNode { readonly kind: "cast"; readonly input: ExprNode; readonly dtype: DType }
export const castNode = (input: ExprNode, dtype: DType): CastNode => Object.freeze({ kind: "cast", input, dtype });
