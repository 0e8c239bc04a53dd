/**
 * valueCounts(): pandas' `value_counts` on one or more columns: the distinct values (or value
 * combinations) with how many rows hold each, in a column named `count`, most frequent first (ties in
 * value order). A groupBy size, then a sort on the counts.
 */
import { DuskError } from "@dusk/core";
import { aggNode, aggregateNode, bindExpr, named, type LogicalNode } from "@dusk/plan";
import { sortValues } from "./sort-values.js";

export interface ValueCountsOptions {
  /** Leave out rows with a null in the columns (default true, as pandas). */
  readonly dropna?: boolean;
  /** Sort by the counts (default true); false keeps the values' order. */
  readonly sort?: boolean;
  /** With sort: smallest counts first (default false). */
  readonly ascending?: boolean;
}

export function valueCounts(plan: LogicalNode, columns: string | readonly string[], options: ValueCountsOptions = {}): LogicalNode {
  const keys = typeof columns === "string" ? [columns] : [...columns];
  if (keys.length === 0) throw new DuskError("INVALID_ARGUMENT", "valueCounts needs at least one column");
  if (keys.includes("count")) throw new DuskError("DUPLICATE_COLUMN", 'valueCounts names its result column "count": rename the column "count" first', { column: "count" });
  for (const k of keys) plan.schema.require(k, "valueCounts");
  const size = bindExpr(aggNode("size", null), { schema: plan.schema, where: "valueCounts", aggregate: { keys } });
  const counted = aggregateNode(plan, keys, [named("count", size)], { dropna: options.dropna ?? true, sort: true });
  if (options.sort === false) return counted;
  const ascending = options.ascending ?? false;
  return sortValues(counted, ["count", ...keys], { ascending: [ascending, ...keys.map(() => true)] });
}
