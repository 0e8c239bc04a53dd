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
    case "persisted": {
      for (const k of source.keys) ctx.external(k);
      const all = node.predicate === null && node.columns.length === source.schema.length &&
        node.columns.every((c, i) => c === source.schema.fields[i].name);
      if (all) return [...source.keys];
      return source.keys.map((dep, i) => {
        const key = taskKey(name, i);
        ctx.add({ key, op: "scan-input", params: { columns: node.columns, predicate: node.predicate }, deps: [dep] });
        return key;
      });
    }
    case "files":
      return source.partitions.map((block, i) => {
        const key = taskKey(name, i);
        ctx.add({ key, op: `read-${source.format}`, params: { block, read: source.read, columns: node.columns, predicate: node.predicate }, deps: [] });
        return key;
      });
    default:
      return assertNever(source);
  }
}
