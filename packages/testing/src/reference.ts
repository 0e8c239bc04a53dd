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
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last";

export interface ReferenceAgg {
  readonly name: string;
  readonly fn: ReferenceAggFn;
  /** Input column (ignored for size). */
  readonly column?: string;
  /** Integer input: sums and products come back as bigint (int64, exact, never wrapped). */
  readonly integer?: boolean;
  /** Delta degrees of freedom of std and var (default 1). */
  readonly ddof?: number;
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
