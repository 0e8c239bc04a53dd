import { DuskError, formatDType } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkSortKeys } from "./sort.js";

/**
 * Per-group top n (`df.groupBy(keys).nlargest(n, col)`): the ranking runs within each group of equal
 * `keys` instead of over the whole frame.
 */
export interface TopNGroup {
  readonly keys: readonly string[];
  /** Leave out rows whose key is null (pandas' default); false makes null one more key value. */
  readonly dropna: boolean;
  /**
   * Output partitions (as the aggregate's splitOut). 1: partial results are combined by a tree into
   * one partition. More: they are hash-shuffled by key, so no single task holds every group.
   */
  readonly splitOut: number;
}

/**
 * The first `n` rows of the input ordered by `by` (`ascending[i]` per key, nulls and NaN last),
 * ties kept in input order: pandas' `nlargest(n, columns)` (all descending) and
 * `nsmallest(n, columns)` (all ascending) with `keep="first"`. One output partition.
 *
 * With `group`, the first `n` rows of every group of equal keys instead (pandas'
 * `groupby(keys)[col].nlargest(n)`): rows whose ranked value is null or NaN are left out (as pandas'
 * `Series.nlargest`), and so are rows with a null key unless `group.dropna` is false; the output is
 * ordered by key (ascending, null last), then rank, within each of `group.splitOut` partitions.
 */
export interface TopNNode {
  readonly kind: "top-n";
  readonly input: LogicalNode;
  readonly n: number;
  readonly by: readonly string[];
  readonly ascending: readonly boolean[];
  readonly group: TopNGroup | null;
  readonly schema: Schema;
}

export function topNNode(
  input: LogicalNode, n: number, by: readonly string[], ascending: readonly boolean[], group: TopNGroup | null = null,
): TopNNode {
  const fn = ascending.every((a) => a) ? "nsmallest" : ascending.every((a) => !a) ? "nlargest" : "top-n";
  const where = group === null ? fn : `groupBy(${group.keys.join(", ")}).${fn}`;
  if (!Number.isSafeInteger(n) || n < 0) throw new DuskError("INVALID_ARGUMENT", `${where} needs a whole number of rows ≥ 0, got ${n}`);
  checkSortKeys(input, by, ascending, where);
  for (const name of by) {
    const t = input.schema.require(name, where).dtype;
    if (t.kind === "utf8" || t.kind === "bool") {
      throw new DuskError("TYPE_MISMATCH",
        `${where} cannot order by column "${name}" (${formatDType(t)}), as in pandas; use sortValues("${name}").limit(${n}) instead`,
        { column: name });
    }
  }
  if (group !== null) checkGroup(input, by, group, where);
  return Object.freeze({
    kind: "top-n", input, n, by: Object.freeze([...by]), ascending: Object.freeze([...ascending]),
    group: group === null ? null : Object.freeze({ keys: Object.freeze([...group.keys]), dropna: group.dropna, splitOut: group.splitOut }),
    schema: input.schema,
  });
}

function checkGroup(input: LogicalNode, by: readonly string[], g: TopNGroup, where: string): void {
  if (g.keys.length === 0) throw new DuskError("INVALID_ARGUMENT", `${where} needs at least one group key`);
  for (const k of g.keys) input.schema.require(k, where);
  if (new Set(g.keys).size !== g.keys.length) throw new DuskError("DUPLICATE_COLUMN", `${where}: the group keys repeat a column`);
  const both = by.find((b) => g.keys.includes(b));
  if (both !== undefined) {
    throw new DuskError("INVALID_ARGUMENT", `${where}: "${both}" is a group key; rank by a column that is not one`, { column: both });
  }
  if (!Number.isInteger(g.splitOut) || g.splitOut < 1) {
    throw new DuskError("INVALID_ARGUMENT", `${where} splitOut must be a whole number ≥ 1, got ${String(g.splitOut)}`);
  }
}
