/**
 * loc(lo, hi): pandas' `df.loc[lo:hi]` on a sorted index, both ends included. A filter on the index
 * column; with known divisions the optimizer (prune-by-divisions) then reads only the partitions
 * whose [min, max] meet [lo, hi].
 */
import { DuskError } from "@dusk/core";
import { indexOf, type LogicalNode } from "@dusk/plan";
import { col, type ExprLike } from "../expr.js";
import { filter } from "./filter.js";

/** Rows whose index lies in [lo, hi], both ends included; null or undefined leaves an end open. */
export function loc(plan: LogicalNode, lo: ExprLike | undefined, hi: ExprLike | undefined): LogicalNode {
  const info = indexOf(plan);
  if (info === null) {
    throw new DuskError("INVALID_ARGUMENT", `loc needs an indexed frame: call setIndex(column) first (columns: ${plan.schema.names.join(", ")})`);
  }
  let out = plan;
  if (lo !== null && lo !== undefined) out = filter(out, col(info.column).ge(lo));
  if (hi !== null && hi !== undefined) out = filter(out, col(info.column).le(hi));
  return out;
}
