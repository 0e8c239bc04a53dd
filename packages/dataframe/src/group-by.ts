/**
 * A grouping of a frame by key columns, waiting for its aggregation. Keys come back as ordinary
 * columns, first; by default rows with a null key are dropped and the result is sorted by key
 * (pandas' defaults; see GroupByOptions).
 *
 * @example
 * ```ts
 * df.groupBy("id1").agg({ v1: "sum", v3: ["mean", "max"] });
 * df.groupBy(["id1", "id2"]).sum();
 * df.groupBy("id3").agg({ range: dd.col("v1").max().sub(dd.col("v2").min()) });
 * ```
 */
import { DuskError, isNumeric, type DType } from "@dusk/core";
import { aggNode, colNode, type AggFn, type AggOptions, type ExprNode } from "@dusk/plan";
import { DataFrame } from "./dataframe.js";
import type { VarOptions } from "./expr.js";
import { aggregate, specToExprs, type AggSpec, type GroupByOptions } from "./methods/agg.js";
import { groupNlargest, groupNsmallest, type GroupNlargestOptions } from "./methods/group-nlargest.js";

const numberLike = (t: DType): boolean => isNumeric(t) || t.kind === "bool";

export class GroupBy {
  /** @internal */
  constructor(readonly frame: DataFrame, readonly keys: readonly string[], readonly options: GroupByOptions) {
    for (const k of keys) frame.schema.require(k, `groupBy(${keys.join(", ")})`);
    Object.freeze(this);
  }

  /** Aggregations by spec. @example `df.groupBy("id1").agg({ v1: "sum", n: dd.count() })` */
  agg(spec: AggSpec): DataFrame { return this.make(specToExprs(spec)); }

  /** Sum of every numeric (and bool) non-key column. @example `df.groupBy("id1").sum()` */
  sum(): DataFrame { return this.each("sum", numberLike); }
  /** Mean of every numeric (and bool) non-key column. @example `df.groupBy("id4").mean()` */
  mean(): DataFrame { return this.each("mean", numberLike); }
  /** Non-null count of every non-key column. @example `df.groupBy("id1").count()` */
  count(): DataFrame { return this.each("count", () => true); }
  /** Minimum of every non-key column. @example `df.groupBy("id1").min()` */
  min(): DataFrame { return this.each("min", () => true); }
  /** Maximum of every non-key column. @example `df.groupBy("id1").max()` */
  max(): DataFrame { return this.each("max", () => true); }
  /**
   * Standard deviation of every numeric (and bool) non-key column: sample (ddof 1) unless `ddof` says
   * otherwise. @example `df.groupBy("id1").std()`, `df.groupBy("id1").std({ ddof: 0 })`
   */
  std(options: VarOptions = {}): DataFrame { return this.each("std", numberLike, { ddof: options.ddof }); }
  /**
   * Variance of every numeric (and bool) non-key column: sample (ddof 1) unless `ddof` says
   * otherwise. @example `df.groupBy("id1").var()`
   */
  var(options: VarOptions = {}): DataFrame { return this.each("var", numberLike, { ddof: options.ddof }); }
  /** Product of every numeric (and bool) non-key column. @example `df.groupBy("id1").prod()` */
  prod(): DataFrame { return this.each("prod", numberLike); }
  /** Whether any value is true (non-zero), for every bool and numeric non-key column. @example `df.groupBy("id1").any()` */
  any(): DataFrame { return this.each("any", numberLike); }
  /** Whether all values are true (non-zero), for every bool and numeric non-key column. @example `df.groupBy("id1").all()` */
  all(): DataFrame { return this.each("all", numberLike); }
  /** First non-null value in row order of every non-key column. @example `df.groupBy("id1").first()` */
  first(): DataFrame { return this.each("first", () => true); }
  /** Last non-null value in row order of every non-key column. @example `df.groupBy("id1").last()` */
  last(): DataFrame { return this.each("last", () => true); }
  /** Exact median of every numeric (and bool) non-key column. @example `df.groupBy("id4").median()` */
  median(): DataFrame { return this.each("median", numberLike); }
  /** Exact quantile q (0 ≤ q ≤ 1, linear interpolation) of every numeric (and bool) non-key column. @example `df.groupBy("id4").quantile(0.9)` */
  quantile(q: number): DataFrame { return this.each("quantile", numberLike, { q }); }
  /** Number of distinct non-null values of every non-key column. @example `df.groupBy("id1").nunique()` */
  nunique(): DataFrame { return this.each("nunique", () => true); }
  /** Rows per group, in a column named "size". @example `df.groupBy("id1").size()` */
  size(): DataFrame { return this.make([["size", aggNode("size", null)]]); }

  private each(fn: AggFn, accepts: (t: DType) => boolean, options: AggOptions = {}): DataFrame {
    const cols = this.frame.schema.fields.filter((f) => !this.keys.includes(f.name) && accepts(f.dtype));
    if (cols.length === 0) {
      throw new DuskError("INVALID_ARGUMENT", `groupBy(${this.keys.join(", ")}).${fn}(): no column besides the keys can be aggregated with ${fn}`);
    }
    return this.make(cols.map((f): [string, ExprNode] => [f.name, aggNode(fn, colNode(f.name), options)]));
  }

  private make(exprs: [string, ExprNode][]): DataFrame {
    return new DataFrame(aggregate(this.frame.plan, this.keys, exprs, this.options));
  }

  /**
   * Per group, the n rows with the largest `column` values (null and NaN left out; ties: the earlier
   * row), as pandas' `groupby(keys)[column].nlargest(n)`: keys and `column`, or whole rows with
   * `{ columns: "all" }`, ordered by key then rank. @example `df.groupBy("id6").nlargest(2, "v3")`
   */
  nlargest(n: number, column: string | readonly string[], options?: GroupNlargestOptions): DataFrame { return new DataFrame(groupNlargest(this.frame.plan, this.keys, this.options, n, column, options)); }
  /**
   * Per group, the n rows with the smallest `column` values, as pandas' `groupby(keys)[column].nsmallest(n)`
   * (see nlargest). @example `df.groupBy("id1").nsmallest(3, "v1", { columns: "all" })`
   */
  nsmallest(n: number, column: string | readonly string[], options?: GroupNlargestOptions): DataFrame { return new DataFrame(groupNsmallest(this.frame.plan, this.keys, this.options, n, column, options)); }
}
