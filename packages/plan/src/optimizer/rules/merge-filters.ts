/**
 * Merges a filter directly over another filter into one: `Filter(Filter(x, a), b)` →
 * `Filter(x, a and b)`, so the rows are scanned once.
 */
import { dtypes } from "@dusk/core";
import { tBinary } from "../../expr/typed.js";
import { filterNode, type LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

export const mergeFilters: Rule = {
  name: "merge-filters",
  order: "bottom-up",
  apply(n: LogicalNode) {
    if (n.kind !== "filter" || n.input.kind !== "filter") return undefined;
    const inner = n.input;
    return filterNode(inner.input, tBinary("and", inner.predicate, n.predicate, dtypes.bool));
  },
};
