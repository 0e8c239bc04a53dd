/**
 * Aggregation specs as pandas/Dask users write them, turned into an Aggregate node:
 * `{ v1: "sum" }` → column v1; `{ v3: ["mean", "max"] }` → v3_mean, v3_max;
 * `{ range: dd.col("v1").max().sub(dd.col("v2").min()), n: dd.count() }` → named expressions.
 */
import { DuskError } from "@dusk/core";
import {
  partitionCount, dtypeWidth, estimateGroups, sortNode,
  aggNode, aggregateNode, bindExpr, colNode, named, printExpr, type AggFn, type ExprNode, type LogicalNode, type NamedExpr,
} from "@dusk/plan";
import { config } from "../config.js";
import { Expr } from "../expr.js";
import { sourceDistinct } from "./estimate-groups.js";

/**
 * Aggregation names accepted in agg specs ("std" and "var" are the sample statistics, ddof 1; use
 * `dd.col(name).std({ ddof: 0 })` for another ddof; "median" and "nunique" are exact; quantiles are
 * written `dd.col(name).quantile(q)`).
 *
 * @example
 * ```ts
 * const fns: AggName[] = ["sum", "std", "first"];
 * df.groupBy("id1").agg({ v1: fns }); // v1_sum, v1_std, v1_first
 * ```
 */
export type AggName =
  | "sum" | "mean" | "count" | "min" | "max" | "size"
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last" | "median" | "nunique";
const AGG_NAMES: readonly AggName[] = [
  "sum", "mean", "count", "min", "max", "size", "std", "var", "prod", "any", "all", "first", "last", "median", "nunique",
];

export type AggSpec = Readonly<Record<string, AggName | readonly AggName[] | Expr>>;

export interface GroupByOptions {
  /** Drop rows whose key is null (default true, as pandas). */
  readonly dropna?: boolean;
  /** Sort the result by the keys (default true, as pandas); with splitOut > 1, within each output partition (as Dask). */
  readonly sort?: boolean;
  /**
   * Output partitions, as Dask's split_out. For many groups (say, millions) a number > 1 shuffles
   * the partial results by key so that no one task holds every group; `true` takes the input's
   * partition count; `false` or 1 forces one task. Not given: 1, unless the estimated number of
   * groups exceeds `config.splitOutThreshold` (default 1e6), then max(2, input partitions) up to
   * 64 (docs/groupby.md, "Automatic splitOut").
   */
  readonly splitOut?: number | boolean;
}

function aggCall(name: string, column: string): ExprNode {
  if (!(AGG_NAMES as readonly string[]).includes(name)) {
    throw new DuskError("INVALID_ARGUMENT",
      `unknown aggregation "${name}" for column "${column}"; use one of ${AGG_NAMES.join(", ")}, or an expression such as dd.col("${column}").sum()`);
  }
  return name === "size" ? aggNode("size", null) : aggNode(name as AggFn, colNode(column));
}

/** The named aggregate expressions of a spec, unbound. */
export function specToExprs(spec: AggSpec): [string, ExprNode][] {
  const out: [string, ExprNode][] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (value instanceof Expr) out.push([key, value.node]);
    else if (typeof value === "string") out.push([key, aggCall(value, key)]);
    else if (Array.isArray(value)) for (const fn of value) out.push([`${key}_${fn}`, aggCall(fn, key)]);
    else throw new DuskError("INVALID_ARGUMENT", `agg: the value for "${key}" must be an aggregation name, a list of names, or an expression`);
  }
  if (out.length === 0) throw new DuskError("INVALID_ARGUMENT", "agg needs at least one aggregation");
  return out;
}

/** Binds named aggregate expressions and builds the Aggregate node. */
export function aggregate(plan: LogicalNode, keys: readonly string[], exprs: readonly [string, ExprNode][], options: GroupByOptions = {}): LogicalNode {
  for (const k of keys) plan.schema.require(k, `groupBy(${keys.join(", ")})`);
  const seen = new Set<string>();
  const aggs: NamedExpr[] = exprs.map(([name, node]) => {
    if (seen.has(name)) throw new DuskError("DUPLICATE_COLUMN", `agg produces the column "${name}" twice; give the outputs distinct names`);
    seen.add(name);
    const where = `agg(${name} = ${printExpr(node)})`;
    return named(name, bindExpr(node, { schema: plan.schema, where, aggregate: { keys } }));
  });
  const sort = options.sort ?? true, dropna = options.dropna ?? true;
  if (options.splitOut === undefined) {
    const auto = autoSplitOut(plan, keys, aggs.length);
    if (auto !== null) {
      const node = aggregateNode(plan, keys, aggs, { dropna, sort, splitOut: auto.splitOut, estimatedGroups: auto.groups });
      // the result stays what splitOut 1 gives, sorted as a whole: a sort over the shuffled
      // partitions (sampled key ranges, no single task holds all groups) instead of per partition
      return sort ? sortNode(node, keys, keys.map(() => true)) : node;
    }
  }
  const splitOut = options.splitOut === true ? partitionCount(plan) : options.splitOut === false || options.splitOut === undefined ? 1 : options.splitOut;
  return aggregateNode(plan, keys, aggs, { dropna, sort, splitOut });
}

/** Partial states (estimated) above which a groupBy gets an automatic splitOut however few its groups. */
export const AUTO_SPLIT_OUT_STATE_BYTES = 256e6;

/** The most output partitions an automatic splitOut picks. */
export const AUTO_SPLIT_OUT_MAX = 64;

/**
 * The splitOut a groupBy gets when the user gives none: when the estimated number of groups
 * (`estimateGroups`: sampled in-memory keys, Parquet min/max ranges of integer keys, capped by
 * the row count) exceeds `config.splitOutThreshold`, or their keys and partial states
 * ({@link AUTO_SPLIT_OUT_STATE_BYTES}) would not fit one task comfortably, max(2, the input's
 * partitions), at most {@link AUTO_SPLIT_OUT_MAX}; otherwise (or with no estimate) null: one
 * output partition.
 *
 * @example
 * ```ts
 * autoSplitOut(tenMillionRowsOf1e7Groups, ["id1", "id2", "id3"]); // { splitOut: 16, groups: 9_998_000 }
 * ```
 */
export function autoSplitOut(plan: LogicalNode, keys: readonly string[], naggs = 1): { splitOut: number; groups: number } | null {
  if (keys.length === 0) return null;
  const threshold = config.get().splitOutThreshold ?? 1e6;
  if (threshold === Infinity) return null;
  const groups = estimateGroups(plan, keys, sourceDistinct);
  if (groups === null) return null;
  // the one final task would hold every group's keys and partial states (~16 bytes an aggregate)
  const stateBytes = groups * (keys.reduce((a, k) => a + dtypeWidth(plan.schema.require(k).dtype), 0) + 16 * naggs);
  if (groups <= threshold && stateBytes <= AUTO_SPLIT_OUT_STATE_BYTES) return null;
  return { splitOut: Math.min(AUTO_SPLIT_OUT_MAX, Math.max(2, partitionCount(plan))), groups };
}
