import { DuskError, formatDType } from "@dusk/core";
import { explainExpr } from "../../expr/explain.js";
import type { TypedExpr } from "../../expr/typed.js";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkNoAgg, checkRefs } from "../validate.js";

/** Keeps the rows where `predicate` is true (null counts as false). */
export interface FilterNode {
  readonly kind: "filter";
  readonly input: LogicalNode;
  readonly predicate: TypedExpr;
  readonly schema: Schema;
}

export function filterNode(input: LogicalNode, predicate: TypedExpr, where = "filter"): FilterNode {
  checkRefs(predicate, input.schema, where);
  checkNoAgg(predicate, where);
  if (predicate.dtype.kind !== "bool") {
    throw new DuskError("TYPE_MISMATCH",
      `${where} needs a bool condition, got ${formatDType(predicate.dtype)} (${explainExpr(predicate)}); compare it with something, e.g. dd.col("x").gt(0)`);
  }
  return Object.freeze({ kind: "filter", input, predicate, schema: input.schema });
}
