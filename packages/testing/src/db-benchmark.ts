/**
 * The db-benchmark groupby dataset G1_<N>_<K>_<NA>_<sorted> (see shared/db-benchmark.md):
 * id1, id2 "id001".."id<K>"; id3 "id0000000001".. over N/K values; id4, id5 int 1..K; id6 int 1..N/K;
 * v1 int 1..5; v2 int 1..15; v3 float [0, 100) rounded to 6 decimals; na share of nulls per column.
 * Deterministic by seed.
 *
 * @example
 * ```ts
 * const data = groupByDataset({ rows: 1e6, groups: 100, seed: 1 });
 * const df = dd.fromColumns(data.columns, { npartitions: 8 });
 * ```
 */
import { Rng } from "./random.js";

export interface GroupByDatasetOptions {
  readonly rows: number;
  /** K: distinct values of id1, id2, id4, id5 (default 100). */
  readonly groups?: number;
  /** Share of nulls in each column, 0..1 (default 0). */
  readonly naFraction?: number;
  readonly sorted?: boolean;
  readonly seed?: number;
  /**
   * The N the value ranges come from (id3 and id6 over 1..N/K), when this is one slice of a larger
   * dataset generated piece by piece (default: rows).
   */
  readonly of?: number;
}

export interface GroupByDataset {
  readonly name: string;
  readonly columns: {
    id1: (string | null)[]; id2: (string | null)[]; id3: (string | null)[];
    id4: (number | null)[]; id5: (number | null)[]; id6: (number | null)[];
    v1: (number | null)[]; v2: (number | null)[]; v3: (number | null)[];
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

export function groupByDataset(o: GroupByDatasetOptions): GroupByDataset {
  const n = o.rows;
  const k = o.groups ?? 100;
  const na = o.naFraction ?? 0;
  const rng = new Rng(o.seed ?? 1);
  const nk = Math.max(1, Math.round((o.of ?? n) / k));
  const idK = Array.from({ length: k }, (_, i) => `id${pad(i + 1, 3)}`);
  const id3Pool = new Map<number, string>();
  const id3 = (x: number): string => {
    let s = id3Pool.get(x);
    if (s === undefined) { s = `id${pad(x, 10)}`; id3Pool.set(x, s); }
    return s;
  };
  const maybe = <T>(v: T): T | null => (na > 0 && rng.chance(na) ? null : v);
  const c: GroupByDataset["columns"] = { id1: [], id2: [], id3: [], id4: [], id5: [], id6: [], v1: [], v2: [], v3: [] };
  for (let i = 0; i < n; i++) {
    c.id1.push(maybe(idK[rng.int(0, k - 1)]));
    c.id2.push(maybe(idK[rng.int(0, k - 1)]));
    c.id3.push(maybe(id3(rng.int(1, nk))));
    c.id4.push(maybe(rng.int(1, k)));
    c.id5.push(maybe(rng.int(1, k)));
    c.id6.push(maybe(rng.int(1, nk)));
    c.v1.push(maybe(rng.int(1, 5)));
    c.v2.push(maybe(rng.int(1, 15)));
    c.v3.push(maybe(Math.round(rng.float() * 100 * 1e6) / 1e6));
  }
  if (o.sorted) {
    const idx = Array.from({ length: n }, (_, i) => i);
    const key = (i: number) => `${c.id1[i] ?? "~"}|${c.id2[i] ?? "~"}|${c.id3[i] ?? "~"}`;
    idx.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
    for (const name of Object.keys(c) as (keyof typeof c)[]) {
      const col = c[name] as unknown[];
      const copy = idx.map((i) => col[i]);
      for (let j = 0; j < n; j++) col[j] = copy[j];
    }
  }
  const fmt = (x: number) => x.toExponential(0).replace("+", "");
  return { name: `G1_${fmt(o.of ?? n)}_${fmt(k)}_${Math.round(na * 100)}_${o.sorted ? 1 : 0}`, columns: c };
}
