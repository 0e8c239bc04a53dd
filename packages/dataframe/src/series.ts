/**
 * A lazy column of a frame (what `df.col("v1")` gives, like `ddf["v1"]` in Dask). Arithmetic and
 * comparisons give new Series of the same frame; a Series can be used wherever an expression can,
 * on that frame; aggregations give a lazy Scalar.
 *
 * @example
 * ```ts
 * const v = df.col("v1");
 * df.filter(v.gt(2));
 * await v.mul(2).compute();       // an Arrow Vector
 * await v.mean().compute();       // a number
 * ```
 */
import { DuskError, formatDType, type Duration } from "@dusk/core";
import { bindExpr, printExpr, windowExprNode } from "@dusk/plan";
import type { Vector } from "apache-arrow";
import { col, Expr, Rolling, rollingParams, toNode, type ExprLike, type RollingOptions, type VarOptions } from "./expr.js";
import { DataFrame } from "./dataframe.js";
import { DtAccessor } from "./dt.js";
import type { ComputeOptions } from "./execute.js";
import type { DescribeOptions } from "./methods/describe.js";

export class Series {
  /** @internal */
  constructor(readonly frame: DataFrame, readonly expr: Expr, readonly name: string) {
    bindExpr(expr.node, { schema: frame.schema, where: `series ${name}`, window: true });
    Object.freeze(this);
  }

  /** @internal */
  static of(frame: DataFrame, name: string): Series {
    frame.schema.require(name, `col("${name}")`);
    return new Series(frame, col(name), name);
  }

  /** The dtype of the values. @example `df.col("v1").dtype // "int64"` */
  get dtype(): string {
    return formatDType(bindExpr(this.expr.node, { schema: this.frame.schema, where: `series ${this.name}`, window: true }).dtype);
  }

  private derive(e: Expr): Series { return new Series(this.frame, e, this.name); }
  private other(x: ExprLike): ExprLike {
    if (x instanceof Series && x.frame.plan !== this.frame.plan) {
      throw new DuskError("INVALID_ARGUMENT",
        `cannot combine series ${x.name} and ${this.name}: they come from different frames; use columns of one frame (assign or merge first)`);
    }
    return x;
  }

  /** @example `df.col("v1").add(1)` */ add(x: ExprLike): Series { return this.derive(this.expr.add(this.other(x))); }
  /** @example `df.col("v1").sub(1)` */ sub(x: ExprLike): Series { return this.derive(this.expr.sub(this.other(x))); }
  /** @example `df.col("v1").mul(2)` */ mul(x: ExprLike): Series { return this.derive(this.expr.mul(this.other(x))); }
  /** @example `df.col("v1").div(2)` */ div(x: ExprLike): Series { return this.derive(this.expr.div(this.other(x))); }
  /** @example `df.col("v1").mod(2)` */ mod(x: ExprLike): Series { return this.derive(this.expr.mod(this.other(x))); }
  /** @example `df.col("v1").eq(1)` */ eq(x: ExprLike): Series { return this.derive(this.expr.eq(this.other(x))); }
  /** @example `df.col("v1").ne(1)` */ ne(x: ExprLike): Series { return this.derive(this.expr.ne(this.other(x))); }
  /** @example `df.col("v1").lt(1)` */ lt(x: ExprLike): Series { return this.derive(this.expr.lt(this.other(x))); }
  /** @example `df.col("v1").le(1)` */ le(x: ExprLike): Series { return this.derive(this.expr.le(this.other(x))); }
  /** @example `df.col("v1").gt(1)` */ gt(x: ExprLike): Series { return this.derive(this.expr.gt(this.other(x))); }
  /** @example `df.col("v1").ge(1)` */ ge(x: ExprLike): Series { return this.derive(this.expr.ge(this.other(x))); }
  /** @example `df.col("a").and(df.col("b"))` */ and(x: ExprLike): Series { return this.derive(this.expr.and(this.other(x))); }
  /** @example `df.col("a").or(df.col("b"))` */ or(x: ExprLike): Series { return this.derive(this.expr.or(this.other(x))); }
  /** @example `df.col("flag").not()` */ not(): Series { return this.derive(this.expr.not()); }
  /** @example `df.col("v3").isNull()` */ isNull(): Series { return this.derive(this.expr.isNull()); }
  /** @example `df.col("v3").fillNull(0)` */ fillNull(x: ExprLike): Series { return this.derive(this.expr.fillNull(this.other(x))); }
  /** @example `df.col("v1").cast("float64")` */ cast(dtype: Parameters<Expr["cast"]>[0]): Series { return this.derive(this.expr.cast(dtype)); }

  /**
   * Datetime operations on a date32 or timestamp Series, giving Series of the same frame.
   * @example `await df.col("ts").dt.year().compute()`, `df.col("ts").dt.strftime("%Y-%m")`
   */
  get dt(): DtAccessor<Series> { return new DtAccessor(this.expr.node, (n) => this.derive(new Expr(n))); }

  /** Running sum in row order, as a Series of this frame (use it in assign, or compute it). @example `df.assign({ total: df.col("v").cumsum() })` */
  cumsum(): Series { return this.derive(this.expr.cumsum()); }
  /** @example `df.col("r").cumprod()` */ cumprod(): Series { return this.derive(this.expr.cumprod()); }
  /** @example `df.col("price").cummax()` */ cummax(): Series { return this.derive(this.expr.cummax()); }
  /** @example `df.col("price").cummin()` */ cummin(): Series { return this.derive(this.expr.cummin()); }
  /** The value `periods` rows earlier (negative: later). @example `df.col("v").shift(1)` */ shift(periods = 1): Series { return this.derive(this.expr.shift(periods)); }
  /** `this − this.shift(periods)`. @example `await df.col("price").diff().compute()` */ diff(periods = 1): Series { return this.derive(this.expr.diff(periods)); }
  /**
   * A rolling window of `window` rows, or of a duration over the time column `on`.
   * @example `await df.col("v").rolling(5).mean().compute()`, `await df.col("v").rolling("5min", { on: "ts" }).sum().compute()`
   */
  rolling(window: number | string | Duration, options: RollingOptions = {}): Rolling<Series> {
    const params = rollingParams(window, options);
    return new Rolling((agg) => this.derive(new Expr(windowExprNode("rolling", this.expr.node, { ...params, agg }))));
  }

  /** Sum of non-null values, lazily. @example `await df.col("v1").sum().compute()` */
  sum(): Scalar { return new Scalar(this.frame, this.expr.sum(), `sum(${this.name})`); }
  /** @example `await df.col("v3").mean().compute()` */ mean(): Scalar { return new Scalar(this.frame, this.expr.mean(), `mean(${this.name})`); }
  /** @example `await df.col("v3").count().compute()` */ count(): Scalar { return new Scalar(this.frame, this.expr.count(), `count(${this.name})`); }
  /** @example `await df.col("v2").min().compute()` */ min(): Scalar { return new Scalar(this.frame, this.expr.min(), `min(${this.name})`); }
  /** @example `await df.col("v2").max().compute()` */ max(): Scalar { return new Scalar(this.frame, this.expr.max(), `max(${this.name})`); }
  /** Sample standard deviation (ddof 1 unless given). @example `await df.col("v3").std().compute()` */
  std(options: VarOptions = {}): Scalar { return new Scalar(this.frame, this.expr.std(options), `std(${this.name})`); }
  /** Sample variance (ddof 1 unless given). @example `await df.col("v3").var({ ddof: 0 }).compute()` */
  var(options: VarOptions = {}): Scalar { return new Scalar(this.frame, this.expr.var(options), `var(${this.name})`); }
  /** @example `await df.col("v1").prod().compute()` */ prod(): Scalar { return new Scalar(this.frame, this.expr.prod(), `prod(${this.name})`); }
  /** @example `await df.col("flag").any().compute()` */ any(): Scalar { return new Scalar(this.frame, this.expr.any(), `any(${this.name})`); }
  /** @example `await df.col("flag").all().compute()` */ all(): Scalar { return new Scalar(this.frame, this.expr.all(), `all(${this.name})`); }
  /** @example `await df.col("v1").first().compute()` */ first(): Scalar { return new Scalar(this.frame, this.expr.first(), `first(${this.name})`); }
  /** @example `await df.col("v1").last().compute()` */ last(): Scalar { return new Scalar(this.frame, this.expr.last(), `last(${this.name})`); }
  /** Exact median (float64). @example `await df.col("v3").median().compute()` */
  median(): Scalar { return new Scalar(this.frame, this.expr.median(), `median(${this.name})`); }
  /** Exact quantile q in [0, 1], interpolated linearly (float64). @example `await df.col("v3").quantile(0.9).compute()` */
  quantile(q: number): Scalar { return new Scalar(this.frame, this.expr.quantile(q), `quantile(${this.name})`); }
  /** Number of distinct non-null values (bigint, int64). @example `await df.col("id3").nunique().compute()` */
  nunique(): Scalar { return new Scalar(this.frame, this.expr.nunique(), `nunique(${this.name})`); }

  /**
   * Summary statistics of this column, as pandas' `Series.describe()`: the frame `describe` gives for
   * the one-column frame (numeric: count, mean, std, min, percentiles, max; utf8/bool: count, unique,
   * top, freq). @example `await df.col("v1").describe().compute()`
   */
  describe(options: DescribeOptions = {}): DataFrame { return this.toFrame().describe(options); }

  /** A one-column frame. @example `df.col("v1").toFrame()` */
  toFrame(): DataFrame { return this.frame.assign({ [this.name]: this.expr }).select(this.name); }

  /** The values, computed, as an Arrow Vector. @example `(await df.col("v1").compute()).toArray()` */
  async compute(options: ComputeOptions = {}): Promise<Vector> {
    return (await this.toFrame().compute(options)).getChildAt(0)!;
  }

  toString(): string { return `Series ${this.name} = ${printExpr(toNode(this.expr))}`; }
}

/** A lazy single value (an aggregate of a whole frame). */
export class Scalar {
  /** @internal */
  constructor(readonly frame: DataFrame, readonly expr: Expr, readonly name: string) {
    Object.freeze(this);
  }

  /** The value: number, bigint (int64 sums), string, boolean or null. @example `await df.col("v1").sum().compute()` */
  async compute(options: ComputeOptions = {}): Promise<unknown> {
    const t = await this.frame.agg({ [this.name]: this.expr }).compute(options);
    return t.getChildAt(0)!.get(0);
  }
}
