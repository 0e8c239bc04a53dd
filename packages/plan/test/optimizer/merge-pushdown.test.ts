/** The projection and predicate rules at a Merge: plans before and after as explain text. */
import { describe, it } from "vitest";
import { mergeNode, pushdownPredicate, pushdownProjection, type LogicalNode } from "@dusk/plan";
import { and, col, eq, expectRewrite, expectUnchanged, filter, gt, scan, select, t } from "../helpers.js";

const u = (): LogicalNode => scan("u", { a: "int64", b: "utf8", d: "bool" }, 2);

describe("predicate pushdown at a merge", () => {
  it("sends each conjunct to the side it reads, renaming suffixed columns, for an inner merge", () => {
    expectRewrite(pushdownPredicate, filter(mergeNode(t(), u(), "inner", ["a"], ["a"]), and(gt(col("b_x"), 1), and(eq(col("d"), true), gt(col("a"), 2)))), `
      Filter a > 2
        Merge how=inner on=[a] broadcast=right (~660B estimated < broadcastThreshold 64MB)
          Scan memory[4 partitions, 40 rows] filter=b > 1
          Scan memory[2 partitions, 20 rows] filter=d == true
    `);
  });

  it("keeps a filter on the right side above a left merge (null-extended rows would differ)", () => {
    expectUnchanged(pushdownPredicate, filter(mergeNode(t(), u(), "left", ["a"], ["a"]), eq(col("d"), true)));
  });
});

describe("projection pushdown at a merge", () => {
  it("narrows both sides to keys, read columns and names both sides have", () => {
    expectRewrite(pushdownProjection, select(mergeNode(t(), scan("v", { a: "int32", e: "utf8", f: "float64" }), "inner", ["a"], ["a"]), ["e"]), `
      Project [e]
        Merge how=inner on=[a] broadcast=right (~1.12kB estimated < broadcastThreshold 64MB)
          Scan memory[4 partitions, 40 rows] columns=[a]
          Scan memory[4 partitions, 40 rows] columns=[a, e]
    `);
  });
});
