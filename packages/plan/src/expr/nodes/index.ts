/**
 * Expression nodes as the user's API builds them: untyped, names unresolved. Binding against a
 * schema (see ../bind) turns them into typed expressions, which is all the optimizer and the
 * kernels ever see.
 */
import type { AggNode } from "./agg.js";
import type { BetweenNode } from "./between.js";
import type { BinaryNode } from "./binary.js";
import type { CastNode } from "./cast.js";
import type { ColNode } from "./col.js";
import type { DtNode } from "./dt.js";
import type { FillNullNode } from "./fill-null.js";
import type { IsInNode } from "./is-in.js";
import type { LitNode } from "./lit.js";
import type { UnaryNode } from "./unary.js";
import type { WindowExprNode } from "./window.js";

export type ExprNode = ColNode | LitNode | BinaryNode | UnaryNode | CastNode | FillNullNode | IsInNode | BetweenNode | AggNode | DtNode | WindowExprNode;

export * from "./agg.js";
export * from "./between.js";
export * from "./binary.js";
export * from "./cast.js";
export * from "./col.js";
export * from "./dt.js";
export * from "./fill-null.js";
export * from "./is-in.js";
export * from "./lit.js";
export * from "./unary.js";
export * from "./window.js";
