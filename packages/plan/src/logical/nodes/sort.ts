import { DuskError } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/** Where null (and NaN) keys go, as pandas' `na_position`: after every value (default) or before. */
export type NaPosition = "last" | "first";

/**
 * Rows ordered by the `by` keys (first most significant), `ascending[i]` per key; stable (rows with
 * equal keys keep their order); nulls and NaN at `naPosition` whatever the direction. The output
 * has as many partitions as the input, and their concatenation is the sorted frame.
 */
export interface SortNode {
  readonly kind: "sort";
  readonly input: LogicalNode;
  readonly by: readonly string[];
  readonly ascending: readonly boolean[];
  readonly naPosition: NaPosition;
  readonly schema: Schema;
}

/** Checks sort keys and one direction flag per key; `where` names the user's call in errors. */
export function checkSortKeys(input: LogicalNode, by: readonly string[], ascending: readonly boolean[], where: string): void {
  if (by.length === 0) throw new DuskError("INVALID_ARGUMENT", `${where} needs at least one column to sort by`);
  for (const name of by) input.schema.require(name, where);
  if (ascending.length !== by.length) {
    throw new DuskError("INVALID_ARGUMENT",
      `${where}: ${ascending.length} ascending flags for ${by.length} sort columns [${by.join(", ")}]; pass one boolean, or one per column`,
      { by: [...by], ascending: [...ascending] });
  }
}

export function sortNode(input: LogicalNode, by: readonly string[], ascending: readonly boolean[], naPosition: NaPosition = "last"): SortNode {
  checkSortKeys(input, by, ascending, "sortValues");
  if (naPosition !== "last" && naPosition !== "first") {
    throw new DuskError("INVALID_ARGUMENT", `sortValues naPosition must be "last" or "first", got ${JSON.stringify(naPosition)}`);
  }
  return Object.freeze({
    kind: "sort", input, by: Object.freeze([...by]), ascending: Object.freeze([...ascending]), naPosition, schema: input.schema,
  });
}
