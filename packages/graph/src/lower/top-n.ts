import { hashString, nodeKey, type TopNNode } from "@dusk/plan";
import type { TopNParams } from "../ops/top-n.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** Each partition's top n, then the top n of those in partition order: one output partition. */
export function lowerTopN(node: TopNNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const inputs = ctx.input(node.input);
  const p: TopNParams = { n: node.n, by: node.by, ascending: node.ascending, naPosition: "last" };
  if (inputs.length === 1) {
    const key = taskKey(name, 0);
    ctx.add({ key, op: "top-n", params: p, deps: inputs });
    return [key];
  }
  const id = hashString(name);
  const parts = inputs.map((dep, i) => {
    const key = taskKey(`top-n-partition-${id}`, i);
    ctx.add({ key, op: "top-n", params: p, deps: [dep] });
    return key;
  });
  const key = taskKey(name, 0);
  const s = node.schema;
  ctx.add({ key, op: "concat-top-n", params: { ...p, names: s.names, dtypes: s.fields.map((f) => f.dtype) }, deps: parts });
  return [key];
}
