/**
 * Tasks as plain data: a key, the name of the op that runs it, its parameters, and the keys whose
 * results it takes as inputs (in order). The scheduler runs tasks by op name and never learns what
 * a dataframe is; the same shape will travel to workers on other hosts.
 */
export interface Task {
  readonly key: string;
  readonly op: string;
  readonly params: unknown;
  readonly deps: readonly string[];
  /** Lower runs first among ready tasks (from graph/order.ts). */
  readonly priority?: number;
}

export interface TaskGraph {
  readonly tasks: ReadonlyMap<string, Task>;
  /** Keys of the result partitions, in partition order. */
  readonly outputs: readonly string[];
  /** Keys the graph reads but does not compute (partitions held by workers already, e.g. persisted). */
  readonly external?: ReadonlySet<string>;
}

/** The key of partition `i` of a named output: `filter-3f9a2c1b80a1d2e4:0`. */
export const taskKey = (name: string, i: number): string => `${name}:${i}`;

/** The op-name part of a key's name (`filter` of `filter-3f9a...:0`), for progress and messages. */
export const keyPrefix = (key: string): string => key.replace(/-[0-9a-f]{16}.*$/, "");
