/**
 * The plain-JS reference of one rolling window's aggregate, by pandas' rules: the non-null values
 * of the window in, null below `minPeriods` values, count as int64 (bigint), std/var with ddof 1.
 *
 * @example
 * ```ts
 * windowAggregate("mean", [1, 2, 4], 1); // 2.333…
 * windowAggregate("count", [1], 2);      // null
 * ```
 */
export type WindowAggregate = "sum" | "mean" | "count" | "min" | "max" | "std" | "var";

export function windowAggregate(agg: WindowAggregate, win: readonly number[], minPeriods: number): number | bigint | null {
  if (win.length < minPeriods) return null;
  const n = win.length, s = win.reduce((a, b) => a + b, 0), m = s / n;
  switch (agg) {
    case "count": return BigInt(n);
    case "sum": return s;
    case "mean": return n === 0 ? null : m;
    case "min": return n === 0 ? null : Math.min(...win);
    case "max": return n === 0 ? null : Math.max(...win);
    case "var": case "std": {
      if (n < 2) return null;
      const v = win.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
      return agg === "std" ? Math.sqrt(v) : v;
    }
  }
}
