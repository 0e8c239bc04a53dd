import { describe, expect, it } from "vitest";
import {
  binaryNode, bindExpr, castNode, colNode, isInNode, litNode, Schema, unaryNode, type ExprNode,
} from "@dusk/plan";
import { dtypes } from "@dusk/core";
import { rowGroupFilters } from "../src/lower/row-group-filters.js";

const schema = Schema.of({ a: "int32", b: "int64", s: "utf8", f: "float64" });
const typed = (e: ExprNode) => bindExpr(e, { schema, where: "filter" });
const and = (x: ExprNode, y: ExprNode) => binaryNode("and", x, y);

describe("rowGroupFilters (the statistics-decidable part of a scan predicate)", () => {
  it("takes comparisons of a column with a literal on either side, isIn and null tests, through and", () => {
    const p = and(and(binaryNode("gt", colNode("a"), litNode(3)), binaryNode("le", litNode(10n), colNode("b"))),
      and(isInNode(colNode("s"), ["x", "y"]), unaryNode("isNotNull", colNode("f"))));
    expect(rowGroupFilters(typed(p))).toEqual([["a", ">", 3], ["b", ">=", 10n], ["s", "in", ["x", "y"]], ["f", "!=", null]]);
  });

  it("leaves out what statistics cannot decide: or, arithmetic, casts, null literals", () => {
    expect(rowGroupFilters(typed(binaryNode("or", binaryNode("gt", colNode("a"), litNode(3)), binaryNode("lt", colNode("a"), litNode(0)))))).toEqual([]);
    expect(rowGroupFilters(typed(binaryNode("gt", binaryNode("add", colNode("a"), litNode(1)), litNode(3))))).toEqual([]);
    expect(rowGroupFilters(typed(binaryNode("gt", castNode(colNode("a"), dtypes.float64), litNode(3.5))))).toEqual([]);
    expect(rowGroupFilters(typed(and(binaryNode("eq", colNode("s"), litNode(null)), binaryNode("ne", colNode("s"), litNode("z")))))).toEqual([["s", "!=", "z"]]);
    expect(rowGroupFilters(null)).toEqual([]);
  });
});
