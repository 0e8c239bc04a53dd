import { describe, it } from "vitest";
import { eliminateIdentityProjection } from "@dusk/plan";
import { col, expectRewrite, expectUnchanged, select, t } from "../../helpers.js";

describe("eliminate-identity-projection", () => {
  it("removes a select of every column in order", () => {
    expectRewrite(eliminateIdentityProjection, select(t(), ["a", "b", "c"]), `
      Scan memory[4 partitions, 40 rows]
    `);
  });
  it("keeps a reorder or a rename", () => {
    expectUnchanged(eliminateIdentityProjection, select(t(), ["b", "a", "c"]));
    expectUnchanged(eliminateIdentityProjection, select(t(), ["a", "b", ["d", col("c")]]));
  });
});
