/**
 * Joins one left partition with one right partition (matching hash partitions after a shuffle, or
 * a partition with the broadcast other side) and builds the merge's output columns.
 */
import type { DType } from "@dusk/core";
import { cast, concatColumns, joinIndices, take, type Batch, type Column, type JoinHow } from "@dusk/kernels";
import type { MergeColumn } from "@dusk/plan";
import { columnOf } from "../eval/evaluate.js";

export interface MergeParams {
  readonly how: JoinHow;
  readonly leftOn: readonly string[];
  readonly rightOn: readonly string[];
  readonly keyTypes: readonly DType[];
  readonly columns: readonly MergeColumn[];
}

const keysOf = (b: Batch, names: readonly string[], types: readonly DType[], where: string): Column[] =>
  names.map((n, k) => cast(columnOf(b, n), types[k], `${where} key ${n}`));

export function merge(p: MergeParams, [leftIn, rightIn]: readonly unknown[]): Batch {
  const left = leftIn as Batch, right = rightIn as Batch;
  const lk = keysOf(left, p.leftOn, p.keyTypes, "merge left");
  const rk = keysOf(right, p.rightOn, p.keyTypes, "merge right");
  const { left: li, right: ri } = joinIndices(lk, rk, p.how);
  const n = li.length;
  const columns = p.columns.map((c): Column => {
    switch (c.from) {
      case "left": return take(columnOf(left, c.column), li);
      case "right": return take(columnOf(right, c.column), ri);
      case "key": {
        // the left key where there is a left row, else the right one (right and outer joins)
        const both = concatColumns([lk[c.key], rk[c.key]], p.keyTypes[c.key]);
        const idx = new Int32Array(n);
        const nl = left.length;
        for (let i = 0; i < n; i++) idx[i] = li[i] >= 0 ? li[i] : ri[i] >= 0 ? nl + ri[i] : -1;
        return take(both, idx);
      }
    }
  });
  return { names: p.columns.map((c) => c.name), columns, length: n };
}
