/**
 * Rolling aggregates over a count window: row i aggregates the `window` rows ending at i (itself and
 * the `window − 1` before it, taken from `before` — the rows preceding this partition — where the
 * partition starts), skipping nulls and NaN, and gives null when fewer than `minPeriods` values are
 * in the window (pandas' default minPeriods is the window). sum, mean, min, max, std and var (ddof
 * 1) are float64, count int64.
 *
 * Each window is updated as it slides (one row in, one row out): sums and Welford's mean/M2 for
 * sum, mean, std and var, a monotonic deque for min and max, so the cost is O(rows) whatever the
 * window.
 *
 * @example
 * ```ts
 * rolling("sum", col([3, 4]), col([1, 2]), 2, 2, "rolling(v)"); // [5, 7]
 * rolling("mean", col([1, null, 3]), null, 2, 1, "rolling(v)"); // [1, 1, 3]
 * ```
 */
import { DuskError, dtypes } from "@dusk/core";
import type { Column } from "../column.js";
import { concatColumns } from "../concat.js";
import { asNumbers } from "../aggregates/as-numbers.js";
import { float64Column, int64Column } from "../aggregates/counts.js";
import { tailRows } from "./shift.js";

export type RollingAgg = "sum" | "mean" | "count" | "min" | "max" | "std" | "var";

/** Rolling `agg` of `col` over `window` rows, `before` holding (at least) the rows preceding it. */
export function rolling(agg: RollingAgg, col: Column, before: Column | null, window: number, minPeriods: number, where: string): Column {
  if (!Number.isInteger(window) || window < 1) throw new DuskError("INVALID_ARGUMENT", `${where}: the window must be a whole number of rows ≥ 1, got ${window}`);
  const k = col.dtype.kind;
  if (k === "utf8" || k === "date32" || k === "timestamp") {
    throw new DuskError("TYPE_MISMATCH", `${where}: rolling ${agg} needs numbers or bools, got ${k}`, { where });
  }
  const prev = before === null || window === 1 ? null : tailRows(before, window - 1);
  const full = prev === null || prev.length === 0 ? col : concatColumns([prev, col], col.dtype);
  const { values, present } = asNumbers(full, "sum", where);
  const offset = full.length - col.length;
  const n = col.length;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  if (agg === "min" || agg === "max") slidingExtreme(agg, values, present, window, minPeriods, offset, out, valid);
  else slidingMoments(agg, values, present, window, minPeriods, offset, out, valid);
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

function slidingMoments(agg: RollingAgg, x: Float64Array, present: Uint8Array, w: number, minPeriods: number, offset: number, out: Float64Array, valid: Uint8Array): void {
  let count = 0, sum = 0, mean = 0, m2 = 0;
  for (let j = 0; j < x.length; j++) {
    if (present[j] === 1) {
      const v = x[j];
      count++; sum += v;
      const d = v - mean; mean += d / count; m2 += d * (v - mean);
    }
    const gone = j - w;
    if (gone >= 0 && present[gone] === 1) {
      const v = x[gone];
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

function slidingExtreme(agg: "min" | "max", x: Float64Array, present: Uint8Array, w: number, minPeriods: number, offset: number, out: Float64Array, valid: Uint8Array): void {
  const deque = new Int32Array(x.length);
  let head = 0, tail = 0, count = 0;
  const better = agg === "max" ? (a: number, b: number) => a >= b : (a: number, b: number) => a <= b;
  for (let j = 0; j < x.length; j++) {
    if (present[j] === 1) {
      count++;
      while (tail > head && better(x[j], x[deque[tail - 1]])) tail--;
      deque[tail++] = j;
    }
    const gone = j - w;
    if (gone >= 0 && present[gone] === 1) count--;
    while (tail > head && deque[head] <= gone) head++;
    if (j < offset) continue;
    const i = j - offset;
    if (count < minPeriods || count === 0) continue;
    out[i] = x[deque[head]];
    valid[i] = 1;
  }
}
