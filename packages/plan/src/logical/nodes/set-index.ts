import { DuskError } from "@dusk/core";
import type { ScalarValue } from "../../expr/typed.js";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/**
 * The smallest and largest non-null index value of one partition, or null when the partition holds
 * no non-null index value (empty, or nulls only).
 */
export type PartitionBounds = readonly [ScalarValue, ScalarValue] | null;

/**
 * How the input's rows are placed when the node is built:
 * - `sorted`: already sorted by the index column, partition after partition (nothing runs);
 * - `sort-partitions`: partitions cover ascending, non-overlapping ranges (known from statistics),
 *   but rows inside a partition may be in any order: each partition sorts itself, no shuffle.
 */
export type SetIndexMode = "sorted" | "sort-partitions";

/**
 * The input's rows as a frame indexed by `column`: sorted by it (nulls last), with `divisions` —
 * one [min, max] per input partition — when they are known at plan time (null when only running
 * the plan would tell, e.g. after a sample sort). `keep`, set by the optimizer from a filter on the
 * index, lists the input partitions that can hold matching rows (null: all of them); the others are
 * not computed. `reset` (from `resetIndex()`) keeps the rows and their order but forgets the index.
 */
export interface SetIndexNode {
  readonly kind: "set-index";
  readonly input: LogicalNode;
  readonly column: string;
  readonly mode: SetIndexMode;
  readonly divisions: readonly PartitionBounds[] | null;
  readonly keep: readonly number[] | null;
  readonly reset: boolean;
  readonly schema: Schema;
}

export function setIndexNode(
  input: LogicalNode, column: string, mode: SetIndexMode, divisions: readonly PartitionBounds[] | null,
  keep: readonly number[] | null = null, reset = false,
): SetIndexNode {
  input.schema.require(column, "setIndex");
  if (mode !== "sorted" && mode !== "sort-partitions") throw new DuskError("INTERNAL", `setIndex mode ${String(mode)}`);
  if (keep !== null) {
    for (let i = 0; i < keep.length; i++) {
      if (!Number.isSafeInteger(keep[i]) || keep[i] < 0 || (i > 0 && keep[i] <= keep[i - 1])) {
        throw new DuskError("INTERNAL", `setIndex keep must list ascending partition numbers, got [${keep.join(", ")}]`);
      }
    }
  }
  return Object.freeze({
    kind: "set-index", input, column, mode,
    divisions: divisions === null ? null : Object.freeze(divisions.map((b) => (b === null ? null : Object.freeze([b[0], b[1]] as const)))),
    keep: keep === null ? null : Object.freeze([...keep]),
    reset, schema: input.schema,
  });
}
