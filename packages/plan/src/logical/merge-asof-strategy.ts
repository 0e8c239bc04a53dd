/**
 * How a merge-asof runs. Every left partition stays where it is, in order, and meets the right rows
 * it can need as one partition:
 * - "one-partition": the right side is one partition, broadcast as it is;
 * - "size": its estimated bytes ({@link estimateBytes}) are below `plannerSettings().broadcastBytes`,
 *   so it is concatenated into one partition and broadcast;
 * - "divisions": both sides are indexed by their `on` key with known divisions (same dtype), so each
 *   left partition [lo, hi] reads only the right partitions overlapping [lo, hi], plus, backward
 *   (and nearest), the last row per `by` group of all right partitions before lo, and forward (and
 *   nearest) the first row per group of all after hi ({@link AsofPartitionNeeds});
 * - "gathered": it is large or of unknown size, and still concatenated into one partition (correct,
 *   but that partition must fit one worker); explain says so.
 */
import { dtypeEquals, type ScalarValue } from "@dusk/core";
import { compareScalars } from "./divisions.js";
import type { MergeAsofNode, PartitionBounds } from "./node.js";
import { knownDivisions, indexOf } from "./ordering.js";
import { partitionCount } from "./partitions.js";
import { estimateBytes, plannerSettings } from "./row-count.js";

/** The right rows one left partition needs under the "divisions" strategy. */
export interface AsofPartitionNeeds {
  /** Right partitions read whole, ascending. */
  readonly parts: readonly number[];
  /** The last right partition before them whose rows (and earlier ones') count only by their last row per group; null: none. */
  readonly tail: number | null;
  /** The first right partition after them whose rows (and later ones') count only by their first row per group; null: none. */
  readonly head: number | null;
}

export interface MergeAsofDecision {
  readonly strategy: "broadcast-right" | "divisions";
  readonly why: "one-partition" | "size" | "divisions" | "gathered";
  /** The right side's estimated bytes, when known. */
  readonly bytes: number | null;
  /** Per left partition, for "divisions"; null otherwise. */
  readonly needs: readonly AsofPartitionNeeds[] | null;
}

export function mergeAsofDecision(n: MergeAsofNode): MergeAsofDecision {
  const bytes = estimateBytes(n.right);
  if (partitionCount(n.right) === 1) return { strategy: "broadcast-right", why: "one-partition", bytes, needs: null };
  if (bytes !== null && bytes < plannerSettings().broadcastBytes) return { strategy: "broadcast-right", why: "size", bytes, needs: null };
  const needs = needsByDivisions(n);
  if (needs !== null) return { strategy: "divisions", why: "divisions", bytes, needs };
  return { strategy: "broadcast-right", why: "gathered", bytes, needs: null };
}

/** `x ± tol` in the divisions' representation (bigint for 64-bit keys), or null when there is no tolerance. */
function shift(x: ScalarValue, tol: number | bigint | null, sign: 1 | -1): ScalarValue | null {
  if (tol === null) return null;
  if (typeof x === "bigint") return sign > 0 ? x + BigInt(tol) : x - BigInt(tol);
  if (typeof x === "number") return x + sign * Number(tol);
  return null;
}

function needsByDivisions(n: MergeAsofNode): AsofPartitionNeeds[] | null {
  const li = indexOf(n.left), ri = indexOf(n.right);
  if (li === null || ri === null || li.column !== n.leftOn || ri.column !== n.rightOn) return null;
  if (!dtypeEquals(n.left.schema.require(n.leftOn).dtype, n.right.schema.require(n.rightOn).dtype)) return null;
  const ld = knownDivisions(n.left), rd = knownDivisions(n.right);
  if (ld === null || rd === null) return null;
  const back = n.direction !== "forward", fwd = n.direction !== "backward";
  const tol = n.toleranceValue;
  return ld.map((b: PartitionBounds): AsofPartitionNeeds => {
    if (b === null) return { parts: [], tail: null, head: null };
    const [lo, hi] = b;
    const parts: number[] = [];
    let tail: number | null = null, head: number | null = null;
    rd.forEach((r, j) => {
      if (r === null) return;
      if (compareScalars(r[1], lo) < 0) { tail = j; return; }
      if (compareScalars(r[0], hi) > 0) { if (head === null) head = j; return; }
      parts.push(j);
    });
    // a run of partitions entirely out of reach of the tolerance is not needed at all
    const loReach = shift(lo, tol, -1), hiReach = shift(hi, tol, 1);
    if (tail !== null && (!back || (loReach !== null && compareScalars(rd[tail]![1], loReach) < 0))) tail = null;
    if (head !== null && (!fwd || (hiReach !== null && compareScalars(rd[head]![0], hiReach) > 0))) head = null;
    return { parts, tail, head };
  });
}
