/**
 * toCsv / toJson / toParquet: one file per partition, written by the workers that hold the partitions, each
 * file atomically. The target is a directory (files `part-00000.<ext>`, ...) or a pattern with one
 * `*` (replaced by the zero-padded partition number), so reading the output back with a glob keeps
 * the partitions in order.
 */
import { DuskError } from "@dusk/core";
import { fuse, lower, order, type Task, type WrittenFile } from "@dusk/graph";
import type { StorageOptions, WriteCsvFileOptions, WriteJsonFileOptions, WriteParquetOptions } from "@dusk/io";
import { hashString, optimize, type LogicalNode } from "@dusk/plan";
import { runGraph, type ComputeOptions } from "../execute.js";

interface WriteCommon extends ComputeOptions {
  /** S3 settings for s3:// targets. */
  readonly storageOptions?: StorageOptions;
}

/** Options of `toCsv`: the CSV text's (sep, header, naRep, quoting, ...), compression, and where/how to run. */
export interface ToCsvOptions extends WriteCsvFileOptions, WriteCommon {}

/** Options of `toJson`: line terminator, compression, and where/how to run. */
export interface ToJsonOptions extends WriteJsonFileOptions, WriteCommon {}

/** Options of `toParquet`: codec and row group size, and where/how to run. */
export interface ToParquetOptions extends WriteParquetOptions, WriteCommon {}

/** The file of partition `i`: `dir/part-00012.csv` or the pattern with its `*` replaced. */
export function partitionPath(target: string, i: number, ext: string, method: string): string {
  if (typeof target !== "string" || target === "") {
    throw new DuskError("INVALID_ARGUMENT", `${method}: give a directory or a file pattern with one "*", got ${JSON.stringify(target)}`);
  }
  const stars = target.split("*").length - 1;
  if (stars > 1) {
    throw new DuskError("INVALID_ARGUMENT", `${method}(${JSON.stringify(target)}): a file pattern takes one "*" (replaced by the partition number)`);
  }
  const n = String(i).padStart(5, "0");
  if (stars === 1) return target.replace("*", n);
  return `${target.replace(/\/+$/, "")}/part-${n}${ext}`;
}

async function writeAll(
  plan: LogicalNode, target: string, op: "write-csv" | "write-json" | "write-parquet", ext: string, method: string,
  fileOptions: object, common: WriteCommon,
): Promise<string[]> {
  const lowered = lower(optimize(plan));
  const { storageOptions, signal, onProgress, client } = common;
  const paths = lowered.outputs.map((_, i) => partitionPath(target, i, ext, method));
  if (new Set(paths).size !== paths.length) throw new DuskError("INVALID_ARGUMENT", `${method}: two partitions would write the same file`);
  const token = hashString(JSON.stringify([op, target, fileOptions, storageOptions ?? null]));
  const writes: Task[] = lowered.outputs.map((dep, i) => ({
    key: `${op}-${hashString(`${token}|${dep}`)}:${i}`,
    op,
    params: { path: paths[i], options: fileOptions, storageOptions },
    deps: [dep],
  }));
  // the writes join the graph before fusing: each partition's chain and its write become one task
  const tasks = new Map(lowered.tasks);
  for (const w of writes) tasks.set(w.key, w);
  const graph = order(fuse({ ...lowered, tasks, outputs: writes.map((w) => w.key) }));
  const written = (await runGraph(plan, graph, graph.outputs, { signal, onProgress, client })) as WrittenFile[];
  return written.map((w) => w.path);
}

export function toCsv(plan: LogicalNode, target: string, options: ToCsvOptions = {}): Promise<string[]> {
  const { storageOptions, signal, onProgress, client, ...csv } = options;
  const gz = csv.compression === "gzip";
  return writeAll(plan, target, "write-csv", gz ? ".csv.gz" : ".csv", "toCsv", csv, { storageOptions, signal, onProgress, client });
}

export function toJson(plan: LogicalNode, target: string, options: ToJsonOptions = {}): Promise<string[]> {
  const { storageOptions, signal, onProgress, client, ...json } = options;
  const gz = json.compression === "gzip";
  return writeAll(plan, target, "write-json", gz ? ".json.gz" : ".json", "toJson", json, { storageOptions, signal, onProgress, client });
}

export function toParquet(plan: LogicalNode, target: string, options: ToParquetOptions = {}): Promise<string[]> {
  const { storageOptions, signal, onProgress, client, ...pq } = options;
  return writeAll(plan, target, "write-parquet", ".parquet", "toParquet", pq, { storageOptions, signal, onProgress, client });
}
