/** The predicate and projection rules at Sort, TopN, Concat and Repartition: plans before and after as explain text. */
import { describe, expect, it } from "vitest";
import {
  concatNode, explainPlan, optimize, pushdownPredicate, pushdownProjection, repartitionNode, sortNode, topNNode, type LogicalNode,
} from "@dusk/plan";
import { and, col, dedent, eq, expectRewrite, expectUnchanged, filter, gt, limit, scan, select, t } from "../helpers.js";

const t2 = (): LogicalNode => scan("t2", { a: "int32", b: "float64", c: "utf8" }, 3);

describe("predicate pushdown at sorts, concats and repartitions", () => {
  it("moves a filter below a sort", () => {
    const plan = filter(sortNode(t(), ["c", "a"], [true, false], "first"), gt(col("b"), 1));
    expect(explainPlan(plan)).toBe(dedent(`
      Filter b > 1
        Sort by=[c, a desc] nulls=first
          Scan memory[4 partitions, 40 rows]
    `));
    expectRewrite(pushdownPredicate, plan, `
      Sort by=[c, a desc] nulls=first
        Scan memory[4 partitions, 40 rows] filter=b > 1
    `);
  });

  it("copies a filter into every input of a concat", () => {
    expectRewrite(pushdownPredicate, filter(concatNode([t(), t2()]), and(gt(col("a"), 0), eq(col("c"), "x"))), `
      Concat 2 frames
        Scan memory[4 partitions, 40 rows] filter=a > 0 and c == "x"
        Scan memory[3 partitions, 30 rows] filter=a > 0 and c == "x"
    `);
  });

  it("moves a filter below a repartition", () => {
    expectRewrite(pushdownPredicate, filter(repartitionNode(t(), 9), gt(col("a"), 0)), `
      Repartition npartitions=9
        Scan memory[4 partitions, 40 rows] filter=a > 0
    `);
  });

  it("keeps a filter above a top-n and a limit (which rows are first would change)", () => {
    expectUnchanged(pushdownPredicate, filter(topNNode(t(), 5, ["b"], [false]), gt(col("a"), 0)));
    expectUnchanged(pushdownPredicate, filter(limit(sortNode(t(), ["b"], [true]), 5), gt(col("a"), 0)));
  });
});

describe("projection pushdown at sorts, top-n, concats and repartitions", () => {
  it("keeps the sort keys below a sort", () => {
    expectRewrite(pushdownProjection, select(sortNode(t(), ["a"], [true]), ["c"]), `
      Project [c]
        Sort by=[a]
          Scan memory[4 partitions, 40 rows] columns=[a, c]
    `);
  });

  it("keeps the keys below a top-n, and passes columns through a repartition", () => {
    expectRewrite(pushdownProjection, select(repartitionNode(topNNode(t(), 2, ["b"], [false]), 3), ["a"]), `
      Project [a]
        Repartition npartitions=3
          TopN 2 by=[b desc]
            Scan memory[4 partitions, 40 rows] columns=[a, b]
    `);
  });

  it("narrows every input of a concat alike, selecting where an input keeps a column for its own filter", () => {
    expectRewrite(pushdownProjection, select(concatNode([filter(t(), gt(col("b"), 1)), t2()]), ["c"]), `
      Project [c]
        Concat 2 frames
          Project [c]
            Filter b > 1
              Scan memory[4 partitions, 40 rows] columns=[b, c]
          Scan memory[3 partitions, 30 rows] columns=[c]
    `);
  });

  it("optimizes a filtered, projected concat of a sort to a fixed point", () => {
    const plan = select(filter(concatNode([sortNode(filter(t(), gt(col("b"), 1)), ["a"], [true]), t2()]), eq(col("c"), "x")), ["c"]);
    expect(explainPlan(optimize(plan))).toBe(dedent(`
      Concat 2 frames
        Project [c]
          Sort by=[a]
            Scan memory[4 partitions, 40 rows] columns=[a, c] filter=b > 1 and c == "x"
        Scan memory[3 partitions, 30 rows] columns=[c] filter=c == "x"
    `));
  });
});
