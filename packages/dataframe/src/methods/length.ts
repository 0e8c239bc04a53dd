import { aggNode, aggregateNode, bindExpr, named, type LogicalNode } from "@dusk/plan";

/** The one-row plan counting the rows of `plan` (reads no column when the source knows its rows). */
export function lengthPlan(plan: LogicalNode): LogicalNode {
  const n = bindExpr(aggNode("size", null), { schema: plan.schema, where: "length()", aggregate: { keys: [] } });
  return aggregateNode(plan, [], [named("__length", n)]);
}
