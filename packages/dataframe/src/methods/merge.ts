/**
 * merge(): pandas' `DataFrame.merge` on equal key columns. `on` names keys both frames have
 * (default: every column name they share); `leftOn`/`rightOn` name them per side. Null keys never
 * match. Runs as a broadcast join when a side is one partition, else as a hash shuffle of both sides.
 */
import { DuskError } from "@dusk/core";
import { mergeNode, type LogicalNode, type MergeHow } from "@dusk/plan";

export interface MergeOptions {
  /** inner (default), left, right, outer, semi (left rows with a match, left columns only), anti (left rows without one). */
  readonly how?: MergeHow;
  /** Key column(s) both frames have. */
  readonly on?: string | readonly string[];
  readonly leftOn?: string | readonly string[];
  readonly rightOn?: string | readonly string[];
  /** Appended to names both sides have that are not shared keys (default `["_x", "_y"]`). */
  readonly suffixes?: readonly [string, string];
}

const list = (x: string | readonly string[] | undefined): string[] | undefined => (x === undefined ? undefined : typeof x === "string" ? [x] : [...x]);

export function merge(left: LogicalNode, right: LogicalNode, options: MergeOptions = {}): LogicalNode {
  const on = list(options.on), leftOn = list(options.leftOn), rightOn = list(options.rightOn);
  if (on !== undefined && (leftOn !== undefined || rightOn !== undefined)) {
    throw new DuskError("INVALID_ARGUMENT", "merge takes either on, or leftOn with rightOn, not both");
  }
  if ((leftOn === undefined) !== (rightOn === undefined)) {
    throw new DuskError("INVALID_ARGUMENT", "merge: leftOn and rightOn go together; for keys both frames name alike use on");
  }
  let l: string[], r: string[];
  if (leftOn !== undefined) { l = leftOn; r = rightOn!; }
  else if (on !== undefined) { l = on; r = on; }
  else {
    l = left.schema.names.filter((n) => right.schema.names.includes(n));
    r = l;
    if (l.length === 0) {
      throw new DuskError("INVALID_ARGUMENT",
        `merge: the frames share no column name to join on (left: ${left.schema.names.join(", ")}; right: ${right.schema.names.join(", ")}); pass on, or leftOn and rightOn`);
    }
  }
  return mergeNode(left, right, options.how ?? "inner", l, r, options.suffixes ?? ["_x", "_y"]);
}
