/** resetIndex(): forgets a frame's index, as Dask's `reset_index()` (the column is already a column). */
import { indexOf, setIndexNode, withChildren, type LogicalNode } from "@dusk/plan";

/** The plan with its index forgotten (rows and order as they are). */
export function resetIndex(plan: LogicalNode): LogicalNode {
  if (indexOf(plan) === null) return plan;
  if (plan.kind === "set-index") {
    return plan.mode === "sorted" && plan.keep === null ? plan.input : setIndexNode(plan.input, plan.column, plan.mode, plan.divisions, plan.keep, true);
  }
  if (plan.kind === "filter" || plan.kind === "assign" || plan.kind === "project" || plan.kind === "limit") return withChildren(plan, [resetIndex(plan.input)]);
  return plan;
}
