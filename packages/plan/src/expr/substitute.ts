/** Replacing column references by expressions (inlining a projection into its parent). */
import { transformUp } from "./map.js";
import type { TypedExpr } from "./typed.js";

/** `e` with every reference to a column in `defs` replaced by its definition. */
export function substitute(e: TypedExpr, defs: ReadonlyMap<string, TypedExpr>): TypedExpr {
  return transformUp(e, (n) => (n.kind === "col" ? defs.get(n.name) ?? n : n));
}

/** Splits nested ANDs into their conjuncts. */
export function conjuncts(e: TypedExpr): TypedExpr[] {
  if (e.kind === "binary" && e.op === "and") return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}
