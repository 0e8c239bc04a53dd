/**
 * A plain-JS reference group-by: Maps keyed by the stringified keys, BigInt for integer sums.
 * Independent of every Dusk kernel, to check results against.
 *
 * @example
 * ```ts
 * referenceGroupBy(cols, ["id1"], [{ name: "v1", fn: "sum", column: "v1", integer: true }]);
 * ```
 */
export type ReferenceAggFn =
  | "sum" | "mean" | "count" | "min" | "max" | "size"
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last"
  | "median" | "quantile" | "nunique" | "corr" | "cov";

export interface ReferenceAgg {
  readonly name: string;
  readonly fn: ReferenceAggFn;
  /** Input column (ignored for size). */
  readonly column?: string;
  /** Integer input: sums and products come back as bigint (int64, exact, never wrapped). */
  readonly integer?: boolean;
  /** Delta degrees of freedom of std, var and cov (default 1). */
  readonly ddof?: number;
  /** The fraction of quantile. */
  readonly q?: number;
  /** The second input column of corr and cov. */
  readonly other?: string;
}

export interface ReferenceOptions {
  readonly dropna?: boolean;
}

type Cell = number | bigint | string | boolean | null | undefined;

function cmp(a: Cell, b: Cell): number {
  const an = a === null || a === undefined, bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1; // nulls last
  if (typeof a === "string" && typeof b === "string") {
    // code point order
    const x = [...a], y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Group-by with keys sorted ascending (nulls last), as Dusk's default. */
export function referenceGroupBy(
  columns: Readonly<Record<string, readonly Cell[]>>, keys: readonly string[], aggs: readonly ReferenceAgg[], options: ReferenceOptions = {},
): Record<string, Cell[]> {
  const dropna = options.dropna ?? true;
  const n = keys.length ? columns[keys[0]].length : Object.values(columns)[0]?.length ?? 0;
  const groups = new Map<string, { key: Cell[]; rows: number[] }>();
  for (let i = 0; i < n; i++) {
    const key = keys.map((k) => columns[k][i] ?? null);
    if (dropna && key.some((v) => v === null)) continue;
    const id = JSON.stringify(key.map((v) => (typeof v === "bigint" ? `${v}n` : v)));
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, rows: [] }));
    g.rows.push(i);
  }
  if (keys.length === 0 && groups.size === 0) groups.set("[]", { key: [], rows: [] });
  const list = [...groups.values()].sort((a, b) => {
    for (let j = 0; j < keys.length; j++) { const d = cmp(a.key[j], b.key[j]); if (d !== 0) return d; }
    return 0;
  });
  const out: Record<string, Cell[]> = {};
  keys.forEach((k, j) => { out[k] = list.map((g) => g.key[j]); });
  for (const a of aggs) {
    out[a.name] = list.map((g) => {
      const vals = a.fn === "size" ? [] : g.rows.map((i) => columns[a.column!][i]).filter((v) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v)));
      switch (a.fn) {
        case "size": return BigInt(g.rows.length);
        case "count": return BigInt(vals.length);
        case "sum":
          if (a.integer) return vals.reduce<bigint>((s, v) => s + BigInt(v as number | bigint), 0n);
          return vals.reduce<number>((s, v) => s + Number(v), 0);
        case "mean":
          return vals.length === 0 ? null : vals.reduce<number>((s, v) => s + Number(v), 0) / vals.length;
        case "min": case "max": {
          if (vals.length === 0) return null;
          return vals.reduce((m, v) => ((a.fn === "min" ? cmp(v, m) < 0 : cmp(v, m) > 0) ? v : m));
        }
        case "std": case "var": {
          const v = twoPassVariance(vals.map(Number), a.ddof ?? 1);
          return v === null ? null : a.fn === "std" ? Math.sqrt(v) : v;
        }
        case "prod":
          if (a.integer) return vals.reduce<bigint>((p, v) => p * BigInt(typeof v === "boolean" ? Number(v) : v as number | bigint), 1n);
          return vals.reduce<number>((p, v) => p * Number(v), 1);
        case "any": return vals.some(truthy);
        case "all": return vals.every(truthy);
        case "first": return vals.length === 0 ? null : vals[0];
        case "last": return vals.length === 0 ? null : vals[vals.length - 1];
        case "median": case "quantile": return sortedQuantile(vals.map(Number).sort((x, y) => x - y), a.fn === "median" ? null : a.q!);
        case "nunique": return BigInt(new Set(vals.map((v) => (typeof v === "number" && v === 0 ? "0" : `${typeof v}:${String(v)}`))).size);
        case "corr": case "cov": {
          const present = (v: Cell | undefined): v is Exclude<Cell, null> => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v));
          const pairs = g.rows.map((i) => [columns[a.column!][i], columns[a.other!][i]] as const)
            .filter(([x, y]) => present(x) && present(y)).map(([x, y]) => [Number(x), Number(y)] as const);
          return a.fn === "corr" ? correlation(pairs) : covariance(pairs, a.ddof ?? 1);
        }
      }
    });
  }
  return out;
}

/** A value as pandas' any/all see it: non-zero numbers and true are true. */
const truthy = (v: Cell): boolean => (typeof v === "bigint" ? v !== 0n : Boolean(v));

/**
 * Variance by the corrected two-pass formula (mean first, then squared deviations, minus the
 * rounding error of the mean) over the values shifted by the first one: accurate for data far from
 * zero, and exactly 0 for equal values. Null when there are at most `ddof` values.
 */
function twoPassVariance(xs: readonly number[], ddof: number): number | null {
  const n = xs.length;
  if (n <= ddof) return null;
  const d = xs.map((x) => x - xs[0]);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  let sq = 0, c = 0;
  for (const x of d) { sq += (x - mean) ** 2; c += x - mean; }
  const correction = (c * c) / n; // tiny in theory; infinite only when squares overflow (then so is sq)
  return Math.max(0, Number.isFinite(correction) ? sq - correction : sq) / (n - ddof);
}

/** The median (mean of the middle two for an even count; q null) or the linearly interpolated quantile q of sorted values. */
function sortedQuantile(s: readonly number[], q: number | null): number | null {
  const n = s.length;
  if (n === 0) return null;
  if (q === null) return n % 2 === 1 ? s[n >> 1] : (s[(n >> 1) - 1] + s[n >> 1]) / 2;
  const pos = q * (n - 1), i = Math.floor(pos), t = pos - i;
  const a = s[i], b = s[Math.min(i + 1, n - 1)];
  return a === b ? a : a + (b - a) * t;
}

/** Sums of products of deviations from the means, by two passes. */
function comoments(pairs: readonly (readonly [number, number])[]): { sxx: number; syy: number; sxy: number } {
  const n = pairs.length;
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n, my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of pairs) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
  return { sxx, syy, sxy };
}

/** Pearson's r; null for fewer than two pairs or a constant column. */
function correlation(pairs: readonly (readonly [number, number])[]): number | null {
  if (pairs.length < 2) return null;
  const { sxx, syy, sxy } = comoments(pairs);
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Covariance with `ddof`; null for at most ddof pairs. */
function covariance(pairs: readonly (readonly [number, number])[], ddof: number): number | null {
  return pairs.length <= ddof ? null : comoments(pairs).sxy / (pairs.length - ddof);
}
