import { describe, expect, it } from "vitest";
import {
  aggregateNode, concatNode, dropDuplicatesNode, indexOf, knownDivisions, limitNode, mergeNode, partitionCount, partitionsMatching,
  repartitionNode, setIndexNode, sortNode, topNNode, compareScalars, bindExpr, colNode, litNode, binaryNode, type LogicalNode, type PartitionBounds,
} from "@dusk/plan";
import { assign, col, filter, gt, mul, scan, select } from "../helpers.js";

const bounds: PartitionBounds[] = [[0, 9], [10, 19], null, [30, 39]];
const base = (): LogicalNode => scan("t", { a: "int32", b: "float64", c: "utf8" });
const indexed = (): LogicalNode => setIndexNode(base(), "a", "sorted", bounds);

describe("indexOf: divisions per node kind", () => {
  it("set-index gives its column and divisions; kept partitions only", () => {
    expect(indexOf(indexed())).toEqual({ column: "a", divisions: bounds });
    const kept = setIndexNode(base(), "a", "sorted", bounds, [1, 3]);
    expect(knownDivisions(kept)).toEqual([[10, 19], [30, 39]]);
    expect(partitionCount(kept)).toBe(2);
  });
  it("filter, assign (not of the index) and project keep them; npartitions unchanged", () => {
    const f = filter(indexed(), gt(col("b"), 1));
    expect(knownDivisions(f)).toEqual(bounds);
    expect(partitionCount(f)).toBe(4);
    expect(indexOf(assign(indexed(), { d: mul(col("b"), 2) }))?.column).toBe("a");
    expect(indexOf(select(indexed(), [["ts", col("a")], "b"]))).toEqual({ column: "ts", divisions: bounds });
  });
  it("assign over the index column and a projection without it lose it", () => {
    expect(indexOf(assign(indexed(), { a: mul(col("a"), 2) }))).toBeNull();
    expect(indexOf(select(indexed(), ["b"]))).toBeNull();
  });
  it("limit keeps the column with one spanning bound", () => {
    expect(indexOf(limitNode(indexed(), 5))).toEqual({ column: "a", divisions: [[0, 39]] });
  });
  it("nodes that move rows between partitions lose it", () => {
    const i = indexed();
    const lost: LogicalNode[] = [
      sortNode(i, ["b"], [true]), topNNode(i, 3, ["b"], [true], null), repartitionNode(i, 2), concatNode([i, i]),
      dropDuplicatesNode(i, ["a"], "first", 1), mergeNode(i, base(), "inner", ["a"], ["a"], ["_x", "_y"]),
      aggregateNode(i, ["a"], []), base(),
    ];
    for (const n of lost) expect(indexOf(n)).toBeNull();
  });
  it("reset forgets it; unknown divisions stay unknown", () => {
    expect(indexOf(setIndexNode(base(), "a", "sorted", bounds, null, true))).toBeNull();
    expect(indexOf(setIndexNode(base(), "a", "sorted", null))).toEqual({ column: "a", divisions: null });
    expect(knownDivisions(setIndexNode(base(), "a", "sorted", null))).toBeNull();
  });
});

describe("partitionsMatching", () => {
  const cmp = (op: "gt" | "ge" | "lt" | "le" | "eq", v: number) =>
    bindExpr(binaryNode(op, colNode("a"), litNode(v)), { schema: base().schema, where: "test" });
  it("judges comparisons with inclusive bounds; partitions without values never match", () => {
    expect(partitionsMatching(bounds, cmp("ge", 9), "a")).toEqual([0, 1, 3]);
    expect(partitionsMatching(bounds, cmp("gt", 9), "a")).toEqual([1, 3]);
    expect(partitionsMatching(bounds, cmp("le", 10), "a")).toEqual([0, 1]);
    expect(partitionsMatching(bounds, cmp("eq", 25), "a")).toEqual([]);
    expect(partitionsMatching(bounds, cmp("lt", 0), "a")).toEqual([]);
  });
  it("a literal on the left is flipped", () => {
    const e = bindExpr(binaryNode("lt", litNode(35), colNode("a")), { schema: base().schema, where: "test" });
    expect(partitionsMatching(bounds, e, "a")).toEqual([3]);
  });
  it("judges an integer index cast to float, as binding writes int_col > 9.5", () => {
    const e = bindExpr(binaryNode("ge", colNode("a"), litNode(9.5)), { schema: base().schema, where: "test" });
    expect(partitionsMatching(bounds, e, "a")).toEqual([1, 3]);
    const s = bindExpr(binaryNode("ge", colNode("c"), litNode("m")), { schema: base().schema, where: "test" });
    expect(partitionsMatching(bounds, s, "a")).toEqual([0, 1, 2, 3]);
  });
  it("compares strings by code point and bigints exactly", () => {
    expect(compareScalars("Z", "a")).toBeLessThan(0);
    expect(compareScalars("é", "ｚ")).toBeLessThan(0);
    expect(compareScalars(9007199254740993n, 9007199254740992n)).toBeGreaterThan(0);
    expect(compareScalars(3, 4n)).toBeLessThan(0);
  });
});
