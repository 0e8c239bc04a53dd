import { describe, it } from "vitest";
import { dtypes } from "@dusk/core";
import { constantFolding, litNode } from "@dusk/plan";
import { add, and, assign, col, expectRewrite, expectUnchanged, filter, gt, lit, mul, t } from "../../helpers.js";

describe("constant-folding", () => {
  it("folds literal arithmetic and comparisons", () => {
    const i32 = (v: number) => litNode(v, dtypes.int32);
    expectRewrite(constantFolding, filter(t(), gt(col("a"), add(i32(1), mul(i32(2), i32(3))))), `
      Filter a > 7
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("removes a filter on a condition that is always true", () => {
    expectRewrite(constantFolding, filter(t(), and(gt(2, 1), lit(true))), `
      Scan memory[4 partitions, 40 rows]
    `);
  });
  it("simplifies boolean identities", () => {
    expectRewrite(constantFolding, filter(t(), and(gt(col("a"), 1), gt(3, 2))), `
      Filter a > 1
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("does not fold an integer overflow (the kernels report it with the row)", () => {
    expectUnchanged(constantFolding, assign(t(), { x: add(lit(2n ** 62n), lit(2n ** 62n)) }));
  });
  it("leaves plans without constants alone", () => {
    expectUnchanged(constantFolding, filter(t(), gt(col("a"), col("b"))));
  });
});
