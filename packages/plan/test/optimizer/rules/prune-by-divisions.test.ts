import { describe, expect, it } from "vitest";
import { optimize, pruneByDivisions, pushdownPredicate, explainPlan, mergeNode, setIndexNode, type LogicalNode, type PartitionBounds } from "@dusk/plan";
import { and, assign, col, eq, expectRewrite, expectUnchanged, filter, gt, lt, mul, scan, select } from "../../helpers.js";

/** t(a int32, b float64, c utf8) in 4 partitions, indexed by a: [0, 9], [10, 19], [20, 29], [30, 39]. */
const bounds: PartitionBounds[] = [[0, 9], [10, 19], [20, 29], [30, 39]];
const indexed = (): LogicalNode => setIndexNode(scan("t", { a: "int32", b: "float64", c: "utf8" }), "a", "sorted", bounds);
const pushed = (n: LogicalNode): LogicalNode => {
  // as the optimizer does: predicate pushdown first, then this rule
  let out = n;
  for (let i = 0; i < 4; i++) out = optimizeWith(out);
  return out;
};
const optimizeWith = (n: LogicalNode): LogicalNode => optimize(n);

describe("prune-by-divisions", () => {
  it("keeps only the partitions whose bounds meet a range on the index", () => {
    const plan = setIndexNode(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), and(gt(col("a"), 12), lt(col("a"), 25))), "a", "sorted", bounds);
    expectRewrite(pruneByDivisions, plan, `
      SetIndex a sorted divisions=known partitions 2 of 4 (divisions)
        Filter a > 12 and a < 25
          Scan memory[4 partitions, 40 rows]
    `);
  });

  it("reads a filter pushed into the scan, through an assign that keeps the index", () => {
    const plan = optimize(filter(assign(indexed(), { d: mul(col("b"), 2) }), eq(col("a"), 30)));
    expect(explainPlan(plan)).toBe([
      "Assign [d := b * 2]",
      "  SetIndex a sorted divisions=known partitions 1 of 4 (divisions)",
      "    Scan memory[4 partitions, 40 rows] filter=a == 30",
    ].join("\n"));
  });

  it("keeps no partition when the range lies between two partitions or outside all", () => {
    const plan = setIndexNode(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), gt(col("a"), 39)), "a", "sorted", bounds);
    expectRewrite(pruneByDivisions, plan, `
      SetIndex a sorted divisions=known partitions 0 of 4 (divisions)
        Filter a > 39
          Scan memory[4 partitions, 40 rows]
    `);
  });

  it("does not fire on a filter on another column", () => {
    expectUnchanged(pruneByDivisions, setIndexNode(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), gt(col("b"), 12)), "a", "sorted", bounds));
  });

  it("does not fire when the divisions are unknown", () => {
    expectUnchanged(pruneByDivisions, setIndexNode(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), gt(col("a"), 12)), "a", "sorted", null));
  });

  it("does not fire when the index was reset", () => {
    expectUnchanged(pruneByDivisions, setIndexNode(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), gt(col("a"), 12)), "a", "sort-partitions", bounds, null, true));
  });

  it("does not fire when an assign below replaces the index column", () => {
    // the filter reads the old a; the divisions describe the new one
    const below = assign(filter(scan("t", { a: "int32", b: "float64", c: "utf8" }), gt(col("a"), 30)), { a: mul(col("a"), 2) });
    expectUnchanged(pruneByDivisions, setIndexNode(below, "a", "sorted", bounds));
  });

  it("does not prune through a merge whose filter stays above it", () => {
    const right = scan("u", { a: "int32", d: "int64" }, 2);
    const merged = mergeNode(indexed(), right, "outer", ["a"], ["a"], ["_x", "_y"]);
    const out = optimize(filter(merged, gt(col("a"), 30)));
    expect(explainPlan(out)).not.toContain("(divisions)");
  });

  it("reads a filter above an assign that replaced the index column below the set-index", () => {
    const below = filter(assign(scan("t", { a: "int32", b: "float64", c: "utf8" }), { a: mul(col("a"), 2) }), gt(col("a"), 30));
    expectRewrite(pruneByDivisions, setIndexNode(below, "a", "sorted", bounds), `
      SetIndex a sorted divisions=known partitions 1 of 4 (divisions)
        Filter a > 30
          Assign [a := a * 2]
            Scan memory[4 partitions, 40 rows]
    `);
  });

  it("with predicate pushdown, an ordinary filter above the index prunes", () => {
    const out = pushed(filter(select(indexed(), ["a", "b"]), gt(col("a"), 25)));
    expect(explainPlan(out)).toContain("SetIndex a sorted divisions=known partitions 2 of 4 (divisions)");
    expect(pushdownPredicate.name).toBe("pushdown-predicate");
  });
});
