/**
 * From plan to results: optimize, lower to tasks, fuse, order, run on the configured executor,
 * and hand back Arrow. The caller's thread receives only the output partitions.
 */
import { cull, fuse, lower, ops, order, type TaskGraph } from "@dusk/graph";
import { batchesToTable, type Batch } from "@dusk/kernels";
import { optimize, type LogicalNode, type Schema } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import type { Table } from "apache-arrow";
import { config } from "./config.js";

export interface ComputeOptions {
  /** Cancels the computation; the promise then rejects with a DuskError of code CANCELLED. */
  readonly signal?: AbortSignal;
}

/** The task graph that computes `plan` (optimized, fused and ordered). */
export function physicalGraph(plan: LogicalNode): TaskGraph {
  return order(fuse(lower(optimize(plan))));
}

/** Runs `graph` (or the part needed for `outputs`) and returns the outputs' results in order. */
export async function runGraph(graph: TaskGraph, outputs: readonly string[] = graph.outputs, options: ComputeOptions = {}): Promise<unknown[]> {
  const g = outputs === graph.outputs ? graph : cull(graph, outputs);
  switch (config.get().scheduler) {
    case "inline":
      return runInline(g.tasks.values(), outputs, ops, { signal: options.signal });
  }
}

/** The partitions of `plan`'s result, in order. */
export async function computeBatches(plan: LogicalNode, options: ComputeOptions = {}): Promise<Batch[]> {
  const graph = physicalGraph(plan);
  return (await runGraph(graph, graph.outputs, options)) as Batch[];
}

/** Batches of a schema as one Arrow table (one record batch per non-empty partition). */
export function toTable(batches: readonly Batch[], schema: Schema): Table {
  return batchesToTable(batches, schema.names, schema.fields.map((f) => f.dtype));
}
