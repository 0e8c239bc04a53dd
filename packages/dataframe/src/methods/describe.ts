/**
 * describe(): pandas' `DataFrame.describe()` as a lazy frame with one row per statistic: a first
 * utf8 column `statistic` (Dusk frames have no index), then one column per described column.
 *
 * - Numeric columns (float64 results): count, mean, std (ddof 1), min, the percentiles (default
 *   25%, 50%, 75%; 50% is always added, as pandas), max. Nulls and NaN are skipped.
 * - With `include: "all"`, also utf8 and bool columns (utf8 results): count, unique, top, freq, where
 *   top is the most frequent value (ties: the smallest value) and freq its count. Rows are then
 *   count, unique, top, freq, mean, std, min, percentiles, max, null where a statistic does not
 *   apply to a column. A frame without numeric columns describes its utf8 and bool columns.
 *
 * How it runs: every statistic is one aggregate call of ONE whole-frame aggregate (quantiles are
 * exact, so the prepared columns meet in one task); top/freq come from value counts (a groupBy
 * size sorted by count) per text column. The one-row result is cut into the statistic rows by small projections over that one
 * aggregate (equal sub-plans share their tasks, so the data is read once) and concatenated into one
 * partition.
 */
import { DuskError, dtypes, isNumeric, type DType } from "@dusk/core";
import {
  aggNode, aggregateNode, bindExpr, colNode, concatNode, dropDuplicatesNode, limitNode, mergeNode, named, projectNode, repartitionNode, tCast, tCol, tLit,
  type ExprNode, type LogicalNode, type NamedExpr, type TypedExpr,
} from "@dusk/plan";
import { aggregate } from "./agg.js";
import { sortValues } from "./sort-values.js";

/**
 * Options of `describe()`.
 *
 * @example
 * ```ts
 * df.describe({ percentiles: [0.05, 0.95], include: "all" });
 * ```
 */
export interface DescribeOptions {
  /** Percentiles to show, fractions in [0, 1] (default [0.25, 0.5, 0.75]); 0.5 is always added. */
  readonly percentiles?: readonly number[];
  /** "all": describe utf8 and bool columns too (count, unique, top, freq); default: numeric columns only. */
  readonly include?: "all" | "number";
}

const F64 = dtypes.float64;
const UTF8 = dtypes.utf8;

/** `25%`, `12.5%`, `99.9%`: pandas' percentile labels. */
export function percentileLabel(p: number): string {
  return `${Number((p * 100).toPrecision(10))}%`;
}

/** Checked, sorted, distinct percentiles, with the median. */
export function checkPercentiles(ps: readonly number[], where: string): number[] {
  for (const p of ps) {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new DuskError("INVALID_ARGUMENT", `${where}: percentiles must be numbers between 0 and 1, got ${String(p)}`);
    }
  }
  return [...new Set([...ps, 0.5])].sort((a, b) => a - b);
}

type Stat = "count" | "unique" | "top" | "freq" | "mean" | "std" | "min" | "max" | `p${number}`;

export function describe(plan: LogicalNode, options: DescribeOptions = {}): LogicalNode {
  if (options.include !== undefined && options.include !== "all" && options.include !== "number") {
    throw new DuskError("INVALID_ARGUMENT", `describe include must be "all" or "number", got ${JSON.stringify(options.include)}`);
  }
  const ps = checkPercentiles(options.percentiles ?? [0.25, 0.5, 0.75], "describe");
  const fields = plan.schema.fields;
  const numeric = fields.filter((f) => isNumeric(f.dtype));
  const useText = options.include === "all" || numeric.length === 0;
  const described = fields.filter((f) => isNumeric(f.dtype) || (useText && (f.dtype.kind === "utf8" || f.dtype.kind === "bool")));
  if (described.length === 0) {
    throw new DuskError("INVALID_ARGUMENT", `describe: the frame has no numeric, utf8 or bool column to describe (columns: ${plan.schema.names.join(", ")})`);
  }
  if (described.some((f) => f.name === "statistic")) {
    throw new DuskError("DUPLICATE_COLUMN", 'describe names its first column "statistic": rename the column "statistic" first', { column: "statistic" });
  }
  const numStats: Stat[] = ["mean", "std", "min", ...ps.map((_, i) => `p${i}` as Stat), "max"];
  const textStats: Stat[] = ["unique", "top", "freq"];
  const stats: Stat[] = numeric.length > 0 && !useText ? ["count", ...numStats]
    : numeric.length === 0 ? ["count", ...textStats] : ["count", ...textStats, ...numStats];

  // one whole-frame aggregate holding every statistic but top/freq
  const name = (i: number, s: Stat | "n"): string => `__d${i}_${s}`;
  const exprs: [string, ExprNode][] = [];
  described.forEach((f, i) => {
    const c = colNode(f.name);
    exprs.push([name(i, "count"), aggNode("count", c)]);
    if (isNumeric(f.dtype)) {
      exprs.push([name(i, "mean"), aggNode("mean", c)], [name(i, "std"), aggNode("std", c)],
        [name(i, "min"), aggNode("min", c)], [name(i, "max"), aggNode("max", c)]);
      ps.forEach((q, j) => exprs.push([name(i, `p${j}`), aggNode("quantile", c, { q })]));
    } else {
      exprs.push([name(i, "unique"), aggNode("nunique", c)]);
    }
  });
  let wide = aggregate(plan, [], exprs);

  // top and freq: the first row of each text column's value counts, joined on to the one row
  const text = described.map((f, i) => [f, i] as const).filter(([f]) => !isNumeric(f.dtype));
  if (text.length > 0) {
    const one = named("__j", tLit(1, dtypes.int32));
    const withJoinKey = (p: LogicalNode, exprs: NamedExpr[]): LogicalNode => projectNode(p, [...exprs, one]);
    wide = withJoinKey(wide, wide.schema.fields.map((f) => named(f.name, tCol(f.name, f.dtype))));
    for (const [f, i] of text) {
      // value counts (as valueCounts, under a name no column has): most frequent first, ties by value
      const size = bindExpr(aggNode("size", null), { schema: plan.schema, where: "describe", aggregate: { keys: [f.name] } });
      const counts = aggregateNode(plan, [f.name], [named(name(i, "n"), size)], { dropna: true, sort: true });
      const top = limitNode(sortValues(counts, [name(i, "n"), f.name], { ascending: [false, true] }), 1);
      const row = withJoinKey(top, [
        named(name(i, "top"), f.dtype.kind === "utf8" ? tCol(f.name, f.dtype) : tCast(tCol(f.name, f.dtype), UTF8)),
        named(name(i, "freq"), tCol(name(i, "n"), size.dtype)),
      ]);
      wide = mergeNode(wide, row, "left", ["__j"], ["__j"]);
    }
  }

  wide = keepEveryColumn(wide);
  const label = (s: Stat): string => (s.startsWith("p") ? percentileLabel(ps[Number(s.slice(1))]) : s);
  const rows = stats.map((s) => projectNode(wide, [
    named("statistic", tLit(label(s), UTF8)),
    ...described.map((f, i) => named(f.name, cell(wide, name(i, s), isNumeric(f.dtype) ? F64 : UTF8))),
  ]));
  return repartitionNode(concatNode(rows), 1);
}

/**
 * The one-row frame behind a node the optimizer does not narrow: a DropDuplicates over every column
 * (a no-op on one row). Each statistic row reads a few columns of it, and the projection pushdown
 * narrows each reader's input separately: without this, every row would get its own, narrower
 * aggregate, i.e. its own pass over the data.
 */
export function keepEveryColumn(wide: LogicalNode): LogicalNode {
  return dropDuplicatesNode(wide, wide.schema.names);
}

/** The value of a wide column as `to`, or a null of that type where the statistic does not apply. */
function cell(wide: LogicalNode, column: string, to: DType): TypedExpr {
  if (!wide.schema.has(column)) return tLit(null, to);
  const f = wide.schema.require(column);
  const c = tCol(column, f.dtype);
  return f.dtype.kind === to.kind ? c : tCast(c, to);
}
