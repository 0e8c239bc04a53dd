import { assignNode, bindExpr, named, printExpr, type LogicalNode } from "@dusk/plan";
import { toNode, type ExprLike } from "../expr.js";

/** Adds or replaces columns; every expression reads the frame as it was before this call. */
export function assign(plan: LogicalNode, columns: Readonly<Record<string, ExprLike>>): LogicalNode {
  return assignNode(plan, Object.entries(columns).map(([name, value]) => {
    const node = toNode(value);
    return named(name, bindExpr(node, { schema: plan.schema, where: `assign(${name} = ${printExpr(node)})` }));
  }));
}
