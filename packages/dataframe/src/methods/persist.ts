/**
 * persist(): computes a frame and keeps its partitions in worker memory; returns a frame over them.
 */
import { Future, type Client } from "@dusk/scheduler";
import { hashString, nodeKey, persistedSource, scanNode, type LogicalNode } from "@dusk/plan";
import { clientFor } from "../engine.js";
import { physicalGraph, type ComputeOptions } from "../execute.js";

export async function persistPlan(plan: LogicalNode, options: ComputeOptions & { client?: Client } = {}): Promise<LogicalNode> {
  const client = options.client ?? (await clientFor(plan));
  const graph = physicalGraph(plan);
  client.engine.submit([...graph.tasks.values()], graph.outputs);
  const futures = graph.outputs.map((k) => new Future(client.engine, k));
  try {
    await Promise.all(graph.outputs.map((k) => client.engine.whenReady(k)));
  } catch (e) {
    for (const f of futures) f.release();
    throw e;
  }
  const token = hashString(`${nodeKey(plan)}|${graph.outputs.join(",")}`);
  return scanNode(persistedSource(token, plan.schema, graph.outputs, client, futures));
}
