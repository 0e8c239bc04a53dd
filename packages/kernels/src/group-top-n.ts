/**
 * Top n rows per group: for every group of equal keys, the `n` rows ranked first by the `by`
 * columns (pandas' `groupby(keys)[col].nlargest(n)` / `nsmallest(n)` with keep="first"). Rows whose
 * ranked value is null or NaN are left out (as pandas' nlargest); rows with a null key too unless
 * `dropna: false`. For small n (≤ 16, groups of 4n rows or more on average) each group keeps its
 * best n rows in one pass and only those are sorted; otherwise one stable sort of every row by
 * `by`, then one pass counting rows per group id. Both give the same rows in the same order.
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
import { orderByWords, sortIndices, sortKeyWords } from "./sort.js";

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
  const words = sortKeyWords(by, { ascending: options.ascending });
  const out = n <= SELECT_MAX_N && g.ngroups * n * 4 <= len
    ? selectTopN(words, ids, g.ngroups, missing, n, len)
    : firstNOfSorted(orderByWords(words, len), ids, g.ngroups, missing, n, len);
  if (!options.sortByKeys || out.length < 2) return out;
  const byKeys = sortIndices(keys.map((c) => take(c, out)), { ascending: true, nullsLast: true });
  const k = out.length;
  const sorted = new Int32Array(k);
  for (let j = 0; j < k; j++) sorted[j] = out[byKeys[j]];
  return sorted;
}

/** The largest n for which {@link selectTopN} keeps per-group candidates instead of sorting all rows. */
const SELECT_MAX_N = 16;

/** Kept rows of a full stable sort (`order`): the first n non-missing rows of each group, in rank order. */
function firstNOfSorted(order: Int32Array, ids: Int32Array, ngroups: number, missing: Uint8Array, n: number, len: number): Int32Array {
  const counts = new Int32Array(ngroups);
  const kept = new Int32Array(Math.min(len, ngroups * n));
  let k = 0;
  for (let j = 0; j < len; j++) {
    const i = order[j];
    const id = ids[i];
    if (id < 0 || missing[i] !== 0 || counts[id] >= n) continue;
    counts[id]++;
    kept[k++] = i;
  }
  return kept.subarray(0, k);
}

/**
 * The same rows as {@link firstNOfSorted} without sorting every row: each group keeps its best n
 * rows so far, ranked (a row replaces the group's last only when its words rank strictly before:
 * on a tie the earlier row stays, as in a stable sort); the kept rows are then ordered by rank
 * (in row order first, so ties still resolve as the stable sort does). One pass over the rows
 * plus a sort of at most ngroups × n rows.
 */
function selectTopN(words: readonly Uint32Array[], ids: Int32Array, ngroups: number, missing: Uint8Array, n: number, len: number): Int32Array {
  const nw = words.length;
  const slots = new Int32Array(ngroups * n);
  const counts = new Int32Array(ngroups);
  /** Whether row a ranks strictly before row b (by words only). */
  const before = (a: number, b: number): boolean => {
    for (let w = 0; w < nw; w++) {
      const x = words[w][a], y = words[w][b];
      if (x !== y) return x < y;
    }
    return false;
  };
  for (let i = 0; i < len; i++) {
    const g = ids[i];
    if (g < 0 || missing[i] !== 0) continue;
    const base = g * n;
    let c = counts[g];
    if (c === n) {
      if (!before(i, slots[base + n - 1])) continue;
      c = n - 1; // the last one drops out
    } else counts[g] = c + 1;
    // insert after every kept row that ranks before or equal to it (those are earlier rows)
    let at = base + c;
    while (at > base && before(i, slots[at - 1])) { slots[at] = slots[at - 1]; at--; }
    slots[at] = i;
  }
  // the kept rows in row order, then stably ordered by their words
  const mark = new Uint8Array(len);
  let k = 0;
  for (let g = 0; g < ngroups; g++) for (let j = 0; j < counts[g]; j++) { mark[slots[g * n + j]] = 1; k++; }
  const rows = new Int32Array(k);
  for (let i = 0, r = 0; i < len && r < k; i++) if (mark[i] === 1) rows[r++] = i;
  const sub = words.map((w) => { const o = new Uint32Array(k); for (let j = 0; j < k; j++) o[j] = w[rows[j]]; return o; });
  const order = orderByWords(sub, k);
  const out = new Int32Array(k);
  for (let j = 0; j < k; j++) out[j] = rows[order[j]];
  return out;
}
