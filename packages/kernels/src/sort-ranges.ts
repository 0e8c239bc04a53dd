/**
 * Range partitioning for a distributed sort: which of the ranges cut by sorted boundary rows each
 * row falls in. Rows compare exactly as {@link sortIndices} orders them (same directions, nulls and
 * NaN placed alike), so equal keys always land in the same range.
 *
 * @example
 * ```ts
 * const keys = columnFromValues(dtypes.int32, [5, 1, 9, 3, null]);
 * const bounds = columnFromValues(dtypes.int32, [3, 6]);   // 3 ranges: (…, 3], (3, 6], (6, …)
 * rangeIds([keys], [bounds]);                               // Int32Array [1, 0, 2, 0, 2]
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Column } from "./column.js";
import { concatColumns } from "./concat.js";
import { sortIndices, type SortOptions } from "./sort.js";

/**
 * For every row of `keys`, the number of `boundaries` rows ordered strictly before it (0 to
 * boundaries' length): row i belongs to range `ids[i]`. A row equal to a boundary goes to the range
 * that boundary closes. `boundaries` must be sorted by the same `options`.
 */
export function rangeIds(keys: readonly Column[], boundaries: readonly Column[], options: SortOptions = {}): Int32Array {
  if (keys.length === 0 || keys.length !== boundaries.length) {
    throw new DuskError("INVALID_ARGUMENT", `rangeIds: ${keys.length} key columns but ${boundaries.length} boundary columns`);
  }
  const n = keys[0].length;
  const ids = new Int32Array(n);
  if (n === 0 || boundaries[0].length === 0) return ids;
  // one stable sort of the rows followed by the boundaries: a row equal to a boundary sorts before it
  const order = sortIndices(keys.map((k, j) => concatColumns([k, boundaries[j]], k.dtype)), options);
  let before = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    if (i >= n) before++;
    else ids[i] = before;
  }
  return ids;
}
