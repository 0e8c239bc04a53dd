/**
 * persist(): computes a frame and keeps its partitions in worker memory; returns a frame over them.
 */
import { Future, type Client } from "@dusk/scheduler";
import { hashString, nodeKey, persistedSource, scanNode, type LogicalNode } from "@dusk/plan";
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
  return scanNode(persistedSource(token, plan.schema, graph.outputs, client, futures));
}
