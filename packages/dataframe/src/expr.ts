/**
 * Expressions: column references, literals and operations on them, built lazily and checked when
 * used in a frame (`filter`, `assign`, `agg`). Operands may be expressions or plain JS values.
 *
 * @example
 * ```ts
 * import * as dd from "@dusk/dataframe";
 * const cond = dd.col("v1").gt(2).and(dd.col("id1").eq("id001"));
 * const revenue = dd.col("price").mul(dd.lit(1).sub(dd.col("disc"))).sum();
 * ```
 */
import { Duration, DuskError, parseDType, parseDuration, type DTypeLike } from "@dusk/core";
import {
  aggNode, betweenNode, binaryNode, castNode, colNode, fillNullNode, isInNode, litNode, printExpr, unaryNode, windowExprNode,
  type AggFn, type BetweenInclusive, type BinaryOp, type ExprNode, type LitValue, type RollingAggFn,
} from "@dusk/plan";
import { exprDt, type DtAccessor } from "./dt.js";

/**
 * Options of std and var.
 *
 * @example
 * ```ts
 * const population: VarOptions = { ddof: 0 };
 * df.agg({ sd: dd.col("v3").std(population) });
 * ```
 */
export interface VarOptions {
  /** Delta degrees of freedom: the divisor is count - ddof. Default 1 (sample statistics, as pandas). */
  readonly ddof?: number;
}

/** Anything usable as an operand: an expression, a Series of the same frame, or a plain value. */
export type ExprLike = Expr | { readonly expr: Expr } | LitValue;

/** The expression node of an operand. */
export function toNode(x: ExprLike): ExprNode {
  if (x instanceof Expr) return x.node;
  if (x !== null && typeof x === "object" && !(x instanceof Date) && "expr" in x && x.expr instanceof Expr) return x.expr.node;
  return litNode(x as LitValue);
}

/** A lazy column expression. */
export class Expr {
  /** @internal */
  readonly node: ExprNode;

  /** @internal */
  constructor(node: ExprNode) {
    this.node = node;
    Object.freeze(this);
  }

  private bin(op: BinaryOp, other: ExprLike): Expr { return new Expr(binaryNode(op, this.node, toNode(other))); }
  private agg(fn: AggFn): Expr { return new Expr(aggNode(fn, this.node)); }

  /** `this + other`. @example `dd.col("v1").add(1)` */
  add(other: ExprLike): Expr { return this.bin("add", other); }
  /** `this - other`. @example `dd.col("v1").sub(dd.col("v2"))` */
  sub(other: ExprLike): Expr { return this.bin("sub", other); }
  /** `this * other`. @example `dd.col("v1").mul(2)` */
  mul(other: ExprLike): Expr { return this.bin("mul", other); }
  /** True division (always floating point, as in pandas). @example `dd.col("v1").div(3)` */
  div(other: ExprLike): Expr { return this.bin("div", other); }
  /** Floor modulo: the result has the sign of the divisor, as in pandas. @example `dd.col("v1").mod(2)` */
  mod(other: ExprLike): Expr { return this.bin("mod", other); }
  /** `this ** other`, as float64. @example `dd.col("v1").pow(2)` */
  pow(other: ExprLike): Expr { return this.bin("pow", other); }
  /** `-this`. @example `dd.col("v1").neg()` */
  neg(): Expr { return new Expr(unaryNode("neg", this.node)); }

  /** `this == other` (null when either side is null). @example `dd.col("id1").eq("id001")` */
  eq(other: ExprLike): Expr { return this.bin("eq", other); }
  /** `this != other`. @example `dd.col("id1").ne("id001")` */
  ne(other: ExprLike): Expr { return this.bin("ne", other); }
  /** `this < other`. @example `dd.col("v1").lt(3)` */
  lt(other: ExprLike): Expr { return this.bin("lt", other); }
  /** `this <= other`. @example `dd.col("v1").le(3)` */
  le(other: ExprLike): Expr { return this.bin("le", other); }
  /** `this > other`. @example `dd.col("v1").gt(3)` */
  gt(other: ExprLike): Expr { return this.bin("gt", other); }
  /** `this >= other`. @example `dd.col("date").ge(dd.date("1994-01-01"))` */
  ge(other: ExprLike): Expr { return this.bin("ge", other); }

  /** Logical and (SQL three-valued: false and null is false). @example `dd.col("a").gt(1).and(dd.col("b").lt(2))` */
  and(other: ExprLike): Expr { return this.bin("and", other); }
  /** Logical or (true or null is true). @example `dd.col("a").gt(1).or(dd.col("b").isNull())` */
  or(other: ExprLike): Expr { return this.bin("or", other); }
  /** Logical not. @example `dd.col("flag").not()` */
  not(): Expr { return new Expr(unaryNode("not", this.node)); }

  /** True where the value is null (missing). @example `dd.col("v3").isNull()` */
  isNull(): Expr { return new Expr(unaryNode("isNull", this.node)); }
  /** True where the value is present. @example `dd.col("v3").isNotNull()` */
  isNotNull(): Expr { return new Expr(unaryNode("isNotNull", this.node)); }
  /** Nulls replaced by `value`. @example `dd.col("v3").fillNull(0)` */
  fillNull(value: ExprLike): Expr { return new Expr(fillNullNode(this.node, toNode(value))); }
  /** The values converted to `dtype`; a value that does not fit fails with its row. @example `dd.col("v1").cast("float64")` */
  cast(dtype: DTypeLike): Expr { return new Expr(castNode(this.node, parseDType(dtype))); }
  /** True where the value is one of `values` (null matches only a null in `values`). @example `dd.col("id4").isIn([1, 2, 3])` */
  isIn(values: readonly LitValue[]): Expr { return new Expr(isInNode(this.node, values)); }
  /** `low <= this <= high` (bounds per `inclusive`, "both" by default). @example `dd.col("v1").between(1, 3)` */
  between(low: ExprLike, high: ExprLike, inclusive: BetweenInclusive = "both"): Expr {
    return new Expr(betweenNode(this.node, toNode(low), toNode(high), inclusive));
  }

  /** Sum of non-null values (0 for none). @example `dd.col("v1").sum()` */
  sum(): Expr { return this.agg("sum"); }
  /** Mean of non-null values (null for none). @example `dd.col("v3").mean()` */
  mean(): Expr { return this.agg("mean"); }
  /** Number of non-null values. @example `dd.col("v3").count()` */
  count(): Expr { return this.agg("count"); }
  /** Smallest non-null value. @example `dd.col("v2").min()` */
  min(): Expr { return this.agg("min"); }
  /** Largest non-null value. @example `dd.col("v1").max()` */
  max(): Expr { return this.agg("max"); }
  /**
   * Standard deviation of non-null values, as float64: the sample one (ddof 1) unless `ddof` says
   * otherwise; null for a group with at most ddof values.
   * @example `dd.col("v3").std()`, `dd.col("v3").std({ ddof: 0 }).div(dd.col("v3").mean())`
   */
  std(options: VarOptions = {}): Expr { return new Expr(aggNode("std", this.node, { ddof: options.ddof })); }
  /**
   * Variance of non-null values, as float64: the sample one (ddof 1) unless `ddof` says otherwise;
   * null for a group with at most ddof values.
   * @example `dd.col("v3").var()`, `dd.col("v3").var({ ddof: 0 })`
   */
  var(options: VarOptions = {}): Expr { return new Expr(aggNode("var", this.node, { ddof: options.ddof })); }
  /** Product of non-null values (1 for none); exact for integers, INT_OVERFLOW when out of range. @example `dd.col("growth").prod()` */
  prod(): Expr { return this.agg("prod"); }
  /** True when some non-null value is true (non-zero); false for none. @example `dd.col("flag").any()` */
  any(): Expr { return this.agg("any"); }
  /** True when no non-null value is false (zero); true for none. @example `dd.col("v1").gt(0).all()` */
  all(): Expr { return this.agg("all"); }
  /** First non-null value in row order (null for none). @example `dd.col("name").first()` */
  first(): Expr { return this.agg("first"); }
  /** Last non-null value in row order (null for none). @example `dd.col("price").last()` */
  last(): Expr { return this.agg("last"); }
  /**
   * Exact median of the non-null (and non-NaN) values, as float64 (null for none); the mean of the
   * two middle values for an even count. Holistic: a grouped median shuffles rows by key.
   * @example `df.groupBy("id4").agg({ m: dd.col("v3").median() })`
   */
  median(): Expr { return this.agg("median"); }
  /**
   * Exact quantile `q` (0 ≤ q ≤ 1) of the non-null values, as float64, interpolating linearly
   * between the nearest ranks (pandas' default). Holistic, as median.
   * @example `dd.col("v3").quantile(0.9)`
   */
  quantile(q: number): Expr { return new Expr(aggNode("quantile", this.node, { q })); }
  /** Number of distinct non-null values, as int64 (NaN is not counted). Holistic, as median. @example `dd.col("id3").nunique()` */
  nunique(): Expr { return this.agg("nunique"); }

  /**
   * Datetime operations on a date32 or timestamp expression (fields, floor/ceil/round, strftime).
   * @example `dd.col("ts").dt.year()`, `dd.col("ts").dt.floor("1h")`, `dd.col("ts").dt.strftime("%Y-%m")`
   */
  get dt(): DtAccessor<Expr> { return exprDt(this.node); }

  /**
   * Running sum down the frame's rows (nulls stay null and are skipped), across partitions: int64
   * for bools and ints (exact), float64 for floats. Window functions belong in assign.
   * @example `df.assign({ total: dd.col("v1").cumsum() })`
   */
  cumsum(): Expr { return new Expr(windowExprNode("cumsum", this.node)); }
  /** Running product (exact int64 for ints, INT_OVERFLOW when out of range). @example `df.assign({ growth: dd.col("r").cumprod() })` */
  cumprod(): Expr { return new Expr(windowExprNode("cumprod", this.node)); }
  /** Running maximum (same dtype; numbers, dates, timestamps). @example `df.assign({ peak: dd.col("price").cummax() })` */
  cummax(): Expr { return new Expr(windowExprNode("cummax", this.node)); }
  /** Running minimum (same dtype). @example `df.assign({ low: dd.col("price").cummin() })` */
  cummin(): Expr { return new Expr(windowExprNode("cummin", this.node)); }
  /**
   * The value `periods` rows earlier (negative: later), null where the frame has no such row; any
   * dtype, across partitions. @example `df.assign({ prev: dd.col("v").shift(1), next: dd.col("v").shift(-1) })`
   */
  shift(periods = 1): Expr { return new Expr(windowExprNode("shift", this.node, { periods })); }
  /** `this − this.shift(periods)`, as pandas' diff (the type of the subtraction). @example `df.assign({ change: dd.col("price").diff() })` */
  diff(periods = 1): Expr { return this.sub(this.shift(periods)); }
  /**
   * A rolling window, then an aggregate: sum, mean, count, min, max, std, var. A number is a count
   * window over the last `window` rows (this one included); a duration (`"5min"`, `dd.duration(5,
   * "min")`) is a time window over the rows whose time column `on` (required; rows sorted by it)
   * lies in (t − window, t]. `minPeriods` is how many non-null values a window needs, else null
   * (default: the window size for count windows, 1 for time windows, as pandas).
   * @example `df.assign({ ma5: dd.col("price").rolling(5).mean(), m5: dd.col("price").rolling("5min", { on: "ts" }).mean() })`
   */
  rolling(window: number | string | Duration, options: RollingOptions = {}): Rolling<Expr> {
    const params = rollingParams(window, options);
    return new Rolling((agg) => new Expr(windowExprNode("rolling", this.node, { ...params, agg })));
  }

  /** The expression as text. @example `dd.col("v1").gt(2).toString() // "v1 > 2"` */
  toString(): string { return printExpr(this.node); }
}

/** A column by name. @example `dd.col("v1").gt(2)` */
export const col = (name: string): Expr => new Expr(colNode(name));

/**
 * A literal. Without a dtype its type adapts to what it meets (`dd.col("i8").add(dd.lit(1))` stays
 * int8); with one it has exactly that type.
 * @example `dd.lit(1)`, `dd.lit(5, "int16")`, `dd.lit(new Date("2024-01-01T12:00:00Z"))`
 */
export const lit = (value: LitValue, dtype?: DTypeLike): Expr => new Expr(litNode(value, dtype === undefined ? null : parseDType(dtype)));

/** The number of rows (in a group, or in the frame). @example `df.groupBy("id1").agg({ n: dd.count() })` */
export const count = (): Expr => new Expr(aggNode("size", null));

/**
 * Pearson correlation of two columns (or expressions) over the rows where both are non-null, as
 * float64; null for fewer than two such rows or a constant column. Partial states merge exactly, so
 * it needs no shuffle.
 * @example `df.groupBy(["id2", "id4"]).agg({ r2: dd.corr("v1", "v2").pow(2) })`
 */
export const corr = (x: string | Expr, y: string | Expr): Expr =>
  new Expr(aggNode("corr", toNode(typeof x === "string" ? col(x) : x), {}, toNode(typeof y === "string" ? col(y) : y)));

/**
 * Covariance of two columns (or expressions) over the rows where both are non-null, as float64:
 * the sample covariance (ddof 1) unless `ddof` says otherwise.
 * @example `df.agg({ c: dd.cov("v1", "v2") })`
 */
export const cov = (x: string | Expr, y: string | Expr, options: VarOptions = {}): Expr =>
  new Expr(aggNode("cov", toNode(typeof x === "string" ? col(x) : x), { ddof: options.ddof }, toNode(typeof y === "string" ? col(y) : y)));

/** A date literal (date32) from `YYYY-MM-DD`. @example `dd.col("shipdate").le(dd.date("1998-09-02"))` */
export const date = (iso: string): Expr => new Expr(litNode(iso, parseDType("date32")));

/** Options of rolling windows. @example `dd.col("v").rolling(10, { minPeriods: 1 }).mean()`, `dd.col("v").rolling("5min", { on: "ts" }).sum()` */
export interface RollingOptions {
  /** Non-null values a window needs to give a value (default: the window size; 1 for a time window). */
  readonly minPeriods?: number;
  /** The time column (timestamp or date32, rows sorted by it) of a time window such as `"5min"`; required for those. */
  readonly on?: string;
}

/** The window node parameters of `rolling(window, options)`: a count of rows or a duration. @internal */
export function rollingParams(window: number | string | Duration, options: RollingOptions): { window?: number; duration?: bigint; on?: string; minPeriods?: number } {
  const base = { minPeriods: options.minPeriods, on: options.on };
  if (typeof window === "string") return { ...base, duration: parseDuration(window, `rolling(${JSON.stringify(window)})`).nanos };
  if (window instanceof Duration) return { ...base, duration: window.nanos };
  if (typeof window !== "number") {
    throw new DuskError("INVALID_ARGUMENT", `rolling needs a number of rows or a duration such as "5min", got ${typeof window}`);
  }
  return { ...base, window };
}

/**
 * A rolling window waiting for its aggregate (pandas' `Rolling`): each method gives the aggregate
 * of the window ending at every row, as float64 (count: int64), over the frame's rows in order.
 *
 * @example
 * ```ts
 * df.assign({ ma: dd.col("v").rolling(3).mean(), hi: dd.col("v").rolling(3).max() });
 * ```
 */
export class Rolling<T> {
  /** @internal */
  constructor(private readonly make: (agg: RollingAggFn) => T) { Object.freeze(this); }
  /** @example `dd.col("v").rolling(3).sum()` */ sum(): T { return this.make("sum"); }
  /** @example `dd.col("v").rolling(3).mean()` */ mean(): T { return this.make("mean"); }
  /** Non-null values in the window (int64). @example `dd.col("v").rolling(3, { minPeriods: 0 }).count()` */ count(): T { return this.make("count"); }
  /** @example `dd.col("v").rolling(3).min()` */ min(): T { return this.make("min"); }
  /** @example `dd.col("v").rolling(3).max()` */ max(): T { return this.make("max"); }
  /** Sample standard deviation (ddof 1). @example `dd.col("v").rolling(5).std()` */ std(): T { return this.make("std"); }
  /** Sample variance (ddof 1). @example `dd.col("v").rolling(5).var()` */ var(): T { return this.make("var"); }
}
