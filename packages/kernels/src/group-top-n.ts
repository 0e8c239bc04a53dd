/**
 * Top n rows per group: for every group of equal keys, the `n` rows ranked first by the `by`
 * columns (pandas' `groupby(keys)[col].nlargest(n)` / `nsmallest(n)` with keep="first"). Rows whose
 * ranked value is null or NaN are left out (as pandas' nlargest); rows with a null key too unless
 * `dropna: false`. One stable sort of the rows by `by`, then one pass counting rows per group id.
 *
 * @example
 * ```ts
 * const k = columnFromValues(dtypes.int32, [1, 1, 2, 1, 2]);
 * const v = columnFromValues(dtypes.float64, [5, 9, 3, 7, null]);
 * groupTopN([k], [v], 2, { ascending: [false] });                   // Int32Array [1, 3, 2]   (rank order)
 * groupTopN([k], [v], 1, { ascending: [false], sortByKeys: true }); // Int32Array [1, 2]      (key 1, then key 2)
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Column } from "./column.js";
import { groupIds } from "./group-ids.js";
import { take } from "./take.js";
import { sortIndices } from "./sort.js";

/**
 * Options of {@link groupTopN}.
 *
 * @example
 * ```ts
 * groupTopN([id6], [v3], 2, { ascending: [false], dropna: true, sortByKeys: true });
 * ```
 */
export interface GroupTopNOptions {
  /** One flag per `by` column: false ranks the largest first. */
  readonly ascending: readonly boolean[];
  /** Leave out rows with a null key (default true); false makes null one more key value. */
  readonly dropna?: boolean;
  /** Order the result by key values (ascending, null last), then rank; default false: rank order only. */
  readonly sortByKeys?: boolean;
}

/** Marks in `out` the rows of `c` that are null, or NaN in a float column. */
function markMissing(c: Column, out: Uint8Array): void {
  const n = c.length;
  const v = c.validity;
  if (v !== null) for (let i = 0; i < n; i++) if (((v[i >> 3] >> (i & 7)) & 1) === 0) out[i] = 1;
  if (c.layout === "primitive" && (c.values instanceof Float64Array || c.values instanceof Float32Array)) {
    const a = c.values;
    for (let i = 0; i < n; i++) if (a[i] !== a[i]) out[i] = 1;
  }
}

/**
 * Row indices of the first `n` rows per group of `keys`, ranked by `by` (stable: among equal ranks
 * the earlier row wins). The result is in rank order over all groups, or, with `sortByKeys`, in
 * key order and rank order within each group.
 */
export function groupTopN(keys: readonly Column[], by: readonly Column[], n: number, options: GroupTopNOptions): Int32Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new DuskError("INVALID_ARGUMENT", `groupTopN needs a whole number of rows ≥ 0, got ${n}`);
  if (keys.length === 0 || by.length === 0) throw new DuskError("INVALID_ARGUMENT", "groupTopN needs at least one key column and one column to rank by");
  const len = keys[0].length;
  if (len === 0 || n === 0) return new Int32Array(0);
  const g = groupIds(keys, { dropna: options.dropna ?? true });
  const ids = g.ids;
  const missing = new Uint8Array(len);
  for (const c of by) markMissing(c, missing);
  const order = sortIndices(by, { ascending: options.ascending });
  const counts = new Int32Array(g.ngroups);
  const kept = new Int32Array(Math.min(len, g.ngroups * n));
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = order[j];
    const id = ids[i];
    if (id < 0 || missing[i] !== 0 || counts[id] >= n) continue;
    counts[id]++;
    kept[k++] = i;
  }
  const out = kept.subarray(0, k);
  if (!options.sortByKeys || k < 2) return out;
  const byKeys = sortIndices(keys.map((c) => take(c, out)), { ascending: true, nullsLast: true });
  const sorted = new Int32Array(k);
  for (let j = 0; j < k; j++) sorted[j] = out[byKeys[j]];
  return sorted;
}
