import {
  assignNode, bindExpr, containsWindow, exprKey, named, printExpr, projectNode, tCol, transformUp, windowNode,
  type LogicalNode, type NamedExpr, type WindowCall,
} from "@dusk/plan";
import { toNode, type ExprLike } from "../expr.js";

/**
 * Adds or replaces columns; every expression reads the frame as it was before this call. Window
 * functions (cumsum, shift, diff, rolling, ...) anywhere in the expressions are computed first, in
 * the frame's row order, by a window node (each distinct call once, into a hidden column), then the
 * expressions over them, then the hidden columns are dropped.
 */
export function assign(plan: LogicalNode, columns: Readonly<Record<string, ExprLike>>): LogicalNode {
  const exprs = Object.entries(columns).map(([name, value]) => {
    const node = toNode(value);
    return named(name, bindExpr(node, { schema: plan.schema, where: `assign(${name} = ${printExpr(node)})`, window: true }));
  });
  if (!exprs.some((ne) => containsWindow(ne.expr))) return assignNode(plan, exprs);
  const calls: WindowCall[] = [];
  const byKey = new Map<string, string>();
  const taken = new Set(plan.schema.names);
  const rewritten: NamedExpr[] = exprs.map((ne) => named(ne.name, transformUp(ne.expr, (e) => {
    if (e.kind !== "window") return e;
    const key = exprKey(e);
    let name = byKey.get(key);
    if (name === undefined) {
      for (let i = calls.length; ; i++) if (!taken.has((name = `__window_${i}`))) break;
      taken.add(name);
      byKey.set(key, name);
      calls.push({ name, fn: e.fn, input: e.input, dtype: e.dtype, periods: e.periods, window: e.window, minPeriods: e.minPeriods, agg: e.agg, duration: e.duration, on: e.on });
    }
    return tCol(name, e.dtype);
  })));
  const hidden = new Set(calls.map((c) => c.name));
  const withColumns = assignNode(windowNode(plan, calls), rewritten);
  return projectNode(withColumns, withColumns.schema.fields.filter((f) => !hidden.has(f.name)).map((f) => named(f.name, tCol(f.name, f.dtype))));
}
