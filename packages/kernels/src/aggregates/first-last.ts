/**
 * `first` and `last` per group: the first / last non-null value in row order, for every dtype
 * (numbers, bool, utf8 plain or dictionary-encoded, date32, timestamp), giving the input dtype. As
 * pandas' groupby first/last, nulls (and NaN) are skipped; a group without values gives null.
 *
 * The state is the value itself, so combining is the same kernel run over the states. That is right
 * only because partial results reach combine concatenated in partition order (the tree reduction in
 * graph/lower/aggregate.ts keeps its inputs in order): the first non-null state of a group then comes
 * from the earliest partition that has a value for it, and the last from the latest.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a", "a"])]);
 * const v = columnFromValues(dtypes.utf8, [null, "x", "y", "z"]);
 * columnToValues(firstKernel.finalize(firstKernel.partial(v, g))); // ["y", "x"]
 * columnToValues(lastKernel.finalize(lastKernel.partial(v, g)));   // ["z", "x"]
 * ```
 */
import type { Column } from "../column.js";
import type { Grouping } from "../group-ids.js";
import { take } from "../take.js";
import { pickKernel, type AggKernel } from "./spec.js";

type Which = "first" | "last";

/** Per group, the row of its first (or last) non-null, non-NaN value; -1 when it has none. */
function pickRows(col: Column, grouping: Grouping, which: Which): Int32Array {
  const { ids, ngroups } = grouping;
  const validity = col.validity;
  const rows = new Int32Array(ngroups).fill(-1);
  const n = col.length;
  const floats = col.layout === "primitive" && (col.values instanceof Float64Array || col.values instanceof Float32Array)
    ? col.values as Float64Array | Float32Array : null;
  // first: scan forward and keep the first row seen; last: scan backward and keep the first row seen
  const start = which === "first" ? 0 : n - 1;
  const step = which === "first" ? 1 : -1;
  if (floats === null) {
    for (let k = 0, i = start; k < n; k++, i += step) {
      const g = ids[i];
      if (g < 0 || rows[g] >= 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      rows[g] = i;
    }
  } else {
    for (let k = 0, i = start; k < n; k++, i += step) {
      const g = ids[i];
      if (g < 0 || rows[g] >= 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const x = floats[i];
      if (x === x) rows[g] = i;
    }
  }
  return rows;
}

/**
 * The `first` kernel; also `aggKernels.first`.
 *
 * @example
 * ```ts
 * firstKernel.resultType(dtypes.timestamp("us")); // timestamp[us]
 * ```
 */
export const firstKernel: AggKernel = pickKernel("first", (col, g) => take(col, pickRows(col, g, "first")));

/**
 * The `last` kernel; also `aggKernels.last`.
 *
 * @example
 * ```ts
 * lastKernel.stateTypes(dtypes.utf8); // [utf8]: the latest value seen
 * ```
 */
export const lastKernel: AggKernel = pickKernel("last", (col, g) => take(col, pickRows(col, g, "last")));
