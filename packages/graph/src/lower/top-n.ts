import { hashString, nodeKey, type TopNGroup, type TopNNode } from "@dusk/plan";
import type { GroupTopNParams } from "../ops/group-top-n.js";
import type { TopNParams } from "../ops/top-n.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";
import { lowerReduceByKey } from "./reduce-by-key.js";

/**
 * Each partition's top n, then the top n of those in partition order: one output partition. Per
 * group: each partition's top n per group, then a tree of combines or a shuffle by key (see
 * reduce-by-key.ts), the last step ordering rows by key.
 */
export function lowerTopN(node: TopNNode, ctx: LowerContext): string[] {
  if (node.group !== null) return lowerGroupTopN(node, node.group, ctx);
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

function lowerGroupTopN(node: TopNNode, g: TopNGroup, ctx: LowerContext): string[] {
  const s = node.schema;
  const dtypes = s.fields.map((f) => f.dtype);
  const partial: GroupTopNParams = {
    n: node.n, keys: g.keys, by: node.by, ascending: node.ascending, dropna: g.dropna, sortByKeys: false, names: s.names, dtypes,
  };
  return lowerReduceByKey({
    name: nodeKey(node), op: "group-top-n", partial, final: { ...partial, sortByKeys: true },
    keys: g.keys, keyTypes: g.keys.map((k) => s.require(k).dtype), splitOut: g.splitOut, names: s.names, dtypes,
  }, ctx.input(node.input), ctx);
}
