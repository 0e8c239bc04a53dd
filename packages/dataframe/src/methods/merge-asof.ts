/**
 * mergeAsof(): pandas' `merge_asof`. For each left row, the right row whose `on` key is nearest
 * ("backward": the last one ≤ it, the default; "forward": the first one ≥ it; "nearest"), among
 * the right rows whose `by` keys are equal, within `tolerance`. Both frames must be sorted by `on`.
 * Keeps every left row, in order, in its partition; the right frame is broadcast to each one.
 */
import { Duration, DuskError, parseDuration } from "@dusk/core";
import { mergeAsofNode, type AsofDirection, type LogicalNode } from "@dusk/plan";
import { DataFrame } from "../dataframe.js";

export interface MergeAsofOptions {
  /** The key column both frames have, sorted ascending in both (numbers, dates or timestamps). */
  readonly on?: string;
  readonly leftOn?: string;
  readonly rightOn?: string;
  /** Column(s) that must be equal (as merge's keys), matched before the nearest `on` key is searched. */
  readonly by?: string | readonly string[];
  readonly leftBy?: string | readonly string[];
  readonly rightBy?: string | readonly string[];
  /** "backward" (default), "forward" or "nearest". */
  readonly direction?: AsofDirection;
  /** The largest distance between keys: a number for numeric keys, a duration ("5min", `dd.duration(5, "min")`) for dates and timestamps. */
  readonly tolerance?: number | bigint | string | Duration;
  /** Whether equal keys match (default true); false makes backward mean "<" and forward ">". */
  readonly allowExactMatches?: boolean;
  /** Appended to names both sides have that are not shared keys (default `["_x", "_y"]`). */
  readonly suffixes?: readonly [string, string];
}

const list = (x: string | readonly string[] | undefined): string[] | undefined => (x === undefined ? undefined : typeof x === "string" ? [x] : [...x]);

export function mergeAsofPlan(left: LogicalNode, right: LogicalNode, options: MergeAsofOptions): LogicalNode {
  const o = options ?? {};
  if (o.on !== undefined && (o.leftOn !== undefined || o.rightOn !== undefined)) {
    throw new DuskError("INVALID_ARGUMENT", "mergeAsof takes either on, or leftOn with rightOn, not both");
  }
  const leftOn = o.on ?? o.leftOn, rightOn = o.on ?? o.rightOn;
  if (leftOn === undefined || rightOn === undefined) {
    throw new DuskError("INVALID_ARGUMENT", "mergeAsof needs the sorted key column: on, or leftOn with rightOn");
  }
  const by = list(o.by), leftBy = list(o.leftBy), rightBy = list(o.rightBy);
  if (by !== undefined && (leftBy !== undefined || rightBy !== undefined)) {
    throw new DuskError("INVALID_ARGUMENT", "mergeAsof takes either by, or leftBy with rightBy, not both");
  }
  if ((leftBy === undefined) !== (rightBy === undefined)) {
    throw new DuskError("INVALID_ARGUMENT", "mergeAsof: leftBy and rightBy go together; for columns both frames name alike use by");
  }
  const tolerance = typeof o.tolerance === "string" ? parseDuration(o.tolerance, "mergeAsof tolerance") : o.tolerance ?? null;
  return mergeAsofNode(left, right, {
    leftOn, rightOn, leftBy: by ?? leftBy ?? [], rightBy: by ?? rightBy ?? [], direction: o.direction ?? "backward",
    tolerance, allowExactMatches: o.allowExactMatches ?? true, suffixes: o.suffixes ?? ["_x", "_y"],
  });
}

/**
 * As pandas' `merge_asof`: every left row with the right row nearest by `on` (see {@link MergeAsofOptions}).
 * Both frames must be sorted by `on`: an unsorted partition is a NOT_SORTED error naming the frame
 * and the first value out of order (sort with `sortValues(on)` or `setIndex(on)` first).
 *
 * @example
 * ```ts
 * const quotesAtTrade = dd.mergeAsof(trades, quotes, { on: "time", by: "ticker", tolerance: "2ms" });
 * ```
 */
export function mergeAsof(left: DataFrame, right: DataFrame, options: MergeAsofOptions): DataFrame {
  if (!(left instanceof DataFrame) || !(right instanceof DataFrame)) {
    throw new DuskError("INVALID_ARGUMENT", "dd.mergeAsof takes two frames and options, e.g. dd.mergeAsof(trades, quotes, { on: \"time\" })");
  }
  return new DataFrame(mergeAsofPlan(left.plan, right.plan, options));
}
