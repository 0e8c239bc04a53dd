/**
 * What the scheduler runs: tasks as plain data, executed by op name through a registry. The
 * scheduler knows nothing of dataframes; `delayed` and futures build the same tasks.
 */
export interface TaskSpec {
  readonly key: string;
  readonly op: string;
  readonly params: unknown;
  /** Keys whose results are the op's inputs, in order. */
  readonly deps: readonly string[];
  /** Lower runs first among ready tasks. */
  readonly priority?: number;
}

export interface OpCallContext {
  readonly key: string;
}

export type OpFunction = (params: unknown, inputs: readonly unknown[], ctx: OpCallContext) => unknown;

export interface OpRegistry {
  get(name: string): OpFunction | undefined;
}
