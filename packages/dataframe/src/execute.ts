/**
 * From plan to results: optimize, lower to tasks, fuse, order, run on the engine, and hand back
 * Arrow. The caller's thread receives only the output partitions.
 */
import { fuse, lower, order, type TaskGraph } from "@dusk/graph";
import { batchesToTable, type Batch } from "@dusk/kernels";
import { optimize, type LogicalNode, type Schema } from "@dusk/plan";
import type { Client, ProgressEvent } from "@dusk/scheduler";
import type { Table } from "apache-arrow";
import { clientFor } from "./engine.js";
import { withProgress } from "./progress/with-progress.js";

export interface ComputeOptions {
  /** Cancels the computation; the promise then rejects with a DuskError of code CANCELLED. */
  readonly signal?: AbortSignal;
  /**
   * Called as tasks finish: done/total, per group of tasks, memory held by workers. Without it Dusk
   * shows its own progress bar (see `dd.config` `progress`).
   */
  readonly onProgress?: (p: ProgressEvent) => void;
  /** The client to run on (default: the current or default client). */
  readonly client?: Client;
}

/** The task graph that computes `plan` (optimized, fused and ordered). */
export function physicalGraph(plan: LogicalNode): TaskGraph {
  return order(fuse(lower(optimize(plan))));
}

/** Runs the part of `graph` needed for `outputs` and returns their results in order, showing progress. */
export async function runGraph(plan: LogicalNode, graph: TaskGraph, outputs: readonly string[], options: ComputeOptions = {}): Promise<unknown[]> {
  const client = options.client ?? (await clientFor(plan));
  return withProgress(options, (onProgress) => client.compute([...graph.tasks.values()], outputs, { signal: options.signal, onProgress }));
}

/** The partitions of `plan`'s result, in order. */
export async function computeBatches(plan: LogicalNode, options: ComputeOptions = {}): Promise<Batch[]> {
  const graph = physicalGraph(plan);
  return (await runGraph(plan, graph, graph.outputs, options)) as Batch[];
}

/** Batches of a schema as one Arrow table (one record batch per non-empty partition). */
export function toTable(batches: readonly Batch[], schema: Schema): Table {
  return batchesToTable(batches, schema.names, schema.fields.map((f) => f.dtype));
}
