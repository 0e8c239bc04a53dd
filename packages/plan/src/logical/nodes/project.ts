import type { NamedExpr } from "../../expr/typed.js";
import { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkNoAgg, checkRefs } from "../validate.js";

/** Outputs exactly `exprs`, in order: select, drop and rename build this. */
export interface ProjectNode {
  readonly kind: "project";
  readonly input: LogicalNode;
  readonly exprs: readonly NamedExpr[];
  readonly schema: Schema;
}

export function projectNode(input: LogicalNode, exprs: readonly NamedExpr[]): ProjectNode {
  for (const ne of exprs) {
    checkRefs(ne.expr, input.schema, "select");
    checkNoAgg(ne.expr, "select");
  }
  const schema = new Schema(exprs.map((ne) => ({ name: ne.name, dtype: ne.expr.dtype })));
  return Object.freeze({ kind: "project", input, exprs: Object.freeze([...exprs]), schema });
}
