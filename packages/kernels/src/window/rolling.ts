/**
 * Rolling aggregates over a count window or a time window, skipping nulls and NaN, null when fewer
 * than `minPeriods` values are in the window. sum, mean, min, max, std and var (ddof 1) are
 * float64, count int64.
 *
 * - Count window (`rolling`): row i aggregates the `window` rows ending at i (itself and the
 *   `window − 1` before it, taken from `before` — the rows preceding this partition — where the
 *   partition starts). pandas' default minPeriods is the window.
 * - Time window (`rollingTime`): row i at time t aggregates the rows up to and including it whose
 *   time is in (t − span, t] (right-closed, left-open, as pandas' `rolling("5min", on=...)`), the
 *   earlier ones taken from `before` (the preceding rows with their times). Times must be non-null
 *   and ascending; pandas' default minPeriods is 1.
 *
 * Both share one sliding engine: every row enters its window once and leaves it once (the window
 * start only moves forward), with sums and Welford's mean/M2 for sum, mean, std and var and a
 * monotonic deque for min and max, so the cost is O(rows) whatever the window.
 *
 * @example
 * ```ts
 * rolling("sum", col([3, 4]), col([1, 2]), 2, 2, "rolling(v)"); // [5, 7]
 * rolling("mean", col([1, null, 3]), null, 2, 1, "rolling(v)"); // [1, 1, 3]
 * rollingTime("sum", col([1, 2, 4]), times([0n, 3n, 5n]), null, 3n, 1, "rolling(v)", "ts"); // [1, 2, 6]
 * ```
 */
import { DuskError, type DType } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { concatColumns } from "../concat.js";
import { asNumbers } from "../aggregates/as-numbers.js";
import { float64Column, int64Column } from "../aggregates/counts.js";
import { formatValue } from "../format.js";
import { sliceColumn } from "../slice.js";
import { tailRows } from "./shift.js";

export type RollingAgg = "sum" | "mean" | "count" | "min" | "max" | "std" | "var";

/** Rows with their times, as a time window's summaries and carries hold them. */
export interface TimedRows {
  readonly values: Column;
  readonly times: Column;
}

function checkValues(agg: RollingAgg, col: Column, where: string): void {
  const k = col.dtype.kind;
  if (k === "utf8" || k === "date32" || k === "timestamp") {
    throw new DuskError("TYPE_MISMATCH", `${where}: rolling ${agg} needs numbers or bools, got ${k}`, { where });
  }
}

/** Rolling `agg` of `col` over `window` rows, `before` holding (at least) the rows preceding it. */
export function rolling(agg: RollingAgg, col: Column, before: Column | null, window: number, minPeriods: number, where: string): Column {
  if (!Number.isInteger(window) || window < 1) throw new DuskError("INVALID_ARGUMENT", `${where}: the window must be a whole number of rows ≥ 1, got ${window}`);
  checkValues(agg, col, where);
  const prev = before === null || window === 1 ? null : tailRows(before, window - 1);
  const full = prev === null || prev.length === 0 ? col : concatColumns([prev, col], col.dtype);
  const start = new Int32Array(full.length);
  for (let j = 0; j < full.length; j++) start[j] = Math.max(0, j - window + 1);
  return slide(agg, full, start, full.length - col.length, minPeriods, where);
}

/**
 * Rolling `agg` of `col` over a time window of `span` units of `times` (a timestamp or date32
 * column of the same length; `span` in its unit, > 0), `before` holding the preceding rows with
 * their times (at least those within `span` of this partition's first time).
 */
export function rollingTime(
  agg: RollingAgg, col: Column, times: Column, before: TimedRows | null, span: bigint, minPeriods: number, where: string, on: string,
): Column {
  if (span <= 0n) throw new DuskError("INVALID_ARGUMENT", `${where}: the time window must be positive, got ${span}`);
  checkValues(agg, col, where);
  const prev = before === null || before.values.length === 0 ? null : before;
  const full = prev === null ? col : concatColumns([prev.values, col], col.dtype);
  const allTimes = prev === null ? times : concatColumns([prev.times, times], times.dtype);
  const t = sortedTimes(allTimes, where, on);
  const n = full.length;
  const start = new Int32Array(n);
  let left = 0;
  for (let j = 0; j < n; j++) {
    const from = t[j] - span;
    while (t[left] <= from) left++;
    start[j] = left;
  }
  return slide(agg, full, start, n - col.length, minPeriods, where);
}

/**
 * The rows of `rows` within `span` of its last time (time > last − span): what a time window
 * needs of them for the rows that follow. Checks the times as `rollingTime` does.
 */
export function timeTail(rows: TimedRows, span: bigint, where: string, on: string): TimedRows {
  const t = sortedTimes(rows.times, where, on);
  const n = t.length;
  if (n === 0) return rows;
  const from = t[n - 1] - span;
  let k = n - 1;
  while (k > 0 && t[k - 1] > from) k--;
  return k === 0 ? rows : { values: sliceColumn(rows.values, k, n), times: sliceColumn(rows.times, k, n) };
}

/** `a` followed by `b`, rows and times. */
export const concatTimed = (a: TimedRows, b: TimedRows): TimedRows => ({
  values: concatColumns([a.values, b.values], b.values.dtype),
  times: concatColumns([a.times, b.times], b.times.dtype),
});

/** The times as int64 counts of their unit, checked non-null and ascending. */
function sortedTimes(times: Column, where: string, on: string): BigInt64Array {
  const k = times.dtype.kind;
  if (k !== "timestamp" && k !== "date32") {
    throw new DuskError("TYPE_MISMATCH", `${where}: a time window needs a timestamp or date32 column on=${on}, got ${k}`, { where, column: on });
  }
  const n = times.length;
  const src = (times as PrimitiveColumn).values as BigInt64Array | Int32Array;
  const t = src instanceof BigInt64Array ? src : BigInt64Array.from(src as Int32Array, (x) => BigInt(x));
  const validity = times.validity;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      throw new DuskError("INVALID_ARGUMENT",
        `${where}: column ${on} has a null time; a time window needs every row's time (pandas raises too): drop them first, e.g. filter(dd.col("${on}").isNotNull()), or fill them`,
        { where, column: on });
    }
    if (i > 0 && t[i] < t[i - 1]) throw unsorted(times.dtype, t[i - 1], t[i], where, on);
  }
  return t;
}

function unsorted(dtype: DType, prev: bigint, at: bigint, where: string, on: string): DuskError {
  const show = (x: bigint): string => formatValue(dtype.kind === "date32" ? Number(x) : x, dtype);
  return new DuskError("INVALID_ARGUMENT",
    `${where}: a time window needs the rows sorted by ${on} ascending, but ${show(at)} comes after ${show(prev)}; sort first with sortValues("${on}") or setIndex("${on}")`,
    { where, column: on, value: show(at) });
}

/**
 * The shared engine: row j of `full` aggregates rows start[j]..j (start never decreases); rows
 * from `offset` on are the output.
 */
function slide(agg: RollingAgg, full: Column, start: Int32Array, offset: number, minPeriods: number, where: string): Column {
  const { values, present } = asNumbers(full, "sum", where);
  const n = full.length - offset;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  if (agg === "min" || agg === "max") slidingExtreme(agg, values, present, start, minPeriods, offset, out, valid);
  else slidingMoments(agg, values, present, start, minPeriods, offset, out, valid);
  return agg === "count" ? withNulls(int64Column(out), valid) : float64Column(out, valid);
}

function withNulls(c: Column, valid: Uint8Array): Column {
  let all = true;
  for (let i = 0; i < valid.length && all; i++) all = valid[i] === 1;
  if (all) return c;
  const bits = new Uint8Array((valid.length + 7) >> 3);
  for (let i = 0; i < valid.length; i++) if (valid[i] === 1) bits[i >> 3] |= 1 << (i & 7);
  return { ...c, validity: bits } as Column;
}

function slidingMoments(agg: RollingAgg, x: Float64Array, present: Uint8Array, start: Int32Array, minPeriods: number, offset: number, out: Float64Array, valid: Uint8Array): void {
  let count = 0, sum = 0, mean = 0, m2 = 0, left = 0;
  for (let j = 0; j < x.length; j++) {
    if (present[j] === 1) {
      const v = x[j];
      count++; sum += v;
      const d = v - mean; mean += d / count; m2 += d * (v - mean);
    }
    for (; left < start[j]; left++) {
      if (present[left] !== 1) continue;
      const v = x[left];
      count--; sum -= v;
      if (count === 0) { mean = 0; m2 = 0; sum = 0; } else {
        const d = v - mean; mean -= d / count; m2 -= d * (v - mean);
      }
    }
    if (j < offset) continue;
    const i = j - offset;
    if (count < minPeriods) continue;
    switch (agg) {
      case "count": out[i] = count; valid[i] = 1; break;
      case "sum": out[i] = sum; valid[i] = 1; break;
      case "mean": if (count > 0) { out[i] = mean; valid[i] = 1; } break;
      case "var": case "std": if (count > 1) { const v = Math.max(0, m2) / (count - 1); out[i] = agg === "std" ? Math.sqrt(v) : v; valid[i] = 1; } break;
      default: break;
    }
  }
  if (agg === "count" && minPeriods === 0) valid.fill(1);
}

function slidingExtreme(agg: "min" | "max", x: Float64Array, present: Uint8Array, start: Int32Array, minPeriods: number, offset: number, out: Float64Array, valid: Uint8Array): void {
  const deque = new Int32Array(x.length);
  let head = 0, tail = 0, count = 0, left = 0;
  const better = agg === "max" ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  for (let j = 0; j < x.length; j++) {
    if (present[j] === 1) {
      count++;
      while (tail > head && better(x[j], x[deque[tail - 1]])) tail--;
      deque[tail++] = j;
    }
    for (; left < start[j]; left++) if (present[left] === 1) count--;
    while (tail > head && deque[head] < start[j]) head++;
    if (j < offset) continue;
    const i = j - offset;
    if (count < minPeriods || count === 0) continue;
    out[i] = x[deque[head]];
    valid[i] = 1;
  }
}
