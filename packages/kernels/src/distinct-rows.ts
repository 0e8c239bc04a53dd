/**
 * Distinct rows: one row per distinct combination of the `subset` columns, the first or the last
 * holding it, in row order (pandas' `drop_duplicates(subset, keep=...)`). Null is a value here:
 * nulls equal each other; float keys compare by value (-0 equals 0, every NaN is one value). Group
 * ids come from `groupIds` (hashing the subset), then one pass over the rows.
 *
 * @example
 * ```ts
 * const a = columnFromValues(dtypes.int32, [1, 2, 1, null, null]);
 * distinctRows([a], "first"); // Int32Array [0, 1, 3]
 * distinctRows([a], "last");  // Int32Array [1, 2, 4]
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Column } from "./column.js";
import { groupIds } from "./group-ids.js";

/** Which row of each set of duplicates stays. */
export type DistinctKeep = "first" | "last";

/** Row indices of the kept row of every distinct `subset` combination, ascending. */
export function distinctRows(subset: readonly Column[], keep: DistinctKeep): Int32Array {
  if (subset.length === 0) throw new DuskError("INVALID_ARGUMENT", "distinctRows needs at least one column");
  const g = groupIds(subset, { dropna: false });
  if (keep === "first") return g.firstRow; // ids are dense in first-seen order, so firstRow ascends
  const ids = g.ids;
  const last = new Int32Array(g.ngroups);
  for (let i = 0; i < ids.length; i++) last[ids[i]] = i;
  const out = new Int32Array(g.ngroups);
  let k = 0;
  for (let i = 0; i < ids.length; i++) if (last[ids[i]] === i) out[k++] = i;
  return out;
}
