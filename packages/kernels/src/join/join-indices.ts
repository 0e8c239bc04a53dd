/**
 * The row pairs of an equi-join: for each output row, the left row and the right row it comes
 * from (-1: no row on that side, for unmatched rows of outer joins). Keys must be in their common
 * dtype on both sides; a null in any key column never matches (as in SQL).
 *
 * Order, as pandas: inner and left follow the left rows, each with its matches in right order;
 * right follows the right rows likewise; outer is the left join followed by the right rows nothing
 * matched; semi and anti list left rows (once) that have / have no match.
 *
 * Both sides' keys are numbered together (one grouping over left and right keys), then the right
 * rows of each key are listed by a counting sort and each left row walks its key's list.
 *
 * @example
 * ```ts
 * const { left, right } = joinIndices([lk], [rk], "inner");
 * const out = { names, columns: [take(lv, left), take(rv, right)], length: left.length };
 * ```
 */
import { concatColumns } from "../concat.js";
import type { Column } from "../column.js";
import { groupIds } from "../group-ids.js";

export type JoinHow = "inner" | "left" | "right" | "outer" | "semi" | "anti";

export interface JoinIndices {
  readonly left: Int32Array;
  readonly right: Int32Array;
}

/** Key ids of left rows and right rows in one numbering (-1 for a null key). */
function keyIds(leftKeys: readonly Column[], rightKeys: readonly Column[]): { l: Int32Array; r: Int32Array; ngroups: number } {
  const both = leftKeys.map((c, k) => concatColumns([c, rightKeys[k]], c.dtype));
  const g = groupIds(both, { dropna: true });
  const nl = leftKeys[0].length;
  return { l: g.ids.subarray(0, nl), r: g.ids.subarray(nl), ngroups: g.ngroups };
}

/** Growable Int32Array pair. */
class Pairs {
  left: Int32Array;
  right: Int32Array;
  n = 0;
  constructor(cap: number) { this.left = new Int32Array(Math.max(16, cap)); this.right = new Int32Array(Math.max(16, cap)); }
  push(l: number, r: number): void {
    if (this.n === this.left.length) {
      const L = new Int32Array(this.n * 2); L.set(this.left); this.left = L;
      const R = new Int32Array(this.n * 2); R.set(this.right); this.right = R;
    }
    this.left[this.n] = l; this.right[this.n] = r; this.n++;
  }
  done(): JoinIndices { return { left: this.left.slice(0, this.n), right: this.right.slice(0, this.n) }; }
}

function probe(l: Int32Array, r: Int32Array, ngroups: number, keepUnmatchedLeft: boolean, matchedRight: Uint8Array | null): Pairs {
  // right rows of each key, in order: start[g]..start[g+1] in `rows`
  const start = new Int32Array(ngroups + 1);
  for (let j = 0; j < r.length; j++) if (r[j] >= 0) start[r[j] + 1]++;
  for (let g = 0; g < ngroups; g++) start[g + 1] += start[g];
  const rows = new Int32Array(start[ngroups]);
  const fill = start.slice(0, ngroups);
  for (let j = 0; j < r.length; j++) if (r[j] >= 0) rows[fill[r[j]]++] = j;
  const out = new Pairs(l.length);
  for (let i = 0; i < l.length; i++) {
    const g = l[i];
    if (g < 0 || start[g] === start[g + 1]) {
      if (keepUnmatchedLeft) out.push(i, -1);
      continue;
    }
    for (let k = start[g]; k < start[g + 1]; k++) {
      out.push(i, rows[k]);
      if (matchedRight !== null) matchedRight[rows[k]] = 1;
    }
  }
  return out;
}

export function joinIndices(leftKeys: readonly Column[], rightKeys: readonly Column[], how: JoinHow): JoinIndices {
  const { l, r, ngroups } = keyIds(leftKeys, rightKeys);
  switch (how) {
    case "inner": return probe(l, r, ngroups, false, null).done();
    case "left": return probe(l, r, ngroups, true, null).done();
    case "right": {
      const p = probe(r, l, ngroups, true, null).done();
      return { left: p.right, right: p.left };
    }
    case "outer": {
      const matched = new Uint8Array(r.length);
      const p = probe(l, r, ngroups, true, matched);
      for (let j = 0; j < r.length; j++) if (matched[j] === 0) p.push(-1, j);
      return p.done();
    }
    case "semi": case "anti": {
      const has = new Uint8Array(ngroups);
      for (let j = 0; j < r.length; j++) if (r[j] >= 0) has[r[j]] = 1;
      const want = how === "semi" ? 1 : 0;
      const out = new Pairs(l.length);
      for (let i = 0; i < l.length; i++) {
        const hit = l[i] >= 0 ? has[l[i]] : 0;
        if (hit === want) out.push(i, -1);
      }
      return out.done();
    }
  }
}
