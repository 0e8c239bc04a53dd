/**
 * dropDuplicates(): pandas' `drop_duplicates(subset, keep)`: whole rows, one per distinct
 * combination of the `subset` columns (default: every column), the first (or last) row holding it.
 * Null is a value here: nulls equal each other (as pandas); float values compare by value (-0
 * equals 0, NaN equals NaN, but NaN is not null).
 *
 * Order: with `splitOut` 1 (default) the result is one partition in the frame's row order (pandas'
 * order, across partitions too): each partition drops its own duplicates, then a tree of combines
 * over consecutive partitions drops the rest. With `splitOut` > 1 (for many distinct rows, so no
 * task holds them all) rows are hash-shuffled by the subset into that many partitions; each is in
 * row order, but the partitions together are not (as Dask's split_out).
 */
import { DuskError } from "@dusk/core";
import { dropDuplicatesNode, partitionCount, type LogicalNode } from "@dusk/plan";

/**
 * Options of `df.dropDuplicates(subset, options)`.
 *
 * @example
 * ```ts
 * df.dropDuplicates(["id1", "id2"], { keep: "last", splitOut: 8 });
 * ```
 */
export interface DropDuplicatesOptions {
  /** Which row of each set of duplicates stays: "first" (default) or "last". */
  readonly keep?: "first" | "last";
  /**
   * Output partitions, as groupBy's (default 1). A number > 1 shuffles the partial results by the
   * subset so that no one task holds every distinct row; `true` takes the input's partition count.
   */
  readonly splitOut?: number | boolean;
}

export function dropDuplicates(plan: LogicalNode, subset?: string | readonly string[], options: DropDuplicatesOptions = {}): LogicalNode {
  const cols = subset === undefined ? plan.schema.names : typeof subset === "string" ? [subset] : [...subset];
  if (cols.length === 0) throw new DuskError("INVALID_ARGUMENT", "dropDuplicates: subset is empty; leave it out to compare every column");
  const so = options.splitOut;
  const splitOut = so === true ? partitionCount(plan) : so === false || so === undefined ? 1 : so;
  return dropDuplicatesNode(plan, cols, options.keep ?? "first", splitOut);
}
