/**
 * As-of joins one left partition with the whole right side (one partition) and builds the output
 * columns: the left ones as they are, the right ones taken at the matched rows (null for none).
 * Checks that both sides' `on` keys ascend first, naming the frame and the first value out of order.
 */
import { DuskError, type DType } from "@dusk/core";
import { asofEdgeRows, asofIndices, cast, concatBatches, firstUnsorted, take, takeBatch, valueAt, type AsofDirection, type Batch, type Column } from "@dusk/kernels";
import type { MergeAsofColumn } from "@dusk/plan";
import { columnOf } from "../eval/evaluate.js";

export interface MergeAsofParams {
  readonly leftOn: string;
  readonly rightOn: string;
  readonly onType: DType;
  readonly leftBy: readonly string[];
  readonly rightBy: readonly string[];
  readonly byTypes: readonly DType[];
  readonly direction: AsofDirection;
  /** In the key's units; a decimal string for 64-bit keys (read back as a bigint). */
  readonly tolerance: number | string | null;
  readonly allowExactMatches: boolean;
  readonly columns: readonly MergeAsofColumn[];
  /** The left partition this task joins, for error messages. */
  readonly partition: number;
}

const show = (v: unknown): string => (typeof v === "bigint" ? `${v}` : typeof v === "string" ? JSON.stringify(v) : String(v));

function requireSorted(on: Column, side: "left" | "right", name: string, where: string): void {
  const i = firstUnsorted(on);
  if (i < 0) return;
  // the usable key before it (nulls and NaN are skipped by the check)
  let prev = i - 1;
  const usable = (v: unknown) => v !== null && !(typeof v === "number" && Number.isNaN(v));
  while (prev > 0 && !usable(valueAt(on, prev))) prev--;
  throw new DuskError("NOT_SORTED",
    `mergeAsof: the ${side} frame is not sorted by "${name}" (${where}: ${show(valueAt(on, i))} comes after ${show(valueAt(on, prev))}); ` +
    `sort it first with sortValues("${name}") or setIndex("${name}")`,
    { frame: side, column: name });
}

export function mergeAsof(p: MergeAsofParams, [leftIn, rightIn]: readonly unknown[]): Batch {
  const left = leftIn as Batch, right = rightIn as Batch;
  const lk = cast(columnOf(left, p.leftOn), p.onType, `mergeAsof left key ${p.leftOn}`);
  const rk = cast(columnOf(right, p.rightOn), p.onType, `mergeAsof right key ${p.rightOn}`);
  requireSorted(lk, "left", p.leftOn, `partition ${p.partition}`);
  requireSorted(rk, "right", p.rightOn, "its partitions in order");
  const lb = p.leftBy.map((n, k) => cast(columnOf(left, n), p.byTypes[k], `mergeAsof left by ${n}`));
  const rb = p.rightBy.map((n, k) => cast(columnOf(right, n), p.byTypes[k], `mergeAsof right by ${n}`));
  const tolerance = typeof p.tolerance === "string" ? BigInt(p.tolerance) : p.tolerance;
  const idx = asofIndices(lk, rk, lb, rb, { direction: p.direction, tolerance, allowExactMatches: p.allowExactMatches });
  const columns = p.columns.map((c): Column => (c.from === "left" ? columnOf(left, c.column) : take(columnOf(right, c.column), idx)));
  return { names: p.columns.map((c) => c.name), columns, length: left.length };
}

export interface MergeAsofEdgeParams {
  readonly on: string;
  readonly by: readonly string[];
  /** "last": the rows a backward search can need from these partitions; "first": a forward one. */
  readonly which: "first" | "last";
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

/** The last (first) row per by group of its inputs taken in order: one right partition and the tail (head) of its neighbours. */
export function mergeAsofEdge(p: MergeAsofEdgeParams, inputs: readonly unknown[]): Batch {
  const b = inputs.length === 1 ? (inputs[0] as Batch) : concatBatches(inputs as readonly Batch[], p.names, p.dtypes);
  return takeBatch(b, asofEdgeRows(columnOf(b, p.on), p.by.map((n) => columnOf(b, n)), p.which));
}
