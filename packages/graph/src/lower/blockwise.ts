import { nodeKey, type AssignNode, type FilterNode, type ProjectNode } from "@dusk/plan";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** One task per input partition, each reading only its own partition. */
function blockwise(node: ProjectNode | AssignNode | FilterNode, op: string, params: unknown, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  return ctx.input(node.input).map((dep, i) => {
    const key = taskKey(name, i);
    ctx.add({ key, op, params, deps: [dep] });
    return key;
  });
}

export const lowerProject = (node: ProjectNode, ctx: LowerContext): string[] => blockwise(node, "project", { exprs: node.exprs }, ctx);
export const lowerAssign = (node: AssignNode, ctx: LowerContext): string[] => blockwise(node, "assign", { exprs: node.exprs }, ctx);
export const lowerFilter = (node: FilterNode, ctx: LowerContext): string[] => blockwise(node, "filter", { predicate: node.predicate }, ctx);
