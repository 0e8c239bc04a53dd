/**
 * persist(): computes a frame and keeps its partitions in worker memory; returns a frame over them.
 * An indexed frame stays indexed, and its divisions become known: when the plan did not know them
 * (a sample sort chose them while running), one small task per partition takes its first and last
 * non-null index values (the partition is sorted, nulls last), so `loc` on the persisted frame
 * reads only the partitions it needs.
 */
import { Future, type Client } from "@dusk/scheduler";
import { taskKey } from "@dusk/graph";
import { valueAt, type Batch } from "@dusk/kernels";
import {
  hashString, indexOf, knownDivisions, nodeKey, persistedSource, scanNode, setIndexNode, type LogicalNode, type PartitionBounds,
} from "@dusk/plan";
import { clientFor } from "../engine.js";
import { physicalGraph, type ComputeOptions } from "../execute.js";
import { pollProgress } from "../progress/poll-progress.js";
import { withProgress } from "../progress/with-progress.js";

export async function persistPlan(plan: LogicalNode, options: ComputeOptions & { client?: Client } = {}): Promise<LogicalNode> {
  const client = options.client ?? (await clientFor(plan));
  const graph = physicalGraph(plan);
  const tasks = [...graph.tasks.values()];
  client.engine.submit(tasks, graph.outputs);
  const futures = graph.outputs.map((k) => new Future(client.engine, k));
  try {
    // the engine reports progress only for compute(); here the scheduler's states are read instead
    await withProgress(options, async (onProgress) => {
      const stop = onProgress ? pollProgress(client, tasks, onProgress) : null;
      try {
        await Promise.all(graph.outputs.map((k) => client.engine.whenReady(k)));
      } finally {
        stop?.();
      }
    });
  } catch (e) {
    for (const f of futures) f.release();
    throw e;
  }
  const token = hashString(`${nodeKey(plan)}|${graph.outputs.join(",")}`);
  const scan = scanNode(persistedSource(token, plan.schema, graph.outputs, client, futures));
  const index = indexOf(plan);
  if (index === null) return scan;
  const divisions = knownDivisions(plan) ?? (await indexBounds(client, token, graph.outputs, index.column));
  return setIndexNode(scan, index.column, "sorted", divisions);
}

/** Per persisted partition (sorted by `column`, nulls last), its first and last non-null values. */
async function indexBounds(client: Client, token: string, keys: readonly string[], column: string): Promise<PartitionBounds[]> {
  const ends = (ascending: boolean) => keys.map((dep, i) => ({
    key: taskKey(`index-${ascending ? "min" : "max"}-${token}`, i),
    op: "top-n", params: { by: [column], ascending: [ascending], naPosition: "last", n: 1 }, deps: [dep],
  }));
  const tasks = [...ends(true), ...ends(false)];
  const got = (await client.compute(tasks, tasks.map((t) => t.key))) as Batch[];
  return keys.map((_, i) => {
    const lo = got[i], hi = got[keys.length + i];
    const at = (b: Batch) => (b.length === 0 ? null : valueAt(b.columns[b.names.indexOf(column)], 0));
    const a = at(lo), b = at(hi);
    return a === null || b === null || (typeof a === "number" && Number.isNaN(a)) ? null : [a, b] as const;
  });
}
