/** Checks node factories share: expressions only read columns their input has, with the types bound. */
import { dtypeEquals, DuskError, formatDType } from "@dusk/core";
import { containsAgg } from "../expr/columns.js";
import { explainExpr } from "../expr/explain.js";
import { walkExpr } from "../expr/map.js";
import type { TypedExpr } from "../expr/typed.js";
import { columnNotFound, type Schema } from "../schema.js";

/**
 * Throws when `e` reads a column `schema` lacks or reads it at another type. Binding already
 * guarantees this for user input; this catches a rule that builds a wrong node.
 */
export function checkRefs(e: TypedExpr, schema: Schema, where: string): void {
  walkExpr(e, (n) => {
    if (n.kind !== "col") return;
    const f = schema.field(n.name);
    if (!f) throw columnNotFound(n.name, schema.names, where);
    if (!dtypeEquals(f.dtype, n.dtype)) {
      throw new DuskError("INTERNAL", `${where}: column "${n.name}" is ${formatDType(f.dtype)} but the expression reads it as ${formatDType(n.dtype)}`);
    }
  });
}

export function checkNoAgg(e: TypedExpr, where: string): void {
  if (containsAgg(e)) {
    throw new DuskError("INVALID_EXPRESSION", `aggregate in ${where} (${explainExpr(e)}); aggregates belong in agg({...})`);
  }
}
