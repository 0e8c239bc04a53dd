import { nodeKey, type DropDuplicatesNode } from "@dusk/plan";
import type { DropDuplicatesParams } from "../ops/drop-duplicates.js";
import type { LowerContext } from "./context.js";
import { lowerReduceByKey } from "./reduce-by-key.js";

/** Distinct rows per partition, then a tree of combines (one partition, row order kept) or a shuffle by the subset. */
export function lowerDropDuplicates(node: DropDuplicatesNode, ctx: LowerContext): string[] {
  const s = node.schema;
  const dtypes = s.fields.map((f) => f.dtype);
  const params: DropDuplicatesParams = { subset: node.subset, keep: node.keep, names: s.names, dtypes };
  return lowerReduceByKey({
    name: nodeKey(node), op: "drop-duplicates", partial: params, final: params,
    keys: node.subset, keyTypes: node.subset.map((k) => s.require(k).dtype), splitOut: node.splitOut, names: s.names, dtypes,
  }, ctx.input(node.input), ctx);
}
