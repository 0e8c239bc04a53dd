import { describe, it } from "vitest";
import { pushdownPredicate } from "@dusk/plan";
import { add, agg, aggregate, and, assign, col, eq, expectRewrite, expectUnchanged, filter, gt, limit, mul, select, t } from "../../helpers.js";

describe("pushdown-predicate", () => {
  it("moves a filter through an assign, rewriting it in the assign's terms, into the scan", () => {
    expectRewrite(pushdownPredicate, filter(assign(t(), { d: mul(col("a"), col("b")) }), gt(col("d"), 3)), `
      Assign [d := cast(a as float64) * b]
        Scan memory[4 partitions, 40 rows] filter=cast(a as float64) * b > 3
    `);
  });
  it("moves a filter through a renaming select", () => {
    expectRewrite(pushdownPredicate, filter(select(t(), [["x", col("a")], "c"]), gt(col("x"), 1)), `
      Project [x := a, c]
        Scan memory[4 partitions, 40 rows] filter=a > 1
    `);
  });
  it("joins the scan's existing predicate", () => {
    expectRewrite(pushdownPredicate, filter(filter(t(), gt(col("a"), 1)), eq(col("c"), "x")), `
      Scan memory[4 partitions, 40 rows] filter=a > 1 and c == "x"
    `);
  });
  it("moves only the key conditions below an aggregate", () => {
    const plan = filter(aggregate(t(), ["c"], { s: agg("sum", col("a")) }), and(eq(col("c"), "x"), gt(col("s"), 10)));
    expectRewrite(pushdownPredicate, plan, `
      Filter s > 10
        Aggregate keys=[c] aggs=[s := sum(a)]
          Scan memory[4 partitions, 40 rows] filter=c == "x"
    `);
  });
  it("does not move a filter below a limit", () => {
    expectUnchanged(pushdownPredicate, filter(limit(t(), 5), gt(col("a"), 1)));
  });
  it("does not move a condition on an aggregate's result", () => {
    expectUnchanged(pushdownPredicate, filter(aggregate(t(), ["c"], { s: agg("sum", add(col("a"), 1)) }), gt(col("s"), 10)));
  });
});
