import { DuskError, formatDType, type DType } from "@dusk/core";
import { commonType } from "../../expr/bind/promote.js";
import { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/** How rows of the two sides are matched, as pandas' `merge(how=...)`; semi and anti keep left columns only. */
export type MergeHow = "inner" | "left" | "right" | "outer" | "semi" | "anti";

export const MERGE_HOWS: readonly MergeHow[] = ["inner", "left", "right", "outer", "semi", "anti"];

/**
 * Where an output column comes from: a left or right column (null where that side has no row), or
 * a key both sides share by name, taken from whichever side has the row (pandas' `on` keys).
 */
export type MergeColumn =
  | { readonly name: string; readonly from: "left"; readonly column: string }
  | { readonly name: string; readonly from: "right"; readonly column: string }
  | { readonly name: string; readonly from: "key"; readonly key: number };

/**
 * Joins two inputs on equal keys (`leftOn[i]` = `rightOn[i]`; null keys never match). Output:
 * the left columns, then the right ones; a key named the same on both sides appears once; other
 * names present on both sides get `suffixes` (default `_x`, `_y`).
 */
export interface MergeNode {
  readonly kind: "merge";
  readonly left: LogicalNode;
  readonly right: LogicalNode;
  readonly how: MergeHow;
  readonly leftOn: readonly string[];
  readonly rightOn: readonly string[];
  readonly suffixes: readonly [string, string];
  /** The dtype both sides' keys are compared in (their common type). */
  readonly keyTypes: readonly DType[];
  readonly columns: readonly MergeColumn[];
  readonly schema: Schema;
}

export function mergeNode(
  left: LogicalNode, right: LogicalNode, how: MergeHow, leftOn: readonly string[], rightOn: readonly string[],
  suffixes: readonly [string, string] = ["_x", "_y"],
): MergeNode {
  if (!MERGE_HOWS.includes(how)) {
    throw new DuskError("INVALID_ARGUMENT", `merge how must be one of ${MERGE_HOWS.join(", ")}, got ${JSON.stringify(how)}`);
  }
  if (leftOn.length === 0 || leftOn.length !== rightOn.length) {
    throw new DuskError("INVALID_ARGUMENT",
      `merge needs as many left keys as right keys, at least one: got leftOn [${leftOn.join(", ")}] and rightOn [${rightOn.join(", ")}]`);
  }
  if (suffixes[0] === suffixes[1]) {
    throw new DuskError("INVALID_ARGUMENT", `merge suffixes must differ, got ${JSON.stringify(suffixes)}`);
  }
  const keyTypes = leftOn.map((l, i) => {
    const lt = left.schema.require(l, "merge leftOn").dtype;
    const rt = right.schema.require(rightOn[i], "merge rightOn").dtype;
    const t = commonType(lt, rt);
    if (t === null) {
      throw new DuskError("TYPE_MISMATCH",
        `merge cannot match left key "${l}" (${formatDType(lt)}) with right key "${rightOn[i]}" (${formatDType(rt)}); cast one of them first`,
        { left: l, right: rightOn[i] });
    }
    return t;
  });
  const shared = new Set(leftOn.filter((l, i) => l === rightOn[i]));
  const columns: MergeColumn[] = [];
  const fields: { name: string; dtype: DType }[] = [];
  const rightNames = new Set(right.schema.names.filter((n) => !shared.has(n)));
  const leftNames = new Set(left.schema.names);
  for (const f of left.schema.fields) {
    const k = leftOn.indexOf(f.name);
    if (shared.has(f.name) && how !== "semi" && how !== "anti") {
      columns.push({ name: f.name, from: "key", key: k });
      fields.push({ name: f.name, dtype: keyTypes[k] });
      continue;
    }
    const name = how !== "semi" && how !== "anti" && rightNames.has(f.name) ? f.name + suffixes[0] : f.name;
    columns.push({ name, from: "left", column: f.name });
    fields.push({ name, dtype: f.dtype });
  }
  if (how !== "semi" && how !== "anti") {
    for (const f of right.schema.fields) {
      if (shared.has(f.name)) continue;
      const name = leftNames.has(f.name) ? f.name + suffixes[1] : f.name;
      columns.push({ name, from: "right", column: f.name });
      fields.push({ name, dtype: f.dtype });
    }
  }
  requireDistinctOutputs(columns, "merge");
  return Object.freeze({
    kind: "merge", left, right, how, leftOn: Object.freeze([...leftOn]), rightOn: Object.freeze([...rightOn]),
    suffixes: Object.freeze([suffixes[0], suffixes[1]]) as readonly [string, string], keyTypes: Object.freeze(keyTypes),
    columns: Object.freeze(columns.map((c) => Object.freeze(c))), schema: new Schema(fields),
  });
}

/** Throws DUPLICATE_COLUMN when two output columns of a join (`what`: merge, mergeAsof) share a name. */
export function requireDistinctOutputs(columns: readonly { readonly name: string }[], what: string): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) {
      throw new DuskError("DUPLICATE_COLUMN", `${what} would output two columns named "${c.name}"; pass other suffixes or rename a column first`, { column: c.name });
    }
    seen.add(c.name);
  }
}
