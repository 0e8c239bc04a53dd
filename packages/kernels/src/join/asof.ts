/**
 * The row pairs of an as-of join (pandas' `merge_asof`): for each left row, the right row whose
 * `on` key is nearest in the chosen direction, among the right rows with equal `by` keys:
 * - backward: the last right row with key ≤ the left key (the last of equal keys);
 * - forward: the first right row with key ≥ the left key (the first of equal keys);
 * - nearest: whichever of the two is closer, the backward one on a tie (as pandas).
 * `allowExactMatches: false` makes ≤ and ≥ strict; `tolerance` (in the key's units, a bigint for
 * 64-bit keys) drops matches farther away. A null (or NaN) left key, or a null `by` key, matches
 * nothing (-1); right rows with a null key are skipped.
 *
 * The right `on` keys must be ascending (nulls anywhere): {@link firstUnsorted} tells. Right rows
 * are listed per `by` group by a counting sort that keeps their order, then each left row binary
 * searches its group's list.
 *
 * @example
 * ```ts
 * const idx = asofIndices(leftTs, rightTs, [leftSym], [rightSym], { direction: "backward", tolerance: null, allowExactMatches: true });
 * const price = take(rightPrice, idx); // null where idx is -1
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Column, NumericArray, PrimitiveColumn } from "../column.js";
import { concatColumns } from "../concat.js";
import { groupIds } from "../group-ids.js";

export type AsofDirection = "backward" | "forward" | "nearest";

export interface AsofOptions {
  readonly direction: AsofDirection;
  /** Largest distance allowed, in the key's units (bigint for int64, uint64 and timestamp keys); null: any. */
  readonly tolerance: number | bigint | null;
  readonly allowExactMatches: boolean;
}

function primitive(c: Column, where: string): PrimitiveColumn {
  if (c.layout !== "primitive") throw new DuskError("INTERNAL", `${where}: an as-of key must be numeric or temporal, got ${c.dtype.kind}`);
  return c;
}

/**
 * 1 per row whose key is usable: valid and not NaN. Keys are read as `number` below: bigint
 * arrays compare and subtract with the same operators, and the tolerance has the same type.
 */
function usable(c: PrimitiveColumn): Uint8Array {
  const ok = new Uint8Array(c.length);
  const v = c.values as ArrayLike<number>, bits = c.validity;
  for (let i = 0; i < c.length; i++) {
    const x = v[i];
    ok[i] = (bits === null || ((bits[i >> 3] >> (i & 7)) & 1) === 1) && x === x ? 1 : 0;
  }
  return ok;
}

/** The first row whose (usable) key is smaller than an earlier usable key, or -1 when they ascend. */
export function firstUnsorted(on: Column): number {
  const c = primitive(on, "firstUnsorted");
  const ok = usable(c);
  const v = c.values as ArrayLike<number>;
  let prev = -1;
  for (let i = 0; i < c.length; i++) {
    if (ok[i] === 0) continue;
    if (prev >= 0 && v[i] < v[prev]) return i;
    prev = i;
  }
  return -1;
}

export function asofIndices(
  leftOn: Column, rightOn: Column, leftBy: readonly Column[], rightBy: readonly Column[], o: AsofOptions,
): Int32Array {
  const lc = primitive(leftOn, "asofIndices left"), rc = primitive(rightOn, "asofIndices right");
  const nl = lc.length, nr = rc.length;
  // group ids of left and right rows in one numbering (-1: a null by key)
  let lg: Int32Array | null = null, rg: Int32Array | null = null, ngroups = 1;
  if (leftBy.length > 0) {
    const both = leftBy.map((c, k) => concatColumns([c, rightBy[k]], c.dtype));
    const g = groupIds(both, { dropna: true });
    lg = g.ids.subarray(0, nl); rg = g.ids.subarray(nl); ngroups = g.ngroups;
  }
  const rok = usable(rc), lok = usable(lc);
  // right rows of each group, in row (so key) order: rows[start[g]..start[g+1])
  const start = new Int32Array(ngroups + 1);
  for (let j = 0; j < nr; j++) if (rok[j] === 1 && (rg === null || rg[j] >= 0)) start[(rg === null ? 0 : rg[j]) + 1]++;
  for (let g = 0; g < ngroups; g++) start[g + 1] += start[g];
  const rows = new Int32Array(start[ngroups]);
  const fill = start.slice(0, ngroups);
  for (let j = 0; j < nr; j++) if (rok[j] === 1 && (rg === null || rg[j] >= 0)) rows[fill[rg === null ? 0 : rg[j]]++] = j;
  const keys = sortedKeys(rc.values, rows);
  const lv = lc.values as ArrayLike<number>;
  const tol = o.tolerance as number | null;
  const strict = !o.allowExactMatches;
  const back = o.direction !== "forward", fwd = o.direction !== "backward";
  const out = new Int32Array(nl).fill(-1);
  for (let i = 0; i < nl; i++) {
    if (lok[i] === 0) continue;
    const g = lg === null ? 0 : lg[i];
    if (g < 0) continue;
    const lo = start[g], hi = start[g + 1];
    if (lo === hi) continue;
    const x = lv[i];
    let b = -1, f = -1;
    if (back) {
      // the first position whose key is > x (≥ x when strict): the one before it is the match
      let a = lo, z = hi;
      while (a < z) { const m = (a + z) >>> 1; if (strict ? keys[m] < x : keys[m] <= x) a = m + 1; else z = m; }
      if (a > lo && (tol === null || x - keys[a - 1] <= tol)) b = a - 1;
    }
    if (fwd) {
      // the first position whose key is ≥ x (> x when strict)
      let a = lo, z = hi;
      while (a < z) { const m = (a + z) >>> 1; if (strict ? keys[m] <= x : keys[m] < x) a = m + 1; else z = m; }
      if (a < hi && (tol === null || keys[a] - x <= tol)) f = a;
    }
    const pick = b >= 0 && f >= 0 ? (x - keys[b] <= keys[f] - x ? b : f) : b >= 0 ? b : f;
    if (pick >= 0) out[i] = rows[pick];
  }
  return out;
}

/** The keys of `rows`, in that order, in an array of the keys' own type (read as numbers, see {@link usable}). */
function sortedKeys(values: NumericArray, rows: Int32Array): ArrayLike<number> {
  const Ctor = values.constructor as new (n: number) => NumericArray;
  const out = new Ctor(rows.length) as unknown as { [i: number]: number; length: number };
  const v = values as ArrayLike<number>;
  for (let k = 0; k < rows.length; k++) out[k] = v[rows[k]];
  return out;
}

/**
 * The rows an as-of search can still need from a run of right partitions it does not read whole:
 * per `by` group (rows with a null by key dropped), the last ("last") or first ("first") row with a
 * usable `on` key, as ascending row numbers (so a sorted input stays sorted). Without `by`, one row.
 *
 * @example
 * ```ts
 * asofEdgeRows(ts, [sym], "last"); // Int32Array [7, 9]: the last row of each symbol
 * ```
 */
export function asofEdgeRows(on: Column, by: readonly Column[], which: "first" | "last"): Int32Array {
  const c = primitive(on, "asofEdgeRows");
  const ok = usable(c);
  const n = c.length;
  const g = by.length === 0 ? null : groupIds(by, { dropna: true });
  const ngroups = g === null ? 1 : g.ngroups;
  const chosen = new Int32Array(ngroups).fill(-1);
  for (let i = 0; i < n; i++) {
    if (ok[i] === 0) continue;
    const k = g === null ? 0 : g.ids[i];
    if (k < 0) continue;
    if (which === "last" || chosen[k] < 0) chosen[k] = i;
  }
  return chosen.filter((i) => i >= 0).sort();
}
