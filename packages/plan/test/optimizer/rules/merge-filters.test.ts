import { describe, it } from "vitest";
import { mergeFilters } from "@dusk/plan";
import { assign, col, expectRewrite, expectUnchanged, filter, gt, lt, t } from "../../helpers.js";

describe("merge-filters", () => {
  it("merges stacked filters into one condition", () => {
    expectRewrite(mergeFilters, filter(filter(filter(t(), gt(col("a"), 1)), lt(col("b"), 2)), gt(col("c"), "x")), `
      Filter a > 1 and b < 2 and c > "x"
        Scan memory[4 partitions, 40 rows]
    `);
  });
  it("does not merge filters separated by another node", () => {
    expectUnchanged(mergeFilters, filter(assign(filter(t(), gt(col("a"), 1)), { d: col("a") }), gt(col("d"), 2)));
  });
});
