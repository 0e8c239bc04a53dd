/**
 * Aggregate expressions: result dtypes of every function, type errors naming the expression, the
 * ddof option of std and var (checked, shown in explain text, part of the plan key).
 */
import { describe, expect, it } from "vitest";
import { dtypes, formatDType, isDuskError } from "@dusk/core";
import {
  AGG_FNS, aggNode, aggResultType, bindExpr, binaryNode, colNode, exprKey, explainExpr, nodeKey, printExpr, Schema, type AggFn, type ExprNode,
} from "@dusk/plan";
import { aggregate, t } from "./helpers.js";

const schema = Schema.of({
  s: "utf8", b: "bool", i8: "int8", i64: "int64", u16: "uint16", u64: "uint64", f32: "float32", f64: "float64",
  d: "date32", ts: "timestamp[us, UTC]",
});
const inAgg = (e: ExprNode, where = "agg(x = ...)") => bindExpr(e, { schema, where, aggregate: { keys: ["s"] } });
const typeOf = (fn: AggFn, column: string): string => formatDType(inAgg(aggNode(fn, colNode(column))).dtype);

function error(f: () => unknown): { code: string; message: string } {
  try { f(); } catch (e) { if (isDuskError(e)) return { code: e.code, message: e.message }; throw e; }
  throw new Error("expected an error");
}

describe("aggregate result types", () => {
  it("std and var give float64 for numbers and bools", () => {
    for (const c of ["b", "i8", "i64", "u64", "f32", "f64"]) {
      expect(typeOf("std", c)).toBe("float64");
      expect(typeOf("var", c)).toBe("float64");
    }
  });

  it("prod follows sum: int64 for bool and signed, uint64 for unsigned, float64 for floats", () => {
    expect(typeOf("prod", "b")).toBe("int64");
    expect(typeOf("prod", "i8")).toBe("int64");
    expect(typeOf("prod", "u16")).toBe("uint64");
    expect(typeOf("prod", "f32")).toBe("float64");
  });

  it("any and all give bool; first and last keep every type", () => {
    for (const c of ["b", "i64", "f64"]) {
      expect(typeOf("any", c)).toBe("bool");
      expect(typeOf("all", c)).toBe("bool");
    }
    for (const c of ["s", "b", "i64", "u64", "f32", "d", "ts"]) {
      expect(typeOf("first", c)).toBe(formatDType(schema.require(c).dtype));
      expect(typeOf("last", c)).toBe(formatDType(schema.require(c).dtype));
    }
  });

  it("every function has a rule (size needs no input)", () => {
    for (const fn of AGG_FNS) {
      expect(aggResultType(fn, fn === "size" ? null : dtypes.int32, fn === "corr" || fn === "cov" ? dtypes.float64 : null)).not.toBeTypeOf("string");
    }
  });

  it("type errors name the expression and where it is used", () => {
    const e = error(() => inAgg(aggNode("std", colNode("s")), "agg(spread = std(s))"));
    expect(e.code).toBe("TYPE_MISMATCH");
    expect(e.message).toBe("cannot take the std of utf8 values; it needs numbers or bools in agg(spread = std(s))");
    expect(error(() => inAgg(aggNode("var", colNode("d")))).message).toBe("cannot take the var of date32 values; it needs numbers or bools (var(d)) in agg(x = ...)");
    expect(error(() => inAgg(aggNode("prod", colNode("ts")))).message).toContain("cannot take the product of timestamp[us, UTC] values (prod(ts))");
    expect(error(() => inAgg(aggNode("any", colNode("s")))).message).toContain("any needs bool or numeric values, got utf8; compare first");
  });
});

describe("ddof of std and var", () => {
  it("defaults to 1, shows only when not 1, and keeps plans apart", () => {
    expect(aggNode("std", colNode("f64")).options).toEqual({ ddof: 1 });
    expect(aggNode("sum", colNode("f64")).options).toEqual({});
    const pop = inAgg(aggNode("std", colNode("f64"), { ddof: 0 }));
    const sample = inAgg(aggNode("std", colNode("f64")));
    expect(explainExpr(pop)).toBe("std(f64, ddof=0)");
    expect(explainExpr(sample)).toBe("std(f64)");
    expect(exprKey(inAgg(aggNode("std", colNode("f64"), { ddof: 1 })))).toBe(exprKey(sample));
    expect(exprKey(pop)).not.toBe(exprKey(sample));
    expect(printExpr(binaryNode("div", aggNode("var", colNode("v"), { ddof: 2 }), aggNode("mean", colNode("v"))))).toBe("var(v, ddof=2) / mean(v)");
  });

  it("is part of the aggregate node's key", () => {
    const a = aggregate(t(), ["c"], { s: aggNode("std", colNode("b"), { ddof: 0 }) });
    const b = aggregate(t(), ["c"], { s: aggNode("std", colNode("b")) });
    expect(nodeKey(a)).not.toBe(nodeKey(b));
  });

  it("must be a non-negative integer, and only for std and var", () => {
    for (const ddof of [-1, 0.5, NaN]) {
      const e = error(() => aggNode("var", colNode("v"), { ddof }));
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(/^var\(v\): ddof must be a non-negative integer, got /);
    }
    expect(error(() => aggNode("mean", colNode("v"), { ddof: 0 })).message).toBe("mean(v): mean takes no ddof; only std, var and cov do");
  });
});

describe("holistic and two-input aggregates", () => {
  it("median and quantile give float64 of numbers and bools, nunique int64 of anything", () => {
    for (const c of ["b", "i8", "i64", "u64", "f32", "f64"]) {
      expect(typeOf("median", c)).toBe("float64");
      expect(formatDType(inAgg(aggNode("quantile", colNode(c), { q: 0.25 })).dtype)).toBe("float64");
    }
    for (const c of ["s", "b", "i64", "f64", "d", "ts"]) expect(typeOf("nunique", c)).toBe("int64");
    expect(error(() => inAgg(aggNode("median", colNode("s")))).message).toBe("cannot take the median of utf8 values; it needs numbers or bools (median(s)) in agg(x = ...)");
  });

  it("quantile needs q in [0, 1]; q shows in explain text and keeps plans apart", () => {
    for (const q of [-0.1, 1.5, NaN, undefined]) {
      const e = error(() => aggNode("quantile", colNode("v"), { q }));
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(/^quantile\(v\): quantile needs q, a fraction between 0 and 1 \(0.5 is the median\), got /);
    }
    expect(error(() => aggNode("median", colNode("v"), { q: 0.5 })).message).toBe("median(v): median takes no q; only quantile does");
    const q9 = inAgg(aggNode("quantile", colNode("f64"), { q: 0.9 }));
    expect(explainExpr(q9)).toBe("quantile(f64, q=0.9)");
    expect(exprKey(q9)).not.toBe(exprKey(inAgg(aggNode("quantile", colNode("f64"), { q: 0.1 }))));
  });

  it("corr and cov take two inputs, both numbers or bools; cov takes a ddof", () => {
    const c = inAgg(aggNode("corr", colNode("i64"), {}, colNode("f32")));
    expect(formatDType(c.dtype)).toBe("float64");
    expect(explainExpr(c)).toBe("corr(i64, f32)");
    expect(printExpr(binaryNode("pow", aggNode("corr", colNode("a"), {}, colNode("b")), aggNode("size", null)))).toBe("corr(a, b) ** count()");
    expect(explainExpr(inAgg(aggNode("cov", colNode("b"), { ddof: 0 }, colNode("f64"))))).toBe("cov(b, f64, ddof=0)");
    expect(error(() => aggNode("corr", colNode("a"))).message).toBe('corr(a): corr needs a second input, e.g. dd.corr("x", "y")');
    expect(error(() => aggNode("sum", colNode("a"), {}, colNode("b"))).message).toBe("sum(a, b): sum takes one input; only corr and cov take two");
    expect(error(() => inAgg(aggNode("corr", colNode("f64"), {}, colNode("s")))).message).toBe("corr needs two number or bool inputs, got float64 and utf8 (corr(f64, s)) in agg(x = ...)");
    expect(() => inAgg(aggNode("corr", colNode("f64"), {}, colNode("nope")))).toThrow(/nope/);
  });
});
