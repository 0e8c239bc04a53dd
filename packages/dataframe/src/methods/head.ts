/**
 * The first n rows, computing as few partitions as it can: the first partition, then the next two,
 * the next four, ... until n rows are in hand (like Dask's head, without its silent shortfall).
 */
import { concatBatches, sliceBatch, type Batch } from "@dusk/kernels";
import type { LogicalNode } from "@dusk/plan";
import { physicalGraph, runGraph, type ComputeOptions } from "../execute.js";

export async function headBatches(plan: LogicalNode, n: number, options: ComputeOptions = {}): Promise<Batch> {
  const graph = physicalGraph(plan);
  const names = plan.schema.names;
  const types = plan.schema.fields.map((f) => f.dtype);
  const parts: Batch[] = [];
  let rows = 0;
  let next = 0;
  let step = 1;
  while (rows < n && next < graph.outputs.length) {
    const keys = graph.outputs.slice(next, next + step);
    const got = (await runGraph(plan, graph, keys, options)) as Batch[];
    for (const b of got) {
      if (rows >= n) break;
      const part = sliceBatch(b, 0, n - rows);
      parts.push(part);
      rows += part.length;
    }
    next += keys.length;
    step *= 2;
  }
  return concatBatches(parts, names, types);
}
