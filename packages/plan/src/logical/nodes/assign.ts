import { DuskError } from "@dusk/core";
import type { NamedExpr } from "../../expr/typed.js";
import { Schema, type Field } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkNoAgg, checkRefs } from "../validate.js";

/**
 * Adds or replaces columns computed from the input's columns (pandas `assign`): a replaced column
 * keeps its position, new columns go at the end in order. Every expression reads the input, not
 * the other new columns.
 */
export interface AssignNode {
  readonly kind: "assign";
  readonly input: LogicalNode;
  readonly exprs: readonly NamedExpr[];
  readonly schema: Schema;
}

export function assignNode(input: LogicalNode, exprs: readonly NamedExpr[]): AssignNode {
  const fields: Field[] = [...input.schema.fields];
  const seen = new Set<string>();
  for (const ne of exprs) {
    if (seen.has(ne.name)) throw new DuskError("DUPLICATE_COLUMN", `assign sets column "${ne.name}" twice`, { column: ne.name });
    seen.add(ne.name);
    checkRefs(ne.expr, input.schema, "assign");
    checkNoAgg(ne.expr, "assign");
    const i = fields.findIndex((f) => f.name === ne.name);
    const f = { name: ne.name, dtype: ne.expr.dtype };
    if (i >= 0) fields[i] = f; else fields.push(f);
  }
  return Object.freeze({ kind: "assign", input, exprs: Object.freeze([...exprs]), schema: new Schema(fields) });
}
