/**
 * The rule interface. A rule looks at one node (and, if it needs to, the nodes below it) and
 * returns a replacement with the same output schema, or undefined for "no change". Walking the
 * tree, repeating to a fixed point and checking schemas is the optimizer's job (optimize.ts).
 */
import type { LogicalNode } from "../logical/node.js";

export interface RuleContext {
  /** Reserved for facts a rule may need about the whole plan (consumers of shared nodes, statistics). */
  readonly root: LogicalNode;
}

export interface Rule {
  readonly name: string;
  /** top-down: the rule sees a node before its inputs are rewritten; bottom-up: after. */
  readonly order: "top-down" | "bottom-up";
  apply(node: LogicalNode, ctx: RuleContext): LogicalNode | undefined;
}
