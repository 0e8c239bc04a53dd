/**
 * nlargest() and nsmallest(): pandas' `DataFrame.nlargest(n, columns)` / `nsmallest` with
 * `keep="first"`: the n rows with the largest (smallest) values of `columns`, compared in order,
 * ordered that way; among equal values the earlier row wins; null and NaN only if too few others.
 * Each partition keeps its own top n, then one task keeps the top n of those.
 */
import { topNNode, type LogicalNode } from "@dusk/plan";
import { sortKeys } from "./sort-values.js";

export function nlargest(plan: LogicalNode, n: number, columns: string | readonly string[]): LogicalNode {
  const [keys, asc] = sortKeys(columns, false, "nlargest");
  return topNNode(plan, n, keys, asc);
}

export function nsmallest(plan: LogicalNode, n: number, columns: string | readonly string[]): LogicalNode {
  const [keys, asc] = sortKeys(columns, true, "nsmallest");
  return topNNode(plan, n, keys, asc);
}
