/**
 * groupBy(keys).nlargest() and .nsmallest(): pandas' `groupby(keys)[col].nlargest(n)` /
 * `nsmallest(n)` with keep="first": per group, the n rows with the largest (smallest) values of
 * `column`; among equal values the earlier row wins. Rows whose value is null or NaN are left out
 * (as pandas), and so are rows with a null key unless the groupBy has `dropna: false`.
 *
 * The result has the keys, then the ranked column (pandas' result, with its index levels as
 * columns), or whole rows with `{ columns: "all" }`; it is ordered by key (ascending, null last),
 * then rank. One partition, unless the groupBy has `splitOut` > 1: then the partial results are
 * shuffled by key into that many partitions, each ordered that way (as Dask's split_out).
 * Runs as a per-group top-n (a TopN node with group keys), not a per-group apply: each partition
 * keeps its top n per group, and those are combined.
 */
import { DuskError } from "@dusk/core";
import { named, partitionCount, projectNode, tCol, topNNode, type LogicalNode } from "@dusk/plan";
import type { GroupByOptions } from "./agg.js";
import { sortKeys } from "./sort-values.js";

/**
 * Options of `df.groupBy(keys).nlargest(n, column, options)` and `nsmallest`.
 *
 * @example
 * ```ts
 * df.groupBy("id6").nlargest(2, "v3", { columns: "all" }); // whole rows
 * ```
 */
export interface GroupNlargestOptions {
  /**
   * The columns of the result: "ranked" (default): the group keys, then the ranked column(s);
   * "all": every column of the frame, in the frame's order (whole rows).
   */
  readonly columns?: "ranked" | "all";
}

export function groupNlargest(
  plan: LogicalNode, keys: readonly string[], groupOptions: GroupByOptions, n: number, column: string | readonly string[], options: GroupNlargestOptions = {},
): LogicalNode {
  return groupTop(plan, keys, groupOptions, n, column, false, options);
}

export function groupNsmallest(
  plan: LogicalNode, keys: readonly string[], groupOptions: GroupByOptions, n: number, column: string | readonly string[], options: GroupNlargestOptions = {},
): LogicalNode {
  return groupTop(plan, keys, groupOptions, n, column, true, options);
}

function groupTop(
  plan: LogicalNode, keys: readonly string[], groupOptions: GroupByOptions, n: number, column: string | readonly string[],
  ascending: boolean, options: GroupNlargestOptions,
): LogicalNode {
  const where = `groupBy(${keys.join(", ")}).${ascending ? "nsmallest" : "nlargest"}`;
  const [by, asc] = sortKeys(column, ascending, where);
  const so = groupOptions.splitOut;
  const splitOut = so === true ? partitionCount(plan) : so === false || so === undefined ? 1 : so;
  const top = topNNode(plan, n, by, asc, { keys, dropna: groupOptions.dropna ?? true, splitOut });
  const columns = options.columns ?? "ranked";
  if (columns === "all") return top;
  if (columns !== "ranked") throw new DuskError("INVALID_ARGUMENT", `${where}: columns must be "ranked" or "all", got ${JSON.stringify(columns)}`);
  return projectNode(top, [...keys, ...by].map((c) => named(c, tCol(c, top.schema.require(c, where).dtype))));
}
