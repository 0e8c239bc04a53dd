/** What a lowerer gets: the task keys of its inputs' partitions, and a way to add tasks. */
import type { LogicalNode } from "@dusk/plan";
import type { Task } from "../task.js";

export interface LowerContext {
  /** Task keys of `node`'s output partitions, in order (lowered once, however often asked). */
  input(node: LogicalNode): readonly string[];
  add(task: Task): void;
  /** Declares a key the graph reads but does not compute. */
  external(key: string): void;
}

/** Lowers one node: adds its tasks and returns the keys of its output partitions. */
export type Lowerer<N extends LogicalNode> = (node: N, ctx: LowerContext) => string[];
