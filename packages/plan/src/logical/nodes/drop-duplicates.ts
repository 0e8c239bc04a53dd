import { DuskError } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/** Which row of each set of duplicates a DropDuplicatesNode keeps (pandas' `keep`). */
export type DuplicateKeep = "first" | "last";

/**
 * One row per distinct combination of the `subset` columns (pandas' `drop_duplicates(subset,
 * keep)`): the first or the last row holding it, whole. Null is a value here (nulls equal each
 * other). With `splitOut` 1 the output is one partition in the input's row order (pandas' order);
 * with more, rows are hash-shuffled by the subset into `splitOut` partitions, each in input row
 * order among its rows.
 */
export interface DropDuplicatesNode {
  readonly kind: "drop-duplicates";
  readonly input: LogicalNode;
  /** Resolved column names (never empty: all columns when the user gave none). */
  readonly subset: readonly string[];
  readonly keep: DuplicateKeep;
  readonly splitOut: number;
  readonly schema: Schema;
}

export function dropDuplicatesNode(input: LogicalNode, subset: readonly string[], keep: DuplicateKeep = "first", splitOut = 1): DropDuplicatesNode {
  const where = "dropDuplicates";
  if (subset.length === 0) throw new DuskError("INVALID_ARGUMENT", `${where} needs at least one column to compare`);
  for (const c of subset) input.schema.require(c, where);
  if (new Set(subset).size !== subset.length) throw new DuskError("DUPLICATE_COLUMN", `${where}: subset repeats a column: ${subset.join(", ")}`);
  if (keep !== "first" && keep !== "last") {
    throw new DuskError("INVALID_ARGUMENT", `${where} keep must be "first" or "last", got ${JSON.stringify(keep)} (keep=False is not supported)`);
  }
  if (!Number.isInteger(splitOut) || splitOut < 1) {
    throw new DuskError("INVALID_ARGUMENT", `${where} splitOut must be a whole number ≥ 1, got ${String(splitOut)}`);
  }
  return Object.freeze({ kind: "drop-duplicates", input, subset: Object.freeze([...subset]), keep, splitOut, schema: input.schema });
}
