/**
 * Merges adjacent projections into one, inlining the inner expressions into the outer ones:
 * Project∘Project and Project∘Assign become a Project; Assign∘Project becomes a Project;
 * Assign∘Assign becomes one Assign.
 *
 * Must not fire when inlining would compute a non-trivial inner expression more than once (it is
 * read twice, or read and also kept as an output): there is no common-subexpression reuse yet.
 */
import { walkExpr } from "../../expr/map.js";
import { substitute } from "../../expr/substitute.js";
import { named, type NamedExpr, type TypedExpr } from "../../expr/typed.js";
import { assignNode, projectNode, type LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

const trivial = (e: TypedExpr): boolean => e.kind === "col" || e.kind === "lit";

/** True when inlining `inner` into `outer` would compute some non-trivial inner expression twice. */
function duplicates(inner: readonly NamedExpr[], outer: readonly NamedExpr[], innerKept: ReadonlySet<string>): boolean {
  const uses = new Map<string, number>();
  for (const ne of inner) if (!trivial(ne.expr)) uses.set(ne.name, innerKept.has(ne.name) ? 1 : 0);
  for (const ne of outer) {
    walkExpr(ne.expr, (e) => {
      if (e.kind === "col" && uses.has(e.name)) uses.set(e.name, uses.get(e.name)! + 1);
    });
  }
  return [...uses.values()].some((k) => k > 1);
}

const defsOf = (xs: readonly NamedExpr[]): Map<string, TypedExpr> => new Map(xs.map((ne) => [ne.name, ne.expr]));
const inline = (outer: readonly NamedExpr[], inner: readonly NamedExpr[]): NamedExpr[] => {
  const defs = defsOf(inner);
  return outer.map((ne) => named(ne.name, substitute(ne.expr, defs)));
};

/** `base` with `over` applied as an assign: same names replaced in place, new ones appended. */
function overlay(base: readonly NamedExpr[], over: readonly NamedExpr[]): NamedExpr[] {
  const out = [...base];
  for (const ne of over) {
    const i = out.findIndex((b) => b.name === ne.name);
    if (i >= 0) out[i] = ne; else out.push(ne);
  }
  return out;
}

export const mergeProjections: Rule = {
  name: "merge-projections",
  order: "bottom-up",
  apply(n: LogicalNode) {
    if (n.kind !== "project" && n.kind !== "assign") return undefined;
    const inner = n.input;
    if (inner.kind !== "project" && inner.kind !== "assign") return undefined;
    const overridden = new Set(n.exprs.map((ne) => ne.name));
    const innerKept = n.kind === "assign" ? new Set(inner.exprs.map((ne) => ne.name).filter((x) => !overridden.has(x))) : new Set<string>();
    if (duplicates(inner.exprs, n.exprs, innerKept)) return undefined;
    const outer = inline(n.exprs, inner.exprs);
    if (n.kind === "project") return projectNode(inner.input, outer);
    if (inner.kind === "project") return projectNode(inner.input, overlay(inner.exprs, outer));
    return assignNode(inner.input, overlay(inner.exprs, outer));
  },
};
