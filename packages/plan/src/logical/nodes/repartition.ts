import { DuskError } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/**
 * The same rows in the same order, in `npartitions` partitions: fewer by concatenating neighbouring
 * partitions, more by cutting each input partition into row ranges of near-equal length.
 */
export interface RepartitionNode {
  readonly kind: "repartition";
  readonly input: LogicalNode;
  readonly npartitions: number;
  readonly schema: Schema;
}

export function repartitionNode(input: LogicalNode, npartitions: number): RepartitionNode {
  if (!Number.isSafeInteger(npartitions) || npartitions < 1) {
    throw new DuskError("INVALID_ARGUMENT", `repartition needs npartitions, a whole number ≥ 1, got ${npartitions}`);
  }
  return Object.freeze({ kind: "repartition", input, npartitions, schema: input.schema });
}
