/**
 * Random frames for the sort, top-n, concat and repartition tests (nulls, a key holding half the
 * rows, multibyte text, int64 beyond 2^53, NaN and -0), and a plain-JS stable sort with pandas'
 * rules as the reference: null and NaN are missing and go last (or first); strings compare by code point.
 */
import * as A from "apache-arrow";
import * as dd from "@dusk/dataframe";
import { Rng } from "@dusk/testing";

export type Columns = Record<string, unknown[]>;
export type Row = Record<string, unknown>;

const TEXT = ["a", "b", "é", "ü", "中", "😀", "ｚ", "Z", "\u{10FFFF}", "ab"];
const GROUPS = ["x", "ß", "日本", "😀a", "x2"];

/** `n` rows: i (row number), k (int32, skewed), s (text), g (few values), big (int64), f (float64), b (bool). */
export function randomColumns(n: number, seed: number): Columns {
  const rng = new Rng(seed);
  const maybe = <T>(p: number, f: () => T): T | null => (rng.chance(p) ? null : f());
  return {
    i: Array.from({ length: n }, (_, i) => i),
    k: Array.from({ length: n }, () => maybe(0.08, () => (rng.chance(0.5) ? 7 : rng.int(-20, 40)))),
    s: Array.from({ length: n }, () => maybe(0.05, () => Array.from({ length: rng.int(0, 3) }, () => rng.pick(TEXT)).join(""))),
    g: Array.from({ length: n }, () => maybe(0.1, () => rng.pick(GROUPS))),
    big: Array.from({ length: n }, () => maybe(0.05, () => (rng.chance(0.5) ? 1n : -1n) * (2n ** 53n + BigInt(rng.int(0, 6))))),
    f: Array.from({ length: n }, () => maybe(0.05, () => (rng.chance(0.06) ? NaN : rng.chance(0.05) ? -0 : rng.int(-6, 6) / 2))),
    b: Array.from({ length: n }, () => maybe(0.1, () => rng.chance(0.5))),
  };
}

export const dtypesOf = { i: "int32", k: "int32", s: "utf8", g: "utf8", big: "int64", f: "float64", b: "bool" } as const;

const arrowTypes: Record<keyof typeof dtypesOf, () => A.DataType> = {
  i: () => new A.Int32(), k: () => new A.Int32(), s: () => new A.Utf8(), g: () => new A.Dictionary(new A.Utf8(), new A.Int32()),
  big: () => new A.Int64(), f: () => new A.Float64(), b: () => new A.Bool(),
};

/**
 * A frame of {@link randomColumns} output (or a subset of its columns) in `npartitions`, built
 * through Arrow so NaN stays NaN (fromColumns reads NaN as null) and g is dictionary-encoded.
 */
export function frameOf(c: Columns, npartitions: number): dd.DataFrame {
  const vectors = Object.fromEntries(Object.entries(c).map(([name, v]) =>
    [name, A.vectorFromArray(v as never[], arrowTypes[name as keyof typeof dtypesOf]())]));
  return dd.fromArrow(new A.Table(vectors), { npartitions });
}

export const rowsOf = (c: Columns): Row[] => c[Object.keys(c)[0]].map((_, i) => Object.fromEntries(Object.keys(c).map((k) => [k, c[k][i]])));
export const columnsOf = (rows: readonly Row[], names: readonly string[]): Columns =>
  Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])]));

const missing = (v: unknown): boolean => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const x = a as number | bigint, y = b as number | bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rows stably sorted by `by` (Array.prototype.sort is stable). */
export function referenceSort(rows: readonly Row[], by: readonly string[], ascending: readonly boolean[], naPosition: "last" | "first" = "last"): Row[] {
  return [...rows].sort((r1, r2) => {
    for (let k = 0; k < by.length; k++) {
      const a = r1[by[k]], b = r2[by[k]];
      const ma = missing(a), mb = missing(b);
      if (ma && mb) continue;
      if (ma) return naPosition === "last" ? 1 : -1;
      if (mb) return naPosition === "last" ? -1 : 1;
      const c = compareValues(a, b);
      if (c !== 0) return ascending[k] ? c : -c;
    }
    return 0;
  });
}
