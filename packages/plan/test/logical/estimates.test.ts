/** Planner estimates: row bounds, bytes, group counts through nodes, and the merge decision they drive. */
import { afterEach, describe, expect, it } from "vitest";
import {
  concatNode, estimateBytes, estimateGroups, estimateRows, explainNode, mergeDecision, mergeNode, plannerSettings, setPlannerSettings,
  type MergeNode, type Source,
} from "@dusk/plan";
import { add, agg, aggregate, assign, col, filter, gt, limit, scan, select, t } from "../helpers.js";

/** A distinct estimator that knows 7 values per column and multiplies them. */
const seven = (_s: Source, cols: readonly string[]) => 7 ** cols.length;

describe("estimates", () => {
  const saved = plannerSettings();
  afterEach(() => setPlannerSettings(saved));

  it("estimateRows: known counts, and upper bounds through filters, limits and aggregates", () => {
    const base = t(); // 4 partitions of 10 rows
    expect(estimateRows(base)).toBe(40);
    expect(estimateRows(filter(base, gt(col("a"), 1)))).toBe(40);
    expect(estimateRows(limit(filter(base, gt(col("a"), 1)), 5))).toBe(5);
    expect(estimateRows(aggregate(base, [], { n: agg("size", null) }))).toBe(1);
    expect(estimateRows(aggregate(base, ["c"], { n: agg("size", null) }))).toBe(40);
    expect(estimateRows(concatNode([base, base]))).toBe(80);
    expect(estimateRows(mergeNode(base, base, "inner", ["a"], ["a"]))).toBeNull();
  });

  it("estimateBytes: rows × the schema's row width", () => {
    expect(estimateBytes(t())).toBe(40 * (4 + 8 + 24));
    expect(estimateBytes(select(t(), ["a"]))).toBe(40 * 4);
  });

  it("estimateGroups follows keys through renames, filters and assigns of other columns; a computed key has none", () => {
    const base = t();
    expect(estimateGroups(base, ["a", "c"], seven)).toBe(40); // 49, capped by the 40 rows
    expect(estimateGroups(base, ["a"], seven)).toBe(7);
    expect(estimateGroups(select(filter(base, gt(col("b"), 0)), [["k", col("a")]]), ["k"], seven)).toBe(7);
    expect(estimateGroups(assign(base, { d: add(col("a"), 1) }), ["c"], seven)).toBe(7);
    expect(estimateGroups(assign(base, { d: add(col("a"), 1) }), ["d"], seven)).toBeNull();
    expect(estimateGroups(base, ["a"], () => null)).toBeNull();
  });

  it("mergeDecision: a small multi-partition side is broadcast below the threshold, never for outer", () => {
    const big = scan("big", { a: "int32", v: "float64" }, 8), small = scan("small", { a: "int32", w: "utf8" }, 3);
    const m = (how: MergeNode["how"], l = big, r = small) => mergeNode(l, r, how, ["a"], ["a"]) as MergeNode;
    expect(mergeDecision(m("inner"))).toEqual({ strategy: "broadcast-right", why: "size", bytes: 30 * 28 });
    expect(mergeDecision(m("left")).strategy).toBe("broadcast-right");
    expect(mergeDecision(m("right", small, big))).toEqual({ strategy: "broadcast-left", why: "size", bytes: 30 * 28 });
    expect(mergeDecision(m("outer")).strategy).toBe("shuffle");
    expect(explainNode(m("inner"))).toBe("Merge how=inner on=[a] broadcast=right (~840B estimated < broadcastThreshold 64MB)");
    setPlannerSettings({ broadcastBytes: 500 });
    expect(mergeDecision(m("inner"))).toEqual({ strategy: "shuffle", why: "large", bytes: 840 });
    expect(explainNode(m("inner"))).toBe("Merge how=inner on=[a]");
  });
});
