import { Duration, DuskError, formatDType, isFloat, isInteger, NANOS_PER_UNIT, type DType } from "@dusk/core";
import { commonType } from "../../expr/bind/promote.js";
import { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { requireDistinctOutputs } from "./merge.js";

/** Which right row a left row takes: the last with key ≤ its key, the first with key ≥, or the nearer of both. */
export type AsofDirection = "backward" | "forward" | "nearest";

export const ASOF_DIRECTIONS: readonly AsofDirection[] = ["backward", "forward", "nearest"];

/** The largest distance allowed as the user gave it: a number (numeric keys), a bigint (int64 keys) or a Duration (dates, timestamps). */
export type AsofTolerance = number | bigint | Duration;

/** Where an output column comes from: a left column (every left row once) or a right one (null without a match). */
export type MergeAsofColumn =
  | { readonly name: string; readonly from: "left"; readonly column: string }
  | { readonly name: string; readonly from: "right"; readonly column: string };

export interface MergeAsofOptions {
  readonly leftOn: string;
  readonly rightOn: string;
  readonly leftBy: readonly string[];
  readonly rightBy: readonly string[];
  readonly direction: AsofDirection;
  readonly tolerance: AsofTolerance | null;
  readonly allowExactMatches: boolean;
  readonly suffixes: readonly [string, string];
}

/**
 * An as-of join, pandas' `merge_asof`: every left row, in order, with the right row whose `on` key
 * is nearest in `direction` among those with equal `by` keys (null right columns when none is
 * within `tolerance`). Both inputs must be sorted by their `on` key (checked when it runs). Output:
 * the left columns, then the right ones except `on`/`by` keys named like the left's; other names
 * on both sides get `suffixes`. Keeps the left input's partitions and row order.
 */
export interface MergeAsofNode extends MergeAsofOptions {
  readonly kind: "merge-asof";
  readonly left: LogicalNode;
  readonly right: LogicalNode;
  /** The dtype both `on` keys are compared in (numeric or temporal). */
  readonly onType: DType;
  readonly byTypes: readonly DType[];
  /** `tolerance` in `onType`'s units (floored): a bigint for int64, uint64 and timestamp keys; null for none. */
  readonly toleranceValue: number | bigint | null;
  readonly columns: readonly MergeAsofColumn[];
  readonly schema: Schema;
}

const wide = (t: DType): boolean => t.kind === "int64" || t.kind === "uint64" || t.kind === "timestamp";

/** The tolerance in the units of `t`, checked against the key's kind. */
function toleranceIn(t: DType, tol: AsofTolerance | null): number | bigint | null {
  if (tol === null) return null;
  const bad = (want: string) => new DuskError("INVALID_ARGUMENT",
    `mergeAsof tolerance for a ${formatDType(t)} key must be ${want}, got ${tol instanceof Duration ? `duration ${tol.toString()}` : typeof tol === "bigint" ? `${tol}n` : String(tol)}`);
  if (t.kind === "timestamp" || t.kind === "date32") {
    if (!(tol instanceof Duration)) throw bad(`a duration, e.g. "5min" or dd.duration(5, "min")`);
    if (tol.nanos < 0n) throw bad("a duration of zero or more");
    const per = t.kind === "date32" ? 86_400_000_000_000n : BigInt(NANOS_PER_UNIT[t.unit]);
    return t.kind === "date32" ? Number(tol.nanos / per) : tol.nanos / per;
  }
  if (tol instanceof Duration) throw bad("a number");
  if (typeof tol === "number" && !(tol >= 0)) throw bad("a number of zero or more");
  if (typeof tol === "bigint" && tol < 0n) throw bad("a number of zero or more");
  if (wide(t)) return typeof tol === "bigint" ? tol : BigInt(Math.floor(tol));
  return Number(tol);
}

export function mergeAsofNode(left: LogicalNode, right: LogicalNode, o: MergeAsofOptions): MergeAsofNode {
  if (!ASOF_DIRECTIONS.includes(o.direction)) {
    throw new DuskError("INVALID_ARGUMENT", `mergeAsof direction must be one of ${ASOF_DIRECTIONS.join(", ")}, got ${JSON.stringify(o.direction)}`);
  }
  if (o.leftBy.length !== o.rightBy.length) {
    throw new DuskError("INVALID_ARGUMENT",
      `mergeAsof needs as many left by keys as right ones: got leftBy [${o.leftBy.join(", ")}] and rightBy [${o.rightBy.join(", ")}]`);
  }
  if (o.suffixes[0] === o.suffixes[1]) {
    throw new DuskError("INVALID_ARGUMENT", `mergeAsof suffixes must differ, got ${JSON.stringify(o.suffixes)}`);
  }
  const lt = left.schema.require(o.leftOn, "mergeAsof on (left)").dtype;
  const rt = right.schema.require(o.rightOn, "mergeAsof on (right)").dtype;
  const onType = commonType(lt, rt);
  const orderable = (t: DType) => isInteger(t) || isFloat(t) || t.kind === "date32" || t.kind === "timestamp";
  if (onType === null || !orderable(onType)) {
    throw new DuskError("TYPE_MISMATCH",
      `mergeAsof on keys must be numbers, dates or timestamps of a common type: left "${o.leftOn}" is ${formatDType(lt)}, right "${o.rightOn}" is ${formatDType(rt)}`,
      { left: o.leftOn, right: o.rightOn });
  }
  const byTypes = o.leftBy.map((l, i) => {
    const a = left.schema.require(l, "mergeAsof by (left)").dtype;
    const b = right.schema.require(o.rightBy[i], "mergeAsof by (right)").dtype;
    const t = commonType(a, b);
    if (t === null) {
      throw new DuskError("TYPE_MISMATCH",
        `mergeAsof cannot match left by key "${l}" (${formatDType(a)}) with right by key "${o.rightBy[i]}" (${formatDType(b)}); cast one of them first`,
        { left: l, right: o.rightBy[i] });
    }
    return t;
  });
  const toleranceValue = toleranceIn(onType, o.tolerance);
  // right keys named like their left counterpart appear once, as the left column
  const shared = new Set([o.leftOn, ...o.leftBy].filter((l, i) => l === [o.rightOn, ...o.rightBy][i]));
  const rightNames = new Set(right.schema.names.filter((n) => !shared.has(n)));
  const leftNames = new Set(left.schema.names);
  const columns: MergeAsofColumn[] = [];
  const fields: { name: string; dtype: DType }[] = [];
  for (const f of left.schema.fields) {
    const name = rightNames.has(f.name) ? f.name + o.suffixes[0] : f.name;
    columns.push({ name, from: "left", column: f.name });
    fields.push({ name, dtype: f.dtype });
  }
  for (const f of right.schema.fields) {
    if (shared.has(f.name)) continue;
    const name = leftNames.has(f.name) ? f.name + o.suffixes[1] : f.name;
    columns.push({ name, from: "right", column: f.name });
    fields.push({ name, dtype: f.dtype });
  }
  requireDistinctOutputs(columns, "mergeAsof");
  return Object.freeze({
    kind: "merge-asof", left, right, leftOn: o.leftOn, rightOn: o.rightOn,
    leftBy: Object.freeze([...o.leftBy]), rightBy: Object.freeze([...o.rightBy]), direction: o.direction,
    tolerance: o.tolerance, allowExactMatches: o.allowExactMatches,
    suffixes: Object.freeze([o.suffixes[0], o.suffixes[1]]) as readonly [string, string],
    onType, byTypes: Object.freeze(byTypes), toleranceValue,
    columns: Object.freeze(columns.map((c) => Object.freeze(c))), schema: new Schema(fields),
  });
}

/** The tolerance as text: `5min`, `0.5`, `10`. */
export const asofToleranceText = (t: AsofTolerance): string => (t instanceof Duration ? t.toString() : String(t));
