import { describe, it } from "vitest";
import { mergeProjections } from "@dusk/plan";
import { add, assign, col, expectRewrite, expectUnchanged, mul, select, t } from "../../helpers.js";

describe("merge-projections", () => {
  it("merges a select over a select", () => {
    expectRewrite(mergeProjections, select(select(t(), [["x", col("a")], "b"]), [["y", col("x")]]), `
      Project [y := a]
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("merges stacked assigns, inlining the first into the second", () => {
    expectRewrite(mergeProjections, assign(assign(t(), { d: mul(col("a"), 2) }), { e: add(col("d"), 1), d: col("b"), a: col("c") }), `
      Assign [d := b, e := a * 2 + 1, a := c]
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("turns a select over an assign into one select", () => {
    expectRewrite(mergeProjections, select(assign(t(), { d: mul(col("a"), 2) }), ["d", "c"]), `
      Project [d := a * 2, c]
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("does not merge when an expression would be computed twice", () => {
    expectUnchanged(mergeProjections, select(assign(t(), { d: mul(col("a"), 2) }), [["x", add(col("d"), col("d"))]]));
    expectUnchanged(mergeProjections, assign(assign(t(), { d: mul(col("a"), 2) }), { e: add(col("d"), 1) }));
  });
});
