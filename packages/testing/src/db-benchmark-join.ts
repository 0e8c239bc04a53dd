/**
 * The db-benchmark join dataset J1_<N>_NA_0_0 (see shared/db-benchmark.md): a left table x of N
 * rows and right tables small (N/1e6 rows), medium (N/1e3) and big (N). For each key size n the keys
 * are a random permutation of 1..1.1n: the first 0.9n on both sides, the next 0.1n only in x, the
 * last 0.1n only in y. Each y holds each of its keys once; x holds each of its keys once and then
 * samples them with replacement. String keys are "id" + the integer. Deterministic by seed.
 * (Sizes below 1e6 keep at least 10 small keys, so every question has matches.)
 *
 * @example
 * ```ts
 * const j = joinDataset({ rows: 1e6, seed: 1 });
 * const x = dd.fromColumns(j.x, { npartitions: 8 }), small = dd.fromColumns(j.small);
 * ```
 */
import { Rng } from "./random.js";

export interface JoinDatasetOptions {
  /** N: rows of x (and of big). */
  readonly rows: number;
  readonly seed?: number;
}

export interface JoinDataset {
  readonly name: string;
  readonly x: { id1: number[]; id2: number[]; id3: number[]; id4: string[]; id5: string[]; id6: string[]; v1: number[] };
  readonly small: { id1: number[]; id4: string[]; v2: number[] };
  readonly medium: { id1: number[]; id2: number[]; id4: string[]; id5: string[]; v2: number[] };
  readonly big: { id1: number[]; id2: number[]; id3: number[]; id4: string[]; id5: string[]; id6: string[]; v2: number[] };
}

interface Keys { readonly x: Int32Array; readonly y: Int32Array }

/** x-side and y-side keys of a key size n. */
function keys(n: number, rng: Rng): Keys {
  const total = Math.round(1.1 * n);
  const perm = Int32Array.from({ length: total }, (_, i) => i + 1);
  for (let i = total - 1; i > 0; i--) { const j = rng.int(0, i); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
  const shared = Math.round(0.9 * n), xOnly = n - shared;
  const x = perm.slice(0, shared + xOnly);
  const y = new Int32Array(total - xOnly);
  y.set(perm.subarray(0, shared));
  y.set(perm.subarray(shared + xOnly), shared);
  return { x, y };
}

/** `rows` values: every key once, then samples with replacement, shuffled. */
function column(k: Int32Array, rows: number, rng: Rng): number[] {
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) out[i] = i < k.length ? k[i] : k[rng.int(0, k.length - 1)];
  for (let i = rows - 1; i > 0; i--) { const j = rng.int(0, i); const t = out[i]; out[i] = out[j]; out[j] = t; }
  return out;
}

const sample = (k: Int32Array, rows: number, rng: Rng): number[] => Array.from({ length: rows }, () => k[rng.int(0, k.length - 1)]);
const str = (xs: readonly number[]): string[] => xs.map((v) => `id${v}`);
const values = (rows: number, rng: Rng): number[] => Array.from({ length: rows }, () => Math.round(rng.float() * 100 * 1e6) / 1e6);

export function joinDataset(o: JoinDatasetOptions): JoinDataset {
  const N = o.rows;
  const rng = new Rng(o.seed ?? 1);
  const n1 = Math.max(10, Math.round(N / 1e6)), n2 = Math.max(10, Math.round(N / 1e3)), n3 = N;
  const k1 = keys(n1, rng), k2 = keys(n2, rng), k3 = keys(n3, rng);
  const xid1 = column(k1.x, N, rng), xid2 = column(k2.x, N, rng), xid3 = column(k3.x, N, rng);
  const x = { id1: xid1, id2: xid2, id3: xid3, id4: str(xid1), id5: str(xid2), id6: str(xid3), v1: values(N, rng) };
  const s1 = [...k1.y];
  const small = { id1: s1, id4: str(s1), v2: values(s1.length, rng) };
  const m2 = [...k2.y], m1 = sample(k1.y, m2.length, rng);
  const medium = { id1: m1, id2: m2, id4: str(m1), id5: str(m2), v2: values(m2.length, rng) };
  const b3 = [...k3.y], b1 = sample(k1.y, b3.length, rng), b2 = sample(k2.y, b3.length, rng);
  const big = { id1: b1, id2: b2, id3: b3, id4: str(b1), id5: str(b2), id6: str(b3), v2: values(b3.length, rng) };
  const fmt = (v: number) => v.toExponential(0).replace("+", "");
  return { name: `J1_${fmt(N)}_NA_0_0`, x, small, medium, big };
}
