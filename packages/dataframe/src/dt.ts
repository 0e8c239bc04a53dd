/**
 * The `.dt` namespace of expressions and Series: datetime fields, rounding and formatting of
 * date32 and timestamp columns, like pandas' `Series.dt`. Fields of a timestamp with a time zone
 * are those of its local time in that zone; rounding to days and longer happens in local time too.
 *
 * @example
 * ```ts
 * df.assign({
 *   year: dd.col("ts").dt.year(),
 *   hour: dd.col("ts").dt.floor("1h"),
 *   month: dd.col("ts").dt.strftime("%Y-%m"),
 * });
 * ```
 */
import { parseDuration, parseFrequency, DuskError, type Duration, parseIsoDateTime } from "@dusk/core";
import { dtNode, litNode, type DtOp, type ExprNode } from "@dusk/plan";
import { Expr } from "./expr.js";

/**
 * Datetime operations on one expression (or Series); each returns a new one of the same kind.
 *
 * @example
 * ```ts
 * const d: DtAccessor<Expr> = dd.col("ts").dt;
 * df.filter(d.dayOfWeek().lt(5)); // weekdays
 * ```
 */
export class DtAccessor<T> {
  /** @internal */
  constructor(private readonly input: ExprNode, private readonly wrap: (node: ExprNode) => T) {
    Object.freeze(this);
  }

  private op(op: DtOp): T { return this.wrap(dtNode(this.input, op)); }
  private rounded(fn: "floor" | "ceil" | "round", freq: string): T {
    return this.op({ fn, freq: parseFrequency(freq, `dt.${fn}(${JSON.stringify(freq)})`) });
  }

  /** The year, as int32. @example `dd.col("ts").dt.year()` */
  year(): T { return this.op({ fn: "year" }); }
  /** The month, 1–12, as int32. @example `dd.col("ts").dt.month().eq(12)` */
  month(): T { return this.op({ fn: "month" }); }
  /** The day of the month, 1–31, as int32. @example `dd.col("shipdate").dt.day()` */
  day(): T { return this.op({ fn: "day" }); }
  /** The hour, 0–23, as int32 (timestamps only). @example `dd.col("ts").dt.hour().between(9, 17)` */
  hour(): T { return this.op({ fn: "hour" }); }
  /** The minute, 0–59, as int32 (timestamps only). @example `dd.col("ts").dt.minute()` */
  minute(): T { return this.op({ fn: "minute" }); }
  /** The second, 0–59, as int32 (timestamps only). @example `dd.col("ts").dt.second()` */
  second(): T { return this.op({ fn: "second" }); }
  /** The microseconds within the second, 0–999999, as int32 (timestamps only). @example `dd.col("ts").dt.microsecond()` */
  microsecond(): T { return this.op({ fn: "microsecond" }); }
  /** The nanoseconds within the microsecond, 0–999, as int32 (timestamps only). @example `dd.col("ts").dt.nanosecond()` */
  nanosecond(): T { return this.op({ fn: "nanosecond" }); }
  /** The day of the week, Monday 0 … Sunday 6 (as pandas), as int32. @example `dd.col("ts").dt.dayOfWeek().ge(5) // weekend` */
  dayOfWeek(): T { return this.op({ fn: "dayOfWeek" }); }
  /** The day of the year, 1–366, as int32. @example `dd.col("d").dt.dayOfYear()` */
  dayOfYear(): T { return this.op({ fn: "dayOfYear" }); }
  /** The quarter, 1–4, as int32. @example `df.groupBy(dd.col("d").dt.quarter())` */
  quarter(): T { return this.op({ fn: "quarter" }); }
  /** The calendar date (local date for a timestamp with a time zone), as date32. @example `dd.col("ts").dt.date().eq(dd.date("2024-03-31"))` */
  date(): T { return this.op({ fn: "date" }); }

  /**
   * Rounds down to a multiple of `freq` counted from 1970-01-01 ("1s", "15min", "1h", "1D"), or to
   * the start of the week (Monday), month, quarter or year ("1W", "1M", "Q", "1Y"). Keeps the dtype.
   * @example `dd.col("ts").dt.floor("15min")`, `dd.col("ts").dt.floor("1M")`
   */
  floor(freq: string): T { return this.rounded("floor", freq); }
  /** Rounds up to a multiple of a fixed frequency ("1s" … "1D"). @example `dd.col("ts").dt.ceil("1h")` */
  ceil(freq: string): T { return this.rounded("ceil", freq); }
  /** Rounds to the nearest multiple of a fixed frequency; ties go to the even multiple (pandas). @example `dd.col("ts").dt.round("1min")` */
  round(freq: string): T { return this.rounded("round", freq); }
  /**
   * The values as text, like Python's strftime: %Y %y %m %d %e %H %I %M %S %f %p %j %a %A %b %B
   * %u %w %z %Z %F %T %%.
   * @example `dd.col("ts").dt.strftime("%Y-%m-%d %H:%M")`
   */
  strftime(format: string): T { return this.op({ fn: "strftime", format }); }
}

/** The dt namespace of an expression node, giving expressions. @example `exprDt(colNode("ts")).year()` @internal */
export const exprDt = (node: ExprNode): DtAccessor<Expr> => new DtAccessor(node, (n) => new Expr(n));

/**
 * A fixed length of time, to add to or subtract from dates and timestamps: a string of
 * `<number><unit>` parts (units ns, us, ms, s, min, h, D, W), or an amount and a unit.
 * A date plus whole days stays a date; otherwise the result is a timestamp in the finer of the
 * two units. Overflow is an error, never a wrap.
 * @example `dd.col("ts").add(dd.duration("5min"))`, `dd.col("ts").sub(dd.duration(90, "s"))`, `dd.duration("1h30min")`
 */
export function duration(amount: string | number | bigint, unit?: "ns" | "us" | "ms" | "s" | "min" | "h" | "D" | "W"): Duration {
  if (typeof amount === "string" && unit === undefined) return parseDuration(amount, `dd.duration(${JSON.stringify(amount)})`);
  if (unit === undefined) {
    throw new DuskError("INVALID_ARGUMENT", `dd.duration(${String(amount)}) needs a unit, e.g. dd.duration(${String(amount)}, "s") or dd.duration("${String(amount)}s")`);
  }
  return parseDuration(`${String(amount)}${unit}`, `dd.duration(${String(amount)}, "${unit}")`);
}

/**
 * A timestamp literal from an ISO 8601 string (a zone suffix `Z` / `+01:00`, else UTC) or a Date,
 * to millisecond precision. Like a Date it adapts to the column it meets (its unit and zone; a
 * date32 column when it is midnight UTC), so filters on it prune Parquet row groups.
 * @example `df.filter(dd.col("ts").ge(dd.timestamp("2024-01-01T12:00:00Z")))`
 */
export function timestamp(value: string | Date): Expr {
  const ms = value instanceof Date ? value.getTime() : parseIsoDateTime(value);
  if (ms === undefined || Number.isNaN(ms)) {
    throw new DuskError("INVALID_ARGUMENT", `dd.timestamp(${JSON.stringify(String(value))}): not an ISO 8601 date-time such as "2024-01-01T12:00:00Z"`);
  }
  return new Expr(litNode(new Date(ms)));
}
