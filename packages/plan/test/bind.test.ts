import { describe, expect, it } from "vitest";
import { dtypes, formatDType, isDuskError } from "@dusk/core";
import {
  betweenNode, bindExpr, castNode, explainExpr, fillNullNode, isInNode, litNode, Schema, unaryNode, type ExprNode,
} from "@dusk/plan";
import { add, agg, and, col, eq, gt, lit, lt, mul } from "./helpers.js";

const schema = Schema.of({
  id1: "utf8", i8: "int8", i32: "int32", i64: "int64", u32: "uint32", u64: "uint64", f32: "float32", f64: "float64",
  b: "bool", d: "date32", ts: "timestamp[ms]",
});
const b = (e: ExprNode, where = "filter(...)") => bindExpr(e, { schema, where });
const text = (e: ExprNode) => explainExpr(b(e));
const type = (e: ExprNode) => formatDType(b(e).dtype);

function error(f: () => unknown): { code: string; message: string } {
  try { f(); } catch (e) { if (isDuskError(e)) return { code: e.code, message: e.message }; throw e; }
  throw new Error("expected an error");
}

describe("binding", () => {
  it("adapts weak literals to the column they meet", () => {
    expect(text(gt(col("i32"), 2))).toBe("i32 > 2");
    const e = b(gt(col("i8"), 2));
    expect(e.kind === "binary" && formatDType(e.right.dtype)).toBe("int8");
    expect(text(gt(col("i8"), 1000))).toBe("cast(i8 as int64) > 1000");
    expect(text(gt(col("i32"), 2.5))).toBe("cast(i32 as float64) > 2.5");
    expect(type(add(col("f32"), 1))).toBe("float32");
    expect(type(add(col("i64"), 2n ** 62n))).toBe("int64");
  });

  it("promotes strong types", () => {
    expect(type(add(col("i8"), col("i32")))).toBe("int32");
    expect(type(add(col("i32"), col("u32")))).toBe("int64");
    expect(type(add(col("i32"), col("f32")))).toBe("float64");
    expect(type(add(col("i32"), col("f64")))).toBe("float64");
    expect(type(binaryDiv(col("i32"), col("i32")))).toBe("float64");
    expect(type(gt(col("d"), col("ts")))).toBe("bool");
    expect(text(gt(col("d"), col("ts")))).toBe("cast(d as timestamp[ms]) > ts");
    expect(error(() => b(add(col("i64"), col("u64")))).code).toBe("TYPE_MISMATCH");
  });

  it("types date arithmetic and date literals", () => {
    expect(type(add(col("d"), 3))).toBe("date32");
    expect(type(binarySub(col("d"), col("d")))).toBe("int32");
    expect(text(gt(col("d"), "1994-01-01"))).toBe("d > date'1994-01-01'");
    expect(text(gt(col("d"), new Date(Date.UTC(1994, 0, 1))))).toBe("d > date'1994-01-01'");
    expect(text(gt(col("ts"), new Date(Date.UTC(1994, 0, 1, 12))))).toBe("ts > timestamp'1994-01-01T12:00:00.000Z'");
  });

  it("names the missing column and the columns there are", () => {
    const e = error(() => b(gt(col("v9"), 1), "filter(v9 > 1)"));
    expect(e.code).toBe("COLUMN_NOT_FOUND");
    expect(e.message).toBe('column "v9" not found in filter(v9 > 1); columns are id1, i8, i32, i64, u32, u64, f32, f64, b, d, ts');
    expect(error(() => b(gt(col("I32"), 1))).message).toContain('Did you mean "i32"?');
  });

  it("reports type errors with the types and the call", () => {
    expect(error(() => b(gt(col("id1"), 5), "filter(id1 > 5)")).message).toBe("cannot compare utf8 with int64 in filter(id1 > 5)");
    const m = error(() => b(and(gt(col("i32"), 1), lt(col("id1"), col("i64"))), "filter(i32 > 1 and id1 < i64)")).message;
    expect(m).toBe("cannot compare utf8 with int64 (id1 < i64) in filter(i32 > 1 and id1 < i64)");
    expect(error(() => b(add(col("id1"), 1))).message).toContain("cannot apply + to utf8 and int64");
    expect(error(() => b(and(col("i32"), col("b")))).message).toContain("and needs bool operands, got int32 and bool");
    expect(error(() => b(unaryNode("neg", col("u32")))).message).toContain("cannot negate uint32");
    expect(error(() => b(castNode(col("b"), dtypes.date32))).message).toContain("cannot cast bool to date32");
    expect(error(() => b(isInNode(col("i32"), ["x"]))).message).toContain('isIn value "x" cannot be compared with int32');
  });

  it("binds the remaining kinds", () => {
    expect(text(betweenNode(col("i32"), lit(1), lit(5)))).toBe("i32 >= 1 and i32 <= 5");
    expect(text(betweenNode(col("i32"), lit(1), lit(5), "neither"))).toBe("i32 > 1 and i32 < 5");
    expect(text(fillNullNode(col("f64"), lit(0)))).toBe("fill_null(f64, 0)");
    expect(text(isInNode(col("i32"), [1, 2.5, 3]))).toBe("i32 in [1, 3]");
    expect(text(unaryNode("neg", lit(5)))).toBe("-5");
    expect(type(unaryNode("isNull", col("id1")))).toBe("bool");
    expect(text(castNode(lit(5), dtypes.int16))).toBe("5");
    expect(text(mul(add(col("i32"), 1), 2))).toBe("(i32 + 1) * 2");
    expect(text(eq(litNode(1, dtypes.int32), col("i32")))).toBe("1 == i32");
  });

  it("allows aggregates only in aggregations, with keys outside them", () => {
    expect(error(() => b(gt(agg("sum", col("i32")), 1))).code).toBe("INVALID_EXPRESSION");
    const inAgg = (e: ExprNode) => bindExpr(e, { schema, where: "agg", aggregate: { keys: ["id1"] } });
    expect(explainExpr(inAgg(add(agg("max", col("i32")), agg("min", col("f64")))))).toBe("cast(max(i32) as float64) + min(f64)");
    expect(formatDType(inAgg(agg("sum", col("i8"))).dtype)).toBe("int64");
    expect(formatDType(inAgg(agg("sum", col("u32"))).dtype)).toBe("uint64");
    expect(formatDType(inAgg(agg("mean", col("i32"))).dtype)).toBe("float64");
    expect(formatDType(inAgg(agg("size", null)).dtype)).toBe("int64");
    expect(error(() => inAgg(agg("sum", col("id1")))).message).toContain("cannot sum utf8 values");
    expect(error(() => inAgg(add(col("i32"), 1))).message).toContain('column "i32" is used outside an aggregate');
    expect(error(() => inAgg(agg("sum", agg("max", col("i32"))))).message).toContain("aggregates cannot be nested");
    expect(explainExpr(inAgg(eq(col("id1"), "x")))).toBe('id1 == "x"');
  });
});

function binaryDiv(l: ExprNode, r: ExprNode): ExprNode { return { kind: "binary", op: "div", left: l, right: r }; }
function binarySub(l: ExprNode, r: ExprNode): ExprNode { return { kind: "binary", op: "sub", left: l, right: r }; }

describe("weak literal arithmetic", () => {
  it("keeps arithmetic on plain numbers weak", () => {
    expect(text(gt(col("i8"), add(1, mul(2, 3))))).toBe("i8 > 7");
  });
});
