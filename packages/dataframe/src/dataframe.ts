/**
 * The lazy DataFrame: a thin wrapper over a logical plan. Every method returns a new frame over a
 * new plan; nothing runs before `compute`, `head` or `length`.
 *
 * @example
 * ```ts
 * import * as dd from "@dusk/dataframe";
 * const df = dd.fromColumns({ id: ["a", "b", "a"], v: [1, 2, 3] }, { npartitions: 2 });
 * const out = df.filter(dd.col("v").gt(1)).groupBy("id").agg({ v: "sum" });
 * console.log(out.explain());
 * const table = await out.compute(); // apache-arrow Table: id, v
 * ```
 */
import { formatDType, type DTypeName } from "@dusk/core";
import { valueAt } from "@dusk/kernels";
import { explainNode, indexOf, knownRowCount, limitNode, optimize, partitionCount, type LogicalNode, type PartitionBounds, type Schema } from "@dusk/plan";
import { inspect } from "node:util";
import type { Table } from "apache-arrow";
import { computeBatches, computeTable, toTable, type ComputeOptions } from "./execute.js";
import type { ExprLike } from "./expr.js";
import { GroupBy } from "./group-by.js";
import { aggregate, specToExprs, type AggSpec, type GroupByOptions } from "./methods/agg.js";
import { assign } from "./methods/assign.js";
import { explainAs, type ExplainOptions } from "./methods/explain.js";
import { filter } from "./methods/filter.js";
import { headBatches } from "./methods/head.js";
import { drop, rename, select } from "./methods/select.js";
import { lengthPlan } from "./methods/length.js";
import { Series } from "./series.js";
import { persistPlan } from "./methods/persist.js";
import { merge, type MergeOptions } from "./methods/merge.js";
import { valueCounts, type ValueCountsOptions } from "./methods/value-counts.js";
import { describe, type DescribeOptions } from "./methods/describe.js";
import { quantile } from "./methods/quantile.js";
import { nlargest, nsmallest } from "./methods/nlargest.js";
import { dropDuplicates, type DropDuplicatesOptions } from "./methods/drop-duplicates.js";
import { repartition, type RepartitionOptions } from "./methods/repartition.js";
import { sortValues, type SortValuesOptions } from "./methods/sort-values.js";
import { divisionsOf, setIndex, type SetIndexOptions } from "./methods/set-index.js";
import { loc } from "./methods/loc.js";
import { Resampler, type ResampleOptions } from "./methods/resample.js";
import { mergeAsofPlan, type MergeAsofOptions } from "./methods/merge-asof.js";
import { resetIndex } from "./methods/reset-index.js";
import { toCsv, toJson, toParquet, type ToCsvOptions, type ToJsonOptions, type ToParquetOptions } from "./methods/to-files.js";
import { frameSummaryHTML, frameSummaryText } from "./display/frame-summary.js";
import { visualize, type VisualizeOptions } from "./visualize/visualize.js";

export class DataFrame {
  /** The logical plan this frame stands for. */
  readonly plan: LogicalNode;

  /** @internal Frames are made by dd.fromColumns, dd.fromArrow, dd.fromRecords and by methods. */
  constructor(plan: LogicalNode) {
    this.plan = plan;
    Object.freeze(this);
  }

  /** Column names, in order. @example `df.columns // ["id1", "v1"]` */
  get columns(): string[] { return this.plan.schema.names; }

  /** Column dtypes by name. @example `df.dtypes // { id1: "utf8", v1: "int64" }` */
  get dtypes(): Readonly<Record<string, DTypeName>> {
    return Object.freeze(Object.fromEntries(this.plan.schema.fields.map((f) => [f.name, formatDType(f.dtype)])));
  }

  /** The schema (names and DType objects). @example `df.schema.field("v1")?.dtype` */
  get schema(): Schema { return this.plan.schema; }

  /** Number of partitions. @example `dd.fromColumns({ a: [1, 2, 3] }, { npartitions: 2 }).npartitions // 2` */
  get npartitions(): number { return partitionCount(this.plan); }

  /** Keeps the named columns, in that order. @example `df.select("id1", "v1")` or `df.select(["id1", "v1"])` */
  select(...columns: (string | readonly string[])[]): DataFrame { return new DataFrame(select(this.plan, columns.flat())); }

  /** Removes columns. @example `df.drop("v2")` */
  drop(...columns: (string | readonly string[])[]): DataFrame { return new DataFrame(drop(this.plan, columns.flat())); }

  /** Renames columns. @example `df.rename({ v1: "value" })` */
  rename(mapping: Readonly<Record<string, string>>): DataFrame { return new DataFrame(rename(this.plan, mapping)); }

  /** Keeps rows where the condition is true. @example `df.filter(dd.col("v1").gt(2))` */
  filter(condition: ExprLike): DataFrame { return new DataFrame(filter(this.plan, condition)); }

  /** Adds or replaces columns. @example `df.assign({ v4: dd.col("v1").mul(dd.col("v2")) })` */
  assign(columns: Readonly<Record<string, ExprLike>>): DataFrame { return new DataFrame(assign(this.plan, columns)); }

  /** One column as a lazy Series. @example `df.col("v1").mean().compute()` */
  col(name: string): Series { return Series.of(this, name); }

  /** Groups by one or more key columns. @example `df.groupBy(["id1", "id2"]).agg({ v1: "sum" })` */
  groupBy(keys: string | readonly string[], options: GroupByOptions = {}): GroupBy {
    return new GroupBy(this, typeof keys === "string" ? [keys] : [...keys], options);
  }

  /** Aggregates the whole frame into one row. @example `df.agg({ v1: "sum", n: dd.count() })` */
  agg(spec: AggSpec): DataFrame { return new DataFrame(aggregate(this.plan, [], specToExprs(spec))); }

  /** The first n rows (default 5), computing only the partitions needed. @example `await df.head(10)` */
  async head(n = 5, options: ComputeOptions = {}): Promise<Table> {
    const plan = limitNode(this.plan, n);
    return toTable([await headBatches(this.plan, plan.n, options)], this.plan.schema);
  }

  /**
   * Joins with another frame on equal keys, as pandas' merge: `how` inner (default), left, right,
   * outer, semi or anti; keys by `on` (default: the shared column names) or `leftOn`/`rightOn`.
   * Null keys never match; other names on both sides get `suffixes` (`_x`, `_y`).
   * @example `orders.merge(customers, { on: "customer_id", how: "left" })`
   */
  merge(other: DataFrame, options?: MergeOptions): DataFrame { return new DataFrame(merge(this.plan, other.plan, options)); }

  /**
   * For each row, the row of `other` with the nearest `on` key (backward by default: the last key ≤
   * this row's), optionally within `by` groups and a `tolerance`; both frames sorted by `on`. Same as
   * `dd.mergeAsof(this, other, options)`.
   * @example `trades.mergeAsof(quotes, { on: "time", by: "ticker", tolerance: "2s" })`
   */
  mergeAsof(other: DataFrame, options: MergeAsofOptions): DataFrame { return new DataFrame(mergeAsofPlan(this.plan, other.plan, options)); }

  /**
   * Sorts rows by one or more columns, as pandas' `sort_values` (stable; the output partitions in
   * order hold the sorted frame). `ascending` is one flag or one per column; null and NaN go last
   * unless `naPosition: "first"`. Strings compare by code point.
   * @example `df.sortValues(["id1", "v1"], { ascending: [true, false] }).limit(10)`
   */
  sortValues(by: string | readonly string[], options?: SortValuesOptions): DataFrame { return new DataFrame(sortValues(this.plan, by, options)); }

  /**
   * Sorts the frame by one column and remembers it as the index, with known divisions (each
   * partition's [min, max]) when they can be known without running: `sorted: true` when the frame
   * is already sorted (checked against in-memory data or Parquet statistics; no sort runs), Parquet
   * files whose statistics show ascending ranges (each partition sorts itself, no shuffle), else a
   * sample sort as `sortValues` (divisions then unknown). Null index values go last. The column stays
   * a column. See docs/sorting.md.
   * @example `const byTime = df.setIndex("ts", { sorted: true }); byTime.loc(t0, t1)`
   */
  setIndex(column: string, options?: SetIndexOptions): DataFrame { return new DataFrame(setIndex(this.plan, column, options)); }

  /** Forgets the index (rows, order and columns stay as they are). @example `df.setIndex("ts").resetIndex().index // null` */
  resetIndex(): DataFrame { return new DataFrame(resetIndex(this.plan)); }

  /** The index column's name, or null when the frame has no index. @example `df.setIndex("ts").index // "ts"` */
  get index(): string | null { return indexOf(this.plan)?.column ?? null; }

  /**
   * Per partition, the [min, max] of its non-null index values (null for a partition without any),
   * when known from the plan without computing; null when unknown or without an index. Values in
   * Dusk's scalar form: bigint for int64 and timestamps, days since the epoch for date32.
   * @example `dd.fromColumns({ t: [1, 2, 3, 4] }, { npartitions: 2 }).setIndex("t", { sorted: true }).divisions() // [[1n, 2n], [3n, 4n]]`
   */
  divisions(): readonly PartitionBounds[] | null { return divisionsOf(this.plan); }

  /**
   * Rows whose index value lies between `lo` and `hi`, both included (pandas' `df.loc[lo:hi]` on a
   * sorted index); null or undefined leaves an end open. With known divisions only the partitions
   * that can hold such rows are read.
   * @example `df.setIndex("ts", { sorted: true }).loc(new Date("2024-01-01"), new Date("2024-01-31"))`
   */
  loc(lo: ExprLike | undefined, hi?: ExprLike): DataFrame { return new DataFrame(loc(this.plan, lo, hi)); }

  /**
   * Time bins of `freq` ("1min", "1h", "1D", "1W", "1M", ...) over the index or the `on` column, as pandas'
   * `resample`: left-closed bins labelled by their left edge, every bin from the first to the last (empty ones too).
   * @example `df.resample("1min", { on: "ts" }).agg({ v: "mean" })` or `df.setIndex("ts").resample("1h").sum()`
   */
  resample(freq: string, options?: ResampleOptions): Resampler { return new Resampler(this, freq, options); }

  /**
   * The distinct values of one or more columns and how many rows hold each (column `count`), most
   * frequent first, as pandas' `value_counts`; null values are left out unless `dropna: false`.
   * @example `await df.valueCounts("id1").limit(5).compute()`
   */
  valueCounts(columns: string | readonly string[], options?: ValueCountsOptions): DataFrame { return new DataFrame(valueCounts(this.plan, columns, options)); }

  /**
   * Summary statistics, as pandas' `describe()`: one row per statistic (column `statistic`: count,
   * mean, std, min, 25%, 50%, 75%, max), one float64 column per numeric column; `include: "all"`
   * adds count, unique, top and freq of utf8 and bool columns (as utf8). Lazy; one aggregate pass.
   * @example `await df.describe({ percentiles: [0.1, 0.9] }).compute()`
   */
  describe(options?: DescribeOptions): DataFrame { return new DataFrame(describe(this.plan, options)); }

  /**
   * Exact quantiles of every numeric column, as pandas' `DataFrame.quantile`: one row per q, a first
   * column `quantile` holding q, then one float64 column per numeric column. Lazy.
   * @example `await df.quantile([0.25, 0.5, 0.75]).compute()`
   */
  quantile(q: number | readonly number[] = 0.5): DataFrame { return new DataFrame(quantile(this.plan, q)); }

  /**
   * The n rows with the largest values of `columns` (compared in order), largest first, as pandas'
   * `nlargest(n, columns)` with keep="first": among equal values the earlier row wins. One partition.
   * @example `df.nlargest(5, "v1")` or `df.nlargest(3, ["v1", "v2"])`
   */
  nlargest(n: number, columns: string | readonly string[]): DataFrame { return new DataFrame(nlargest(this.plan, n, columns)); }

  /**
   * Whole rows, one per distinct combination of `subset` (default: every column), the first (or,
   * with `keep: "last"`, the last) row holding it, as pandas' `drop_duplicates`; nulls equal each
   * other. One partition in row order, or `splitOut` partitions shuffled by the subset (each in row order).
   * @example `df.dropDuplicates(["id1", "id2"], { keep: "last" })` or `df.dropDuplicates()`
   */
  dropDuplicates(subset?: string | readonly string[], options?: DropDuplicatesOptions): DataFrame { return new DataFrame(dropDuplicates(this.plan, subset, options)); }

  /**
   * The n rows with the smallest values of `columns`, smallest first, as pandas' `nsmallest` (keep="first").
   * @example `df.nsmallest(5, "price")`
   */
  nsmallest(n: number, columns: string | readonly string[]): DataFrame { return new DataFrame(nsmallest(this.plan, n, columns)); }

  /**
   * The same rows in the same order over `npartitions` partitions: fewer by joining neighbours,
   * more by cutting each partition into row ranges of near-equal length.
   * @example `df.repartition({ npartitions: 4 }).npartitions // 4`
   */
  repartition(options: RepartitionOptions): DataFrame { return new DataFrame(repartition(this.plan, options)); }

  /** A lazy frame of the first n rows. @example `df.limit(100).compute()` */
  limit(n: number): DataFrame { return new DataFrame(limitNode(this.plan, n)); }

  /** Number of rows (like len(ddf)). @example `await df.length()` */
  async length(options: ComputeOptions = {}): Promise<number> {
    const known = knownRowCount(optimize(this.plan)); // from footers or in-memory data: nothing is read
    if (known !== null) return known;
    const [b] = await computeBatches(lengthPlan(this.plan), options);
    return Number(valueAt(b.columns[0], 0));
  }

  /**
   * Computes the frame and keeps its partitions in worker memory; the returned frame reads them.
   * An indexed frame stays indexed, with its divisions then known (see `setIndex`).
   * @example `const cached = await df.filter(dd.col("v1").gt(2)).persist()`
   */
  async persist(options: ComputeOptions = {}): Promise<DataFrame> { return new DataFrame(await persistPlan(this.plan, options)); }

  /** Runs the plan; the result as one apache-arrow Table. @example `const table = await df.compute()` */
  async compute(options: ComputeOptions = {}): Promise<Table> {
    return computeTable(this.plan, options);
  }

  /**
   * Writes one CSV file per partition, in parallel, each atomically; returns the paths written.
   * The target is a directory (`part-00000.csv`, ...) or a pattern with one `*`; local or s3://.
   * @example `await df.toCsv("out/")` or `await df.toCsv("s3://bucket/export-*.csv.gz", { storageOptions })`
   */
  toCsv(target: string, options?: ToCsvOptions): Promise<string[]> { return toCsv(this.plan, target, options); }

  /**
   * Writes one newline-delimited JSON file per partition (one object per row), in parallel, each
   * atomically; returns the paths written. Reads back with `dd.readJson(dir + "/*.json")`.
   * @example `await df.toJson("out/")` or `await df.toJson("s3://bucket/export-*.json.gz", { storageOptions })`
   */
  toJson(target: string, options?: ToJsonOptions): Promise<string[]> { return toJson(this.plan, target, options); }

  /**
   * Writes one Parquet file per partition (codec `compression`, default snappy), each atomically.
   * @example `await df.toParquet("out/", { compression: "zstd" })`
   */
  toParquet(target: string, options?: ToParquetOptions): Promise<string[]> { return toParquet(this.plan, target, options); }

  /**
   * The logical, optimized and physical plans: as text (default), as Graphviz DOT, or as an SVG
   * picture (a promise: Graphviz runs as WebAssembly, loaded on first use).
   * @example `console.log(df.explain())` or `const svg = await df.explain({ format: "svg" })`
   */
  explain(options?: { readonly format?: "text" }): string;
  explain(options: { readonly format: "dot" }): string;
  explain(options: { readonly format: "svg" }): Promise<string>;
  explain(options?: ExplainOptions): string | Promise<string>;
  explain(options: ExplainOptions = {}): string | Promise<string> { return explainAs(this.plan, options); }

  /**
   * A picture of the task graph (by layer; task by task under 200 tasks) or of the optimized plan
   * (`graph: "plan"`): SVG or DOT, shown in a notebook cell, else written to `filename` (default
   * `graph.svg`); resolves to the SVG or DOT text.
   * @example `await df.visualize({ filename: "tasks.svg" })` or `await df.visualize({ graph: "plan", format: "dot" })`
   */
  visualize(options?: VisualizeOptions): Promise<string> { return visualize(this.plan, options); }

  /** A one-line description: columns, dtypes, partitions and the top plan node. */
  toString(): string {
    const cols = this.plan.schema.fields.map((f) => `${f.name}: ${formatDType(f.dtype)}`).join(", ");
    return `DataFrame[${cols}] npartitions=${this.npartitions} (${explainNode(this.plan)})`;
  }

  /**
   * What `console.log(df)` and a notebook cell ending in `df` print: columns, dtypes, npartitions
   * and a one-line plan summary, without computing. @example `console.log(df)`
   */
  [inspect.custom](): string { return frameSummaryText(this.plan); }

  /** The same summary as an HTML table, for notebooks. @example `tslab.display.html(df.toHTML())` or `dd.display(df)` */
  toHTML(): string { return frameSummaryHTML(this.plan); }
}

