/** Which columns an expression reads, and whether it aggregates. */
import type { NamedExpr, TypedExpr } from "./typed.js";
import { walkExpr } from "./map.js";

/** Names of the columns `e` references, in first-reference order. */
export function exprColumns(e: TypedExpr, into: Set<string> = new Set()): Set<string> {
  walkExpr(e, (n) => { if (n.kind === "col") into.add(n.name); });
  return into;
}

/** Columns referenced by any of the named expressions. */
export function namedExprColumns(exprs: readonly NamedExpr[], into: Set<string> = new Set()): Set<string> {
  for (const ne of exprs) exprColumns(ne.expr, into);
  return into;
}

export function containsAgg(e: TypedExpr): boolean {
  let found = false;
  walkExpr(e, (n) => { if (n.kind === "agg") found = true; });
  return found;
}

export function containsWindow(e: TypedExpr): boolean {
  let found = false;
  walkExpr(e, (n) => { if (n.kind === "window") found = true; });
  return found;
}

/** True when `e` is a plain reference to the column `name`. */
export const isColRef = (e: TypedExpr, name?: string): boolean => e.kind === "col" && (name === undefined || e.name === name);
