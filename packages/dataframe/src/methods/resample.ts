/**
 * `df.resample(freq, { on })`: pandas' time resampling, as a lazy frame built from existing plan
 * nodes (no node kind of its own). Bins are left-closed and labelled by their left edge,
 * `dd.col(on).dt.floor(freq)` (weeks start on Monday; months, quarters and years at their first
 * day; a tz-aware column bins in local time). The result has one row per bin from the first to the
 * last non-empty one, empty bins included (count and size 0, other aggregates null), sorted by
 * time; the time column keeps its name and dtype. Rows with a null time are dropped.
 *
 * How it is built (docs/timeseries.md):
 * 1. the time column is replaced by its bin, `groupBy(bin).agg(spec)` aggregates (partial states
 *    combine, so bins straddling partition edges come out whole);
 * 2. the bin range: a one-row aggregate of that (small) result gives the first and last bin;
 * 3. the candidate instants `first + k * step` (k = 0, 1, ...) are generated lazily by three
 *    merges of a constant 4096-row digits frame (k = d1·4096² + d2·4096 + d3), each level filtered
 *    by the bin count, so at most n + 4096 rows are ever made for n bins;
 * 4. for fixed frequencies on a naive column those instants are the bins; for calendar
 *    frequencies and tz-aware columns `step` is a lower bound of a bin's length, the instants are
 *    floored to their bin and deduplicated;
 * 5. the bins are left-merged with the aggregates, counts filled with 0, sorted by time.
 *
 * @example
 * ```ts
 * df.setIndex("ts").resample("1min").agg({ v: "mean", n: dd.count() });
 * df.resample("1D", { on: "ts" }).sum();
 * ```
 */
import { DuskError, formatDType, NANOS_PER_UNIT, parseFrequency, type DType, type Frequency } from "@dusk/core";
import type { ExprNode } from "@dusk/plan";
import { DataFrame } from "../dataframe.js";
import { fromColumns } from "../constructors/index.js";
import { col, Expr, lit, type VarOptions } from "../expr.js";
import type { AggName, AggSpec } from "./agg.js";

/** Options of `df.resample`. */
export interface ResampleOptions {
  /** The date32 or timestamp column to bin; default: the frame's index (`setIndex`). */
  readonly on?: string;
}

/** Digits per merge level: three levels reach 4096³ ≈ 6.9e10 bins. */
const BASE = 4096;
const D = "__resample_d", K = "__resample_k", X = "__resample_x";
const FI = "__resample_first", LI = "__resample_last", NF = "__resample_n";
const HOUR_NANOS = 3.6e12, DAY_NANOS = 8.64e13, QUARTER_HOUR_NANOS = 9e11;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

let digitsFrame: DataFrame | null = null;
/** 0..BASE-1 (int64) with the constant merge key: the same in-memory frame (one token) every time. */
function digits(): DataFrame {
  if (digitsFrame === null) {
    const d = Array.from({ length: BASE }, (_, i) => i);
    digitsFrame = fromColumns({ [D]: d, [K]: d.map(() => 0) }, { dtypes: { [D]: "int64", [K]: "int64" } });
  }
  return digitsFrame;
}

interface Binning {
  /** Distance between consecutive candidate instants, in the column's units (days for date32). */
  readonly step: bigint;
  /** Whether the candidates are exactly the bins (fixed frequency on a naive column). */
  readonly exact: boolean;
}

/** The candidate step for a frequency on a column: the bin size when exact, else a lower bound of every bin's length. */
function binning(dtype: DType, f: Frequency, where: string): Binning {
  const calendar = f.unit === "M" || f.unit === "Y";
  const zoned = dtype.kind === "timestamp" && dtype.tz !== null && dtype.tz !== undefined;
  // shortest possible bin, in ns: months of 28 days, years of 365; in local time a bin may lose up
  // to 3 h to a daylight-saving shift, and shifts and offsets are multiples of 15 minutes, so
  // shorter bins are cut into pieces no shorter than gcd(freq, 15 min)
  let nanos = f.unit === "M" ? f.n * 28 * DAY_NANOS : f.unit === "Y" ? f.n * 365 * DAY_NANOS : f.nanos;
  if (zoned) nanos = nanos > 4 * HOUR_NANOS ? nanos - 3 * HOUR_NANOS : gcd(nanos, QUARTER_HOUR_NANOS);
  const exact = !calendar && !zoned;
  if (dtype.kind === "date32") {
    if (!calendar && !(f.nanos % DAY_NANOS === 0)) {
      throw new DuskError("TYPE_MISMATCH", `${where}: a date32 column resamples to whole days or longer, e.g. "1D", "1W", "1M"; cast it to a timestamp for shorter bins`);
    }
    return { step: BigInt(Math.max(1, Math.floor(nanos / DAY_NANOS))), exact };
  }
  if (dtype.kind !== "timestamp") throw new DuskError("INTERNAL", `${where}: resample on ${formatDType(dtype)}`);
  const unitNanos = NANOS_PER_UNIT[dtype.unit];
  if (!calendar && f.nanos < unitNanos) {
    if (unitNanos % f.nanos !== 0) throw new DuskError("INVALID_ARGUMENT", `${where}: the frequency must divide the column's unit (${dtype.unit})`);
    return { step: 1n, exact: !zoned };
  }
  if (!calendar && f.nanos % unitNanos !== 0) {
    throw new DuskError("TYPE_MISMATCH", `${where}: the frequency is not a whole number of ${dtype.unit}; cast the column to a finer unit first`);
  }
  return { step: BigInt(Math.max(1, Math.floor(nanos / unitNanos))), exact };
}

/**
 * A frame being resampled, waiting for its aggregation (pandas' `Resampler`). Every method gives a
 * lazy frame: the time column (bins, left edges) first, then the aggregates, one row per bin.
 *
 * @example
 * ```ts
 * const r = df.resample("1h", { on: "ts" });
 * r.agg({ v: ["mean", "max"], n: dd.count() }); // ts, v_mean, v_max, n
 * r.mean();                                     // ts and the mean of every numeric column
 * ```
 */
export class Resampler {
  /** The binned time column. */
  readonly on: string;
  /** The frequency as given. */
  readonly freq: string;
  private readonly binning: Binning;

  /** @internal Made by `df.resample`. */
  constructor(readonly frame: DataFrame, freq: string, options: ResampleOptions = {}) {
    const where = `resample(${JSON.stringify(freq)})`;
    const on = options.on ?? frame.index;
    if (on === null) {
      throw new DuskError("INVALID_ARGUMENT",
        `${where}: the frame has no index; name the time column with resample(${JSON.stringify(freq)}, { on: "ts" }) or set one with df.setIndex("ts")`);
    }
    const dtype = frame.schema.require(on, where).dtype;
    if (dtype.kind !== "timestamp" && dtype.kind !== "date32") {
      throw new DuskError("TYPE_MISMATCH",
        `${where}: the column "${on}" is ${formatDType(dtype)}; resample needs a timestamp or date32 column (cast it first, e.g. dd.col("${on}").cast("timestamp[ms]"))`);
    }
    this.on = on;
    this.freq = freq;
    this.binning = binning(dtype, parseFrequency(freq, where), where);
    Object.freeze(this);
  }

  /** Aggregations by spec, as `groupBy(...).agg`. @example `df.resample("1min", { on: "ts" }).agg({ v: "mean", n: dd.count() })` */
  agg(spec: AggSpec): DataFrame { return this.fill(this.grouped().agg(spec), countOutputs(spec)); }

  /** Mean of every numeric (and bool) column. @example `df.resample("1h", { on: "ts" }).mean()` */
  mean(): DataFrame { return this.fill(this.grouped().mean(), []); }
  /** Sum of every numeric (and bool) column (null for an empty bin). @example `df.resample("1D", { on: "ts" }).sum()` */
  sum(): DataFrame { return this.fill(this.grouped().sum(), []); }
  /** Non-null values of every column (0 for an empty bin). @example `df.resample("1h", { on: "ts" }).count()` */
  count(): DataFrame {
    const out = this.grouped().count();
    return this.fill(out, out.columns.filter((c) => c !== this.on));
  }
  /** Minimum of every column. @example `df.resample("1h", { on: "ts" }).min()` */
  min(): DataFrame { return this.fill(this.grouped().min(), []); }
  /** Maximum of every column. @example `df.resample("1h", { on: "ts" }).max()` */
  max(): DataFrame { return this.fill(this.grouped().max(), []); }
  /** First non-null value of every column, in row order. @example `df.resample("1h", { on: "ts" }).first()` */
  first(): DataFrame { return this.fill(this.grouped().first(), []); }
  /** Last non-null value of every column, in row order. @example `df.resample("1h", { on: "ts" }).last()` */
  last(): DataFrame { return this.fill(this.grouped().last(), []); }
  /** Exact median of every numeric (and bool) column. @example `df.resample("1D", { on: "ts" }).median()` */
  median(): DataFrame { return this.fill(this.grouped().median(), []); }
  /** Standard deviation (ddof 1 unless given) of every numeric column. @example `df.resample("1D", { on: "ts" }).std()` */
  std(options: VarOptions = {}): DataFrame { return this.fill(this.grouped().std(options), []); }
  /** Variance (ddof 1 unless given) of every numeric column. @example `df.resample("1D", { on: "ts" }).var()` */
  var(options: VarOptions = {}): DataFrame { return this.fill(this.grouped().var(options), []); }
  /** Rows per bin, in a column named "size" (0 for an empty bin). @example `df.resample("1min", { on: "ts" }).size()` */
  size(): DataFrame { return this.fill(this.grouped().size(), ["size"]); }

  private grouped() {
    // unsorted: the filled result is sorted once at the end
    return this.frame.assign({ [this.on]: col(this.on).dt.floor(this.freq) }).groupBy(this.on, { sort: false });
  }

  /** Adds the empty bins between the first and the last one (see the file's comment). */
  private fill(grouped: DataFrame, counts: readonly string[]): DataFrame {
    // one row per bin already; a DropDuplicates over every column stops projection
    // pushdown from narrowing the aggregate differently for the range branch, so both branches
    // share the same aggregate tasks and the input is read once
    const aggregated = grouped.dropDuplicates();
    const on = this.on, dtype = aggregated.schema.require(on, "resample").dtype;
    const { step, exact } = this.binning;
    const stepF = Number(step), b = BASE;
    // one row: first and last bin as int64 units, and a float upper bound of the candidate count
    const range = aggregated.agg({ [FI]: col(on).min(), [LI]: col(on).max() })
      .assign({ [FI]: col(FI).cast("int64"), [LI]: col(LI).cast("int64") })
      .assign({ [NF]: col(LI).sub(col(FI)).cast("float64").div(stepF).add(2), [K]: lit(0n, "int64") });
    const level1 = digits().merge(range, { on: K })
      .filter(col(D).cast("float64").mul(b * b).le(col(NF)))
      .rename({ [D]: X });
    const widen = (f: DataFrame): DataFrame => f.merge(digits(), { on: K })
      .assign({ [X]: col(X).mul(lit(BigInt(b), "int64")).add(col(D)) })
      .drop(D);
    const level2 = widen(level1).filter(col(X).cast("float64").mul(b).le(col(NF)));
    // rows past the float bound count as k = 0, so k * step cannot overflow int64 before they are dropped
    const inRange = col(X).cast("float64").le(col(NF));
    const instant = col(FI).add(col(X).mul(inRange.cast("int64")).mul(lit(step, "int64")));
    const level3 = widen(level2);
    let bins: DataFrame;
    if (exact) {
      bins = level3.filter(inRange.and(instant.le(col(LI)))).assign({ [on]: instant.cast(dtype) }).select(on);
    } else {
      bins = level3.filter(inRange.and(instant.le(col(LI).add(lit(step, "int64")))))
        .assign({ [on]: instant.cast(dtype).dt.floor(this.freq) })
        .filter(col(on).cast("int64").le(col(LI)))
        .select(on)
        .dropDuplicates(on);
    }
    let out = bins.merge(aggregated, { on, how: "left" });
    const present = counts.filter((c) => out.columns.includes(c));
    if (present.length > 0) {
      out = out.assign(Object.fromEntries(present.map((c) => [c, col(c).fillNull(lit(0n, formatDType(out.schema.require(c).dtype)))])));
    }
    return out.select(grouped.columns).sortValues(on);
  }
}

/** Outputs of an agg spec that are counts (0 for an empty bin): "count"/"size" names, dd.count(), col.count(). */
function countOutputs(spec: AggSpec): string[] {
  const out: string[] = [];
  const isCount = (n: AggName): boolean => n === "count" || n === "size";
  for (const [key, value] of Object.entries(spec)) {
    if (value instanceof Expr) {
      const node: ExprNode = value.node;
      if (node.kind === "agg" && (node.fn === "count" || node.fn === "size")) out.push(key);
    } else if (typeof value === "string") {
      if (isCount(value as AggName)) out.push(key);
    } else if (Array.isArray(value)) {
      for (const fn of value as readonly AggName[]) if (isCount(fn)) out.push(`${key}_${fn}`);
    }
  }
  return out;
}
