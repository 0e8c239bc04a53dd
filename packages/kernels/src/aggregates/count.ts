/**
 * `count` per group: non-null values (NaN counts as null, as in pandas), as int64. Any dtype.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * columnToValues(countKernel.finalize(countKernel.partial(columnFromValues(dtypes.float64, [1, 2, null]), g))); // [1n, 1n]
 * ```
 */
import { dtypes } from "@dusk/core";
import { int64Column, sumCountStates, validCounts } from "./counts.js";
import { checkStates, requireInput, unsupportedType, type AggKernel } from "./spec.js";

/**
 * The `count` kernel; also `aggKernels.count`.
 *
 * @example
 * ```ts
 * countKernel.resultType(dtypes.utf8); // int64
 * ```
 */
export const countKernel: AggKernel = {
  fn: "count",
  resultType(input, where = "count") {
    if (input === null) throw unsupportedType("count", input, where, "an input column");
    return dtypes.int64;
  },
  stateTypes(input, where = "count") { return [this.resultType(input, where)]; },
  partial(input, grouping, where = "count") {
    return [int64Column(validCounts(requireInput("count", input, grouping, where), grouping))];
  },
  combine(states, grouping, where = "count") {
    checkStates("count", states, 1, where);
    return [int64Column(sumCountStates(states[0], grouping))];
  },
  finalize(states, where = "count") {
    checkStates("count", states, 1, where);
    return states[0];
  },
};
