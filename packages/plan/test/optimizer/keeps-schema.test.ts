/** Every default rule, run over every fixture plan, keeps the plan's output schema (names and dtypes). */
import { describe, expect, it } from "vitest";
import {
  applyRuleToFixedPoint, concatNode, defaultRules, dropDuplicatesNode, mergeNode, optimize, repartitionNode, setIndexNode, sortNode, topNNode, type LogicalNode,
} from "@dusk/plan";
import { add, agg, aggregate, and, assign, col, eq, filter, gt, limit, lit, mul, scan, select, t } from "../helpers.js";

const u = (): LogicalNode => scan("u", { a: "int64", b: "utf8", d: "bool" }, 2);

const fixtures: Record<string, () => LogicalNode> = {
  scan: t,
  "filter over assign": () => filter(assign(t(), { d: mul(col("a"), col("b")) }), gt(col("d"), 3)),
  "select over filter": () => select(filter(t(), and(gt(col("b"), 1), gt(lit(2), 1))), [["x", col("a")]]),
  "stacked assigns": () => assign(assign(t(), { d: mul(col("a"), 2) }), { e: add(col("d"), 1), a: col("b") }),
  "aggregate with filters": () =>
    filter(aggregate(filter(t(), gt(col("a"), 0)), ["c"], { s: agg("sum", col("a")), r: add(agg("max", col("b")), agg("min", col("a"))) }),
      and(eq(col("c"), "x"), gt(col("s"), 1))),
  "limit over select": () => limit(select(assign(t(), { z: lit(1) }), ["z", "c"]), 3),
  "whole-frame aggregate": () => aggregate(select(t(), ["a"]), [], { n: agg("size", null), m: agg("mean", col("a")) }),
  "select over a filtered merge": () =>
    select(filter(mergeNode(t(), u(), "inner", ["a"], ["a"]), and(gt(col("b_x"), 1), eq(col("d"), true))), ["a", "b_y"]),
  "left merge under a filter reading both sides": () =>
    filter(mergeNode(filter(t(), gt(col("a"), 0)), u(), "left", ["a"], ["a"]), and(gt(col("b_x"), 1), eq(col("b_y"), "z"))),
  "anti merge with other key names": () => select(mergeNode(t(), u(), "anti", ["c"], ["b"]), ["c"]),
  "select over a filtered sort": () => select(filter(sortNode(assign(t(), { d: add(col("a"), 1) }), ["c", "d"], [true, false], "first"), gt(col("b"), 1)), ["a"]),
  "filter over a top-n": () => select(filter(topNNode(t(), 3, ["b", "a"], [false, false]), gt(col("a"), 0)), ["c"]),
  "select over a filter over a per-group top-n": () =>
    select(filter(topNNode(t(), 2, ["b"], [false], { keys: ["c"], dropna: true, splitOut: 2 }), and(eq(col("c"), "x"), gt(col("a"), 0))), ["b"]),
  "select over a filter over drop-duplicates": () =>
    select(filter(dropDuplicatesNode(t(), ["a", "c"], "last", 3), and(eq(col("c"), "x"), gt(col("b"), 0))), ["a"]),
  "select over a filtered concat, one input filtered on another column": () =>
    select(filter(concatNode([filter(t(), gt(col("b"), 1)), scan("t2", { a: "int32", b: "float64", c: "utf8" }, 3)]), gt(col("a"), 0)), ["c"]),
  "select over a concat of an assign and a limit": () =>
    select(concatNode([assign(t(), { a: add(col("a"), 1) }), limit(scan("t3", { a: "int32", b: "float64", c: "utf8" }, 2), 4)]), ["c", "a"]),
  "select over a filter on the index of a set-index": () =>
    select(filter(setIndexNode(assign(t(), { d: add(col("a"), 1) }), "a", "sort-partitions", [[0, 9], [10, 19], [20, 29], [30, 39]]), gt(col("a"), 15)), ["c"]),
  "aggregate over a repartitioned assign": () =>
    aggregate(filter(repartitionNode(assign(t(), { d: mul(col("a"), 2) }), 7), gt(col("d"), 1)), ["c"], { s: agg("sum", col("d")) }),
};

describe("every rule keeps the output schema", () => {
  for (const [name, make] of Object.entries(fixtures)) {
    for (const rule of defaultRules) {
      it(`${rule.name} on ${name}`, () => {
        const plan = make();
        expect(applyRuleToFixedPoint(rule, plan).schema.equals(plan.schema)).toBe(true);
      });
    }
    it(`all rules together on ${name}`, () => {
      const plan = make();
      expect(optimize(plan).schema.equals(plan.schema)).toBe(true);
    });
  }
});
