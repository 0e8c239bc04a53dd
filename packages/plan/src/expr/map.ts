/**
 * Children of typed expressions, and rebuilding a node over new children. Every kind is handled
 * here by an exhaustive switch; other expression utilities are written on top of these two.
 */
import { assertNever } from "@dusk/core";
import type { TypedExpr } from "./typed.js";

export function exprChildren(e: TypedExpr): TypedExpr[] {
  switch (e.kind) {
    case "col": case "lit": return [];
    case "binary": return [e.left, e.right];
    case "unary": case "cast": case "isIn": case "dt": return [e.input];
    case "window": return e.on === undefined ? [e.input] : [e.input, e.on];
    case "fillNull": return [e.input, e.value];
    case "agg": return [e.input, e.other].filter((x): x is TypedExpr => x !== null);
    default: return assertNever(e);
  }
}

/** `e` with each child replaced by `f(child)`; `e` itself when no child changed. */
export function mapExprChildren(e: TypedExpr, f: (c: TypedExpr) => TypedExpr): TypedExpr {
  switch (e.kind) {
    case "col": case "lit": return e;
    case "binary": {
      const left = f(e.left), right = f(e.right);
      return left === e.left && right === e.right ? e : Object.freeze({ ...e, left, right });
    }
    case "unary": case "cast": case "isIn": case "dt": {
      const input = f(e.input);
      return input === e.input ? e : Object.freeze({ ...e, input });
    }
    case "window": {
      const input = f(e.input), on = e.on === undefined ? undefined : f(e.on);
      return input === e.input && on === e.on ? e : Object.freeze({ ...e, input, on });
    }
    case "fillNull": {
      const input = f(e.input), value = f(e.value);
      return input === e.input && value === e.value ? e : Object.freeze({ ...e, input, value });
    }
    case "agg": {
      const input = e.input === null ? null : f(e.input), other = e.other === null ? null : f(e.other);
      return input === e.input && other === e.other ? e : Object.freeze({ ...e, input, other });
    }
    default: return assertNever(e);
  }
}

/** Rewrites bottom-up: children first, then `f` on the rebuilt node. */
export function transformUp(e: TypedExpr, f: (e: TypedExpr) => TypedExpr): TypedExpr {
  return f(mapExprChildren(e, (c) => transformUp(c, f)));
}

/** Visits every node, parents before children. */
export function walkExpr(e: TypedExpr, visit: (e: TypedExpr) => void): void {
  visit(e);
  for (const c of exprChildren(e)) walkExpr(c, visit);
}
