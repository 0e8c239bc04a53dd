import { DuskError } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/** The first `n` rows, in partition order. */
export interface LimitNode {
  readonly kind: "limit";
  readonly input: LogicalNode;
  readonly n: number;
  readonly schema: Schema;
}

export function limitNode(input: LogicalNode, n: number): LimitNode {
  if (!Number.isSafeInteger(n) || n < 0) throw new DuskError("INVALID_ARGUMENT", `head/limit needs a whole number of rows ≥ 0, got ${n}`);
  return Object.freeze({ kind: "limit", input, n, schema: input.schema });
}
