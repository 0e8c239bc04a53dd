/**
 * `size` per group: rows including nulls, as int64. Takes no input column (a column given is only
 * checked for length).
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * columnToValues(sizeKernel.finalize(sizeKernel.partial(null, g))); // [2n, 1n]
 * ```
 */
import { dtypes } from "@dusk/core";
import { int64Words } from "../column.js";
import { int64Column, sumCountStates } from "./counts.js";
import { checkRows, checkStates, type AggKernel } from "./spec.js";

/**
 * The `size` kernel; also `aggKernels.size`.
 *
 * @example
 * ```ts
 * sizeKernel.partial(null, groupIds([], { length: 3 })); // [int64 column [3n]]
 * ```
 */
export const sizeKernel: AggKernel = {
  fn: "size",
  resultType: () => dtypes.int64,
  stateTypes: () => [dtypes.int64],
  partial(input, grouping, where = "size") {
    if (input !== null) checkRows("size", input.length, grouping, where);
    // counted straight into the int64 words: a batch has fewer than 2^31 rows, so no carry
    const { ids, ngroups } = grouping;
    const values = new BigInt64Array(ngroups);
    const w = int64Words(values);
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i];
      if (g >= 0) w[2 * g]++;
    }
    return [{ layout: "primitive", dtype: dtypes.int64, length: ngroups, values, validity: null }];
  },
  combine(states, grouping, where = "size") {
    checkStates("size", states, 1, where);
    return [int64Column(sumCountStates(states[0], grouping))];
  },
  finalize(states, where = "size") {
    checkStates("size", states, 1, where);
    return states[0];
  },
};
