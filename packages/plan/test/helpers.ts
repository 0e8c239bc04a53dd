/** Shared fixtures for plan tests: a scan over t(a int32, b float64, c utf8) and tiny builders. */
import { expect } from "vitest";
import type { DTypeLike } from "@dusk/core";
import {
  aggNode, aggregateNode, applyRuleToFixedPoint, assignNode, binaryNode, bindExpr, colNode, explainPlan, filterNode, limitNode,
  litNode, memorySource, named, nodeKey, projectNode, scanNode, Schema,
  type AggFn, type BinaryOp, type ExprNode, type LitValue, type LogicalNode, type Rule,
} from "@dusk/plan";

/** A scan of an in-memory table named by `token`, with 4 partitions of 10 rows. */
export function scan(token: string, spec: Record<string, DTypeLike>, partitions = 4): LogicalNode {
  const schema = Schema.of(spec);
  return scanNode(memorySource(token, schema, Array.from({ length: partitions }, (_, i) => i), Array(partitions).fill(10)));
}

export const t = (): LogicalNode => scan("t", { a: "int32", b: "float64", c: "utf8" });

export const col = (name: string): ExprNode => colNode(name);
export const lit = (v: LitValue): ExprNode => litNode(v);
const bin = (op: BinaryOp) => (l: ExprNode | LitValue, r: ExprNode | LitValue): ExprNode =>
  binaryNode(op, wrap(l), wrap(r));
const wrap = (x: ExprNode | LitValue): ExprNode =>
  x !== null && typeof x === "object" && !(x instanceof Date) && "kind" in x ? x : litNode(x as LitValue);
export const gt = bin("gt"), lt = bin("lt"), eq = bin("eq"), add = bin("add"), mul = bin("mul"), and = bin("and");
export const agg = (fn: AggFn, e: ExprNode | null): ExprNode => aggNode(fn, e);

export const filter = (n: LogicalNode, e: ExprNode): LogicalNode => filterNode(n, bindExpr(e, { schema: n.schema, where: "filter" }));
export const select = (n: LogicalNode, spec: (string | [string, ExprNode])[]): LogicalNode =>
  projectNode(n, spec.map((s) => (typeof s === "string"
    ? named(s, bindExpr(colNode(s), { schema: n.schema, where: "select" }))
    : named(s[0], bindExpr(s[1], { schema: n.schema, where: "select" })))));
export const assign = (n: LogicalNode, spec: Record<string, ExprNode>): LogicalNode =>
  assignNode(n, Object.entries(spec).map(([k, e]) => named(k, bindExpr(e, { schema: n.schema, where: "assign" }))));
export const aggregate = (n: LogicalNode, keys: string[], spec: Record<string, ExprNode>): LogicalNode =>
  aggregateNode(n, keys, Object.entries(spec).map(([k, e]) => named(k, bindExpr(e, { schema: n.schema, where: "agg", aggregate: { keys } }))));
export const limit = (n: LogicalNode, k: number): LogicalNode => limitNode(n, k);

const dedent = (s: string): string => {
  const lines = s.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
};

/** Asserts `rule`, run to a fixed point on `plan`, gives the plan whose explain text is `expected`. */
export function expectRewrite(rule: Rule, plan: LogicalNode, expected: string): LogicalNode {
  const out = applyRuleToFixedPoint(rule, plan);
  expect(explainPlan(out)).toBe(dedent(expected));
  expect(out.schema.equals(plan.schema)).toBe(true);
  return out;
}

/** Asserts `rule` leaves `plan` as it is. */
export function expectUnchanged(rule: Rule, plan: LogicalNode): void {
  const out = applyRuleToFixedPoint(rule, plan);
  expect(explainPlan(out)).toBe(explainPlan(plan));
  expect(nodeKey(out)).toBe(nodeKey(plan));
}

export { dedent };
