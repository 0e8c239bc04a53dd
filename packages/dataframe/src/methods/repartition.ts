/**
 * repartition(): Dask's `DataFrame.repartition(npartitions=...)`. Rows keep their order; fewer
 * partitions concatenate neighbours, more cut each partition into row ranges of near-equal length.
 */
import { DuskError } from "@dusk/core";
import { repartitionNode, type LogicalNode } from "@dusk/plan";

export interface RepartitionOptions {
  /** The number of output partitions (a whole number ≥ 1). */
  readonly npartitions: number;
}

export function repartition(plan: LogicalNode, options: RepartitionOptions): LogicalNode {
  if (options === null || typeof options !== "object" || options.npartitions === undefined) {
    throw new DuskError("INVALID_ARGUMENT", "repartition takes { npartitions }, e.g. df.repartition({ npartitions: 8 })");
  }
  return repartitionNode(plan, options.npartitions);
}
