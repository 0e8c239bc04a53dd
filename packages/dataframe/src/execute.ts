/**
 * From plan to results: optimize, lower to tasks, fuse, order, run on the engine, and hand back
 * Arrow. The caller's thread receives only the output partitions.
 */
import { fuse, lower, order, type TaskGraph } from "@dusk/graph";
import { arrowSchemaOf, batchesToTable, batchToRecordBatch, dictDecode, type Batch, type Column } from "@dusk/kernels";
import { optimize, type LogicalNode, type Schema } from "@dusk/plan";
import type { Client, ProgressEvent } from "@dusk/scheduler";
import { Table, type RecordBatch } from "apache-arrow";
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

/**
 * Runs the part of `graph` needed for `outputs` and returns their results in order, showing
 * progress; `each` (see the engine's RunOptions) maps each output as it arrives.
 */
export async function runGraph(
  plan: LogicalNode, graph: TaskGraph, outputs: readonly string[], options: ComputeOptions = {},
  each?: (value: unknown, index: number) => unknown,
): Promise<unknown[]> {
  const client = options.client ?? (await clientFor(plan));
  return withProgress(options, (onProgress) => client.compute([...graph.tasks.values()], outputs, { signal: options.signal, onProgress, each }));
}

/** The partitions of `plan`'s result, in order. */
export async function computeBatches(plan: LogicalNode, options: ComputeOptions = {}): Promise<Batch[]> {
  const graph = physicalGraph(plan);
  return (await runGraph(plan, graph, graph.outputs, options)) as Batch[];
}

/**
 * The plan's result as one Arrow table. Each partition becomes its record batch as soon as it
 * arrives, on this thread while the workers compute the rest, so only the last one's conversion
 * (strings out of dictionaries, above all) is left when the last task ends. The thread goes back to
 * its event loop between dictionary columns: it also hands the workers their next tasks.
 */
export async function computeTable(plan: LogicalNode, options: ComputeOptions = {}): Promise<Table> {
  const graph = physicalGraph(plan);
  const schema = arrowSchemaOf(plan.schema.names, plan.schema.fields.map((f) => f.dtype));
  const toRecordBatch = async (value: unknown): Promise<RecordBatch | null> => {
    const b = value as Batch;
    if (b.length === 0) return null;
    const columns: Column[] = [];
    for (const c of b.columns) {
      if (c.layout !== "dict") { columns.push(c); continue; }
      await new Promise<void>((resolve) => setImmediate(resolve));
      columns.push(dictDecode(c));
    }
    return batchToRecordBatch({ ...b, columns }, schema);
  };
  const rbs = (await runGraph(plan, graph, graph.outputs, options, toRecordBatch)) as (RecordBatch | null)[];
  const nonEmpty = rbs.filter((rb): rb is RecordBatch => rb !== null);
  return nonEmpty.length === 0 ? new Table(schema) : new Table(schema, nonEmpty);
}

/** Batches of a schema as one Arrow table (one record batch per non-empty partition). */
export function toTable(batches: readonly Batch[], schema: Schema): Table {
  return batchesToTable(batches, schema.names, schema.fields.map((f) => f.dtype));
}
