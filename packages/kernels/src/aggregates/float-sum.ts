/**
 * Per-group sums of float columns in float64, in row order (plain summation, as numpy/pandas
 * groupby sums without compensation would give for one chunk).
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * floatSums(columnFromValues(dtypes.float64, [1.5, NaN, 2]) as PrimitiveColumn, g, true); // Float64Array [3.5, 0]
 * ```
 */
import type { PrimitiveColumn } from "../column.js";
import type { Grouping } from "../group-ids.js";

/**
 * Sums of the non-null values per group. With `skipNaN` NaN values are skipped too (raw rows: NaN is
 * missing, as in pandas); without it they propagate (state rows: a NaN state is a real result, e.g. of
 * inf + -inf, and must survive combining).
 */
export function floatSums(col: PrimitiveColumn, grouping: Grouping, skipNaN: boolean): Float64Array {
  const { ids, ngroups } = grouping;
  const v = col.values as Float64Array | Float32Array;
  const validity = col.validity;
  const out = new Float64Array(ngroups);
  const n = v.length;
  if (validity === null) {
    for (let i = 0; i < n; i++) {
      const g = ids[i];
      if (g < 0) continue;
      const x = v[i];
      if (x === x || !skipNaN) out[g] += x;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const g = ids[i];
    if (g < 0 || ((validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
    const x = v[i];
    if (x === x || !skipNaN) out[g] += x;
  }
  return out;
}
