import { assertNever } from "@dusk/core";
import { nodeKey, type ScanNode } from "@dusk/plan";
import type { Batch } from "@dusk/kernels";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** One task per source partition. */
export function lowerScan(node: ScanNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const source = node.source;
  switch (source.kind) {
    case "memory":
      return source.partitions.map((payload, i) => {
        const key = taskKey(name, i);
        ctx.add({ key, op: "scan-memory", params: { payload: payload as Batch, columns: node.columns, predicate: node.predicate }, deps: [] });
        return key;
      });
    default:
      return assertNever(source.kind);
  }
}
