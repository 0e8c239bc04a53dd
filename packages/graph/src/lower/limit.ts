import { nodeKey, type LimitNode } from "@dusk/plan";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** Each partition cut to n rows, then the first n rows over all of them: one output partition. */
export function lowerLimit(node: LimitNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const hash = name.slice(name.indexOf("-") + 1);
  const parts = ctx.input(node.input).map((dep, i) => {
    const key = taskKey(`limit-partition-${hash}`, i);
    ctx.add({ key, op: "limit", params: { n: node.n }, deps: [dep] });
    return key;
  });
  const key = taskKey(name, 0);
  const s = node.schema;
  ctx.add({ key, op: "concat-limit", params: { n: node.n, names: s.names, dtypes: s.fields.map((f) => f.dtype) }, deps: parts });
  return [key];
}
