import { describe, expect, it } from "vitest";
import { isDuskError } from "@dusk/core";
import { explainPlan, filterNode, optimize, projectNode, type LogicalNode, type Rule } from "@dusk/plan";
import { agg, aggregate, assign, col, dedent, filter, gt, mul, select, t } from "../helpers.js";

describe("optimize", () => {
  it("runs the rules to a fixed point", () => {
    const plan = select(filter(assign(t(), { d: mul(col("a"), col("b")) }), gt(col("d"), 3)), ["c", "d"]);
    expect(explainPlan(optimize(plan))).toBe(dedent(`
      Project [c, d := cast(a as float64) * b]
        Scan memory[4 partitions, 40 rows] filter=cast(a as float64) * b > 3
    `));
  });
  it("pushes a filter written after a groupBy on a key into the scan", () => {
    const plan = filter(aggregate(t(), ["c"], { s: agg("sum", col("a")) }), gt(col("c"), "m"));
    expect(explainPlan(optimize(plan))).toBe(dedent(`
      Aggregate keys=[c] aggs=[s := sum(a)]
        Scan memory[4 partitions, 40 rows] columns=[a, c] filter=c > "m"
    `));
  });
  it("names a rule that changes the schema", () => {
    const bad: Rule = { name: "bad", order: "bottom-up", apply: (n) => (n.kind === "scan" ? projectNode(n, []) : undefined) };
    try { optimize(t(), { rules: [bad] }); expect.unreachable(); } catch (e) {
      expect(isDuskError(e, "RULE_CHANGED_SCHEMA") && e.message).toContain("optimizer rule bad changed a node's schema");
    }
  });
  it("detects rules that undo each other", () => {
    const base = t();
    const p1 = filter(base, gt(col("a"), 1)), p2 = filter(base, gt(col("a"), 2));
    const flip = (from: LogicalNode, to: LogicalNode, name: string): Rule => ({
      name, order: "top-down",
      apply: (n) => (explainPlan(n) === explainPlan(from) && to.kind === "filter" ? filterNode(base, to.predicate) : undefined),
    });
    try { optimize(p1, { rules: [flip(p1, p2, "one"), flip(p2, p1, "two")] }); expect.unreachable(); } catch (e) {
      expect(isDuskError(e, "OPTIMIZER_CYCLE") && e.message).toContain("rules one, two undo each other");
    }
  });
});
