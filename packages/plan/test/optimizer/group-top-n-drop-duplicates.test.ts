/**
 * Per-group TopN and DropDuplicates through the node operations (explain, hash, partitions, row
 * count, with-children) and the predicate and projection rules: plans before and after as explain text.
 */
import { describe, expect, it } from "vitest";
import {
  children, dropDuplicatesNode, explainPlan, knownRowCount, nodeKey, optimize, partitionCount, pushdownPredicate, pushdownProjection,
  topNNode, withChildren, type LogicalNode, type TopNGroup,
} from "@dusk/plan";
import { and, col, dedent, eq, expectRewrite, expectUnchanged, filter, gt, scan, select, t } from "../helpers.js";

const per = (keys: string[], splitOut = 1, dropna = true): TopNGroup => ({ keys, dropna, splitOut });
const top = (input: LogicalNode = t(), g: TopNGroup = per(["c"])): LogicalNode => topNNode(input, 2, ["b"], [false], g);

describe("per-group TopN and DropDuplicates nodes", () => {
  it("explain, hash and count partitions by their options", () => {
    expect(explainPlan(top(t(), per(["c", "a"], 3, false)))).toBe(dedent(`
      TopN 2 by=[b desc] per=[c, a] dropna=false splitOut=3
        Scan memory[4 partitions, 40 rows]
    `));
    expect(explainPlan(dropDuplicatesNode(t(), ["a"], "last", 2))).toBe(dedent(`
      DropDuplicates subset=[a] keep=last splitOut=2
        Scan memory[4 partitions, 40 rows]
    `));
    const keys = new Set([
      nodeKey(topNNode(t(), 2, ["b"], [false])), nodeKey(top()), nodeKey(top(t(), per(["c"], 2))), nodeKey(top(t(), per(["c"], 1, false))),
      nodeKey(top(t(), per(["a"]))), nodeKey(dropDuplicatesNode(t(), ["a"])), nodeKey(dropDuplicatesNode(t(), ["a"], "last")),
      nodeKey(dropDuplicatesNode(t(), ["a"], "first", 2)), nodeKey(dropDuplicatesNode(t(), ["a", "c"])),
    ]);
    expect(keys.size).toBe(9);
    expect(nodeKey(top())).toBe(nodeKey(top()));
    expect(partitionCount(top())).toBe(1);
    expect(partitionCount(top(t(), per(["c"], 5)))).toBe(5);
    expect(partitionCount(dropDuplicatesNode(t(), ["a"]))).toBe(1);
    expect(partitionCount(dropDuplicatesNode(t(), ["a"], "first", 6))).toBe(6);
    expect(knownRowCount(topNNode(t(), 2, ["b"], [false]))).toBe(2);
    expect(knownRowCount(top())).toBe(null);
    expect(knownRowCount(dropDuplicatesNode(t(), ["a"]))).toBe(null);
  });

  it("rebuild over new inputs keeping every field", () => {
    const t2 = scan("t2", { a: "int32", b: "float64", c: "utf8" });
    for (const n of [top(t(), per(["c", "a"], 3, false)), dropDuplicatesNode(t(), ["c"], "last", 4)]) {
      expect(children(n)).toEqual([t()]);
      const m = withChildren(n, [t2]);
      expect(explainPlan(m).split("\n")[0]).toBe(explainPlan(n).split("\n")[0]);
      expect(withChildren(n, [children(n)[0]])).toBe(n);
    }
  });

  it("reject bad arguments", () => {
    expect(() => top(t(), per([]))).toThrow(/at least one group key/);
    expect(() => top(t(), per(["b"]))).toThrow(/"b" is a group key/);
    expect(() => top(t(), per(["zz"]))).toThrow(/zz/);
    expect(() => top(t(), per(["c"], 0))).toThrow(/splitOut/);
    expect(() => dropDuplicatesNode(t(), [])).toThrow(/at least one column/);
    expect(() => dropDuplicatesNode(t(), ["a", "a"])).toThrow(/repeats/);
    expect(() => dropDuplicatesNode(t(), ["a"], "none" as "first")).toThrow(/keep must be/);
  });
});

describe("predicate pushdown at a per-group TopN and a DropDuplicates", () => {
  it("moves conjuncts on the group keys below a per-group top-n, keeps the others above", () => {
    expectRewrite(pushdownPredicate, filter(top(), and(eq(col("c"), "x"), gt(col("a"), 0))), `
      Filter a > 0
        TopN 2 by=[b desc] per=[c]
          Scan memory[4 partitions, 40 rows] filter=c == "x"
    `);
  });

  it("keeps a filter on ranked or other columns above a per-group top-n", () => {
    expectUnchanged(pushdownPredicate, filter(top(), gt(col("b"), 1)));
    expectUnchanged(pushdownPredicate, filter(top(), gt(col("a"), 1)));
  });

  it("moves conjuncts on the subset below a drop-duplicates, keeps the others above", () => {
    expectRewrite(pushdownPredicate, filter(dropDuplicatesNode(t(), ["a", "c"]), and(and(eq(col("c"), "x"), gt(col("a"), 0)), gt(col("b"), 1))), `
      Filter b > 1
        DropDuplicates subset=[a, c] keep=first
          Scan memory[4 partitions, 40 rows] filter=c == "x" and a > 0
    `);
    expectUnchanged(pushdownPredicate, filter(dropDuplicatesNode(t(), ["a"]), gt(col("b"), 1)));
  });
});

describe("projection pushdown at a per-group TopN and a DropDuplicates", () => {
  it("keeps the group keys and ranked columns below a per-group top-n", () => {
    const wide = scan("w", { a: "int32", b: "float64", c: "utf8", d: "int64" });
    expectRewrite(pushdownProjection, select(top(wide), ["a"]), `
      Project [a]
        TopN 2 by=[b desc] per=[c]
          Scan memory[4 partitions, 40 rows] columns=[a, b, c]
    `);
  });

  it("keeps the subset below a drop-duplicates", () => {
    const wide = scan("w", { a: "int32", b: "float64", c: "utf8", d: "int64" });
    expectRewrite(pushdownProjection, select(dropDuplicatesNode(wide, ["c", "d"]), ["a"]), `
      Project [a]
        DropDuplicates subset=[c, d] keep=first
          Scan memory[4 partitions, 40 rows] columns=[a, c, d]
    `);
  });

  it("optimize keeps both nodes above a filter on other columns", () => {
    const out = optimize(filter(dropDuplicatesNode(top(), ["c"]), gt(col("b"), 0)));
    expect(explainPlan(out)).toBe(dedent(`
      Filter b > 0
        DropDuplicates subset=[c] keep=first
          TopN 2 by=[b desc] per=[c]
            Scan memory[4 partitions, 40 rows]
    `));
  });
});
