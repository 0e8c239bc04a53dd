import { describe, it } from "vitest";
import { pushdownProjection } from "@dusk/plan";
import { agg, aggregate, assign, col, expectRewrite, expectUnchanged, filter, gt, limit, mul, scan, select, t } from "../../helpers.js";

describe("pushdown-projection", () => {
  it("narrows a scan to the columns a select and the filters below it read", () => {
    expectRewrite(pushdownProjection, select(filter(t(), gt(col("b"), 1)), ["a"]), `
      Project [a]
        Filter b > 1
          Scan memory[4 partitions, 40 rows] columns=[a, b]
    `);
  });
  it("drops assigned columns nobody reads, and what only they read", () => {
    const plan = select(assign(t(), { d: mul(col("b"), 2), e: col("c") }), ["a", "d"]);
    expectRewrite(pushdownProjection, plan, `
      Project [a, d]
        Assign [d := b * 2]
          Scan memory[4 partitions, 40 rows] columns=[a, b]
    `);
  });
  it("narrows the input of an aggregate to its keys and inputs", () => {
    expectRewrite(pushdownProjection, aggregate(t(), ["c"], { s: agg("sum", col("a")) }), `
      Aggregate keys=[c] aggs=[s := sum(a)]
        Scan memory[4 partitions, 40 rows] columns=[a, c]
    `);
  });
  it("reads no column at all for a row count", () => {
    expectRewrite(pushdownProjection, aggregate(t(), [], { n: agg("size", null) }), `
      Aggregate keys=[] aggs=[n := count()]
        Scan memory[4 partitions, 40 rows] columns=[]
    `);
  });
  it("drops aggregates a select does not read, through a limit", () => {
    const plan = select(limit(aggregate(t(), ["c"], { s: agg("sum", col("a")), m: agg("max", col("b")) }), 3), ["c", "m"]);
    expectRewrite(pushdownProjection, plan, `
      Project [c, m]
        Limit 3
          Aggregate keys=[c] aggs=[m := max(b)]
            Scan memory[4 partitions, 40 rows] columns=[b, c]
    `);
  });
  it("leaves a plan that reads everything alone", () => {
    expectUnchanged(pushdownProjection, select(t(), ["c", "b", "a"]));
    expectUnchanged(pushdownProjection, filter(scan("u", { a: "int32" }), gt(col("a"), 1)));
  });
});
