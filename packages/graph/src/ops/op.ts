/**
 * An op: what a task runs. Ops are pure functions of their params and inputs (results of the
 * task's dependencies, in order); partitions are kernel Batches.
 */
export interface OpContext {
  /** The key of the task being run, for error messages. */
  readonly key: string;
}

export type Op = (params: never, inputs: readonly unknown[], ctx: OpContext) => unknown;
