export * from "./task.js";
export * from "./lower/index.js";
export * from "./fuse.js";
export * from "./cull.js";
export * from "./order.js";
export * from "./topo.js";
export * from "./explain.js";
export * from "./eval/evaluate.js";
export * from "./ops/registry.js";
export type { OpContext, Op } from "./ops/op.js";
export type { AggregateSpec, AggPrimitive } from "./ops/aggregate-spec.js";
export { partialLayout } from "./ops/aggregate-combine.js";
import { builtModuleUrl } from "@dusk/core";
/** The URL workers import to get the graph's ops and the batch codec (built JavaScript). */
export const opsModuleUrl = (): string => builtModuleUrl("./worker-module.js", import.meta.url);
export { batchCodec, shareBatch, isBatch } from "./batch-codec.js";
export type { WrittenFile, WriteCsvParams, WriteParquetParams } from "./ops/write-files.js";
