import { bindExpr, filterNode, printExpr, type LogicalNode } from "@dusk/plan";
import { toNode, type ExprLike } from "../expr.js";

/** Keeps the rows where `condition` is true (null counts as false). */
export function filter(plan: LogicalNode, condition: ExprLike): LogicalNode {
  const node = toNode(condition);
  const where = `filter(${printExpr(node)})`;
  return filterNode(plan, bindExpr(node, { schema: plan.schema, where }), where);
}
