/**
 * Logical plan nodes: immutable, each with its output schema resolved when built. One file per
 * kind in ./nodes; operations over every kind live in their own files (children, with-children,
 * hash, explain, partitions), each an exhaustive switch.
 */
import type { AggregateNode } from "./nodes/aggregate.js";
import type { AssignNode } from "./nodes/assign.js";
import type { ConcatNode } from "./nodes/concat.js";
import type { DropDuplicatesNode } from "./nodes/drop-duplicates.js";
import type { FilterNode } from "./nodes/filter.js";
import type { LimitNode } from "./nodes/limit.js";
import type { MergeNode } from "./nodes/merge.js";
import type { MergeAsofNode } from "./nodes/merge-asof.js";
import type { ProjectNode } from "./nodes/project.js";
import type { RepartitionNode } from "./nodes/repartition.js";
import type { ScanNode } from "./nodes/scan.js";
import type { SetIndexNode } from "./nodes/set-index.js";
import type { SortNode } from "./nodes/sort.js";
import type { TopNNode } from "./nodes/top-n.js";
import type { WindowNode } from "./nodes/window.js";

export type LogicalNode =
  | ScanNode | ProjectNode | AssignNode | FilterNode | AggregateNode | LimitNode | MergeNode
  | SortNode | TopNNode | ConcatNode | RepartitionNode | DropDuplicatesNode | SetIndexNode | WindowNode
  | MergeAsofNode;
export type LogicalKind = LogicalNode["kind"];

export * from "./nodes/aggregate.js";
export * from "./nodes/assign.js";
export * from "./nodes/concat.js";
export * from "./nodes/drop-duplicates.js";
export * from "./nodes/filter.js";
export * from "./nodes/limit.js";
export * from "./nodes/merge.js";
export * from "./nodes/merge-asof.js";
export * from "./nodes/project.js";
export * from "./nodes/repartition.js";
export * from "./nodes/scan.js";
export * from "./nodes/set-index.js";
export * from "./nodes/sort.js";
export * from "./nodes/top-n.js";
export * from "./nodes/window.js";
