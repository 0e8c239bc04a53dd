/**
 * Logical plan nodes: immutable, each with its output schema resolved when built. One file per
 * kind in ./nodes; operations over every kind live in their own files (children, with-children,
 * hash, explain, partitions), each an exhaustive switch.
 */
import type { AggregateNode } from "./nodes/aggregate.js";
import type { AssignNode } from "./nodes/assign.js";
import type { FilterNode } from "./nodes/filter.js";
import type { LimitNode } from "./nodes/limit.js";
import type { MergeNode } from "./nodes/merge.js";
import type { ProjectNode } from "./nodes/project.js";
import type { ScanNode } from "./nodes/scan.js";

export type LogicalNode = ScanNode | ProjectNode | AssignNode | FilterNode | AggregateNode | LimitNode | MergeNode;
export type LogicalKind = LogicalNode["kind"];

export * from "./nodes/aggregate.js";
export * from "./nodes/assign.js";
export * from "./nodes/filter.js";
export * from "./nodes/limit.js";
export * from "./nodes/merge.js";
export * from "./nodes/project.js";
export * from "./nodes/scan.js";
