/**
 * `corr` (Pearson correlation) and `cov` (covariance, `ddof` default 1) per group of two numeric or
 * bool columns, as float64, over the rows where both values are numbers (pairwise complete, as
 * pandas): null for a group with fewer than two such rows (cov: at most ddof), and corr null where a
 * column is constant in the group (pandas gives NaN there).
 *
 * The state is [count int64, x shift, x mean − shift, y shift, y mean − shift, M2x, M2y, Cxy]: the
 * bivariate Welford update within a partition (each mean relative to the group's first value, as the
 * variance kernel keeps it, so values far from zero cost no precision) and Chan et al.'s pairwise
 * merge, where the co-moment grows by dx·dy·na·nb/n.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "a", "a"])]);
 * const s = corrKernel.partial(x, g, "corr(x, y)", y);
 * columnToValues(corrKernel.finalize(s, "corr(x, y)")); // [1] for y = 2x
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { readInt64AsNumber } from "../build.js";
import type { Grouping } from "../group-ids.js";
import { asNumbers } from "./as-numbers.js";
import { float64Column, int64Column } from "./counts.js";
import { checkRows, checkStates, requireInput, unsupportedType, type AggKernel, type AggParams } from "./spec.js";

type Which = "corr" | "cov";
const ACCEPTS = "two numeric or bool columns";
const STATES = 8;

function pairType(fn: Which, input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType(fn, input, where, ACCEPTS);
  const k = input.kind;
  if (k === "utf8" || k === "date32" || k === "timestamp") throw unsupportedType(fn, input, where, ACCEPTS);
  return dtypes.float64;
}

interface CoMoments {
  readonly count: Float64Array;
  readonly sx: Float64Array; readonly mx: Float64Array;
  readonly sy: Float64Array; readonly my: Float64Array;
  readonly m2x: Float64Array; readonly m2y: Float64Array; readonly cxy: Float64Array;
}

const newCoMoments = (n: number): CoMoments => ({
  count: new Float64Array(n), sx: new Float64Array(n), mx: new Float64Array(n), sy: new Float64Array(n), my: new Float64Array(n),
  m2x: new Float64Array(n), m2y: new Float64Array(n), cxy: new Float64Array(n),
});

const toState = (m: CoMoments): Column[] => [
  int64Column(m.count), float64Column(m.sx), float64Column(m.mx), float64Column(m.sy), float64Column(m.my),
  float64Column(m.m2x), float64Column(m.m2y), float64Column(m.cxy),
];

function addRows(m: CoMoments, x: Float64Array, px: Uint8Array, y: Float64Array, py: Uint8Array, ids: Int32Array): void {
  const { count, sx, mx, sy, my, m2x, m2y, cxy } = m;
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0 || px[i] === 0 || py[i] === 0) continue;
    const c = count[g] + 1;
    if (c === 1) { sx[g] = x[i]; sy[g] = y[i]; }
    count[g] = c;
    const u = x[i] - sx[g], v = y[i] - sy[g];
    const du = u - mx[g], dv = v - my[g];
    const mu = mx[g] + du / c, mv = my[g] + dv / c;
    mx[g] = mu; my[g] = mv;
    m2x[g] += du * (u - mu);
    m2y[g] += dv * (v - mv);
    cxy[g] += du * (v - mv);
  }
}

function mergeStates(m: CoMoments, states: readonly Column[], ids: Int32Array): void {
  const cw = int64Words((states[0] as PrimitiveColumn).values as BigInt64Array);
  const [ksx, kmx, ksy, kmy, km2x, km2y, kcxy] = states.slice(1).map((s) => (s as PrimitiveColumn).values as Float64Array);
  const { count, sx, mx, sy, my, m2x, m2y, cxy } = m;
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0) continue;
    const nb = readInt64AsNumber(cw, i);
    if (nb === 0) continue;
    const na = count[g];
    if (na === 0) {
      count[g] = nb; sx[g] = ksx[i]; mx[g] = kmx[i]; sy[g] = ksy[i]; my[g] = kmy[i];
      m2x[g] = km2x[i]; m2y[g] = km2y[i]; cxy[g] = kcxy[i];
      continue;
    }
    const n = na + nb;
    const dx = (ksx[i] - sx[g]) + kmx[i] - mx[g];
    const dy = (ksy[i] - sy[g]) + kmy[i] - my[g];
    const w = na * (nb / n);
    count[g] = n;
    mx[g] += dx * (nb / n);
    my[g] += dy * (nb / n);
    m2x[g] += km2x[i] + dx * dx * w;
    m2y[g] += km2y[i] + dy * dy * w;
    cxy[g] += kcxy[i] + dx * dy * w;
  }
}

function finalizePair(fn: Which, states: readonly Column[], where: string, params: AggParams | undefined): Column {
  checkStates(fn, states, STATES, where);
  const cw = int64Words((states[0] as PrimitiveColumn).values as BigInt64Array);
  const [m2x, m2y, cxy] = states.slice(5).map((s) => (s as PrimitiveColumn).values as Float64Array);
  const n = cxy.length;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  const ddof = params?.ddof ?? 1;
  for (let g = 0; g < n; g++) {
    const c = readInt64AsNumber(cw, g);
    if (fn === "cov") {
      if (c <= ddof) continue;
      out[g] = cxy[g] / (c - ddof);
      valid[g] = 1;
      continue;
    }
    if (c < 2 || !(m2x[g] > 0) || !(m2y[g] > 0)) continue;
    out[g] = Math.max(-1, Math.min(1, cxy[g] / Math.sqrt(m2x[g] * m2y[g])));
    valid[g] = 1;
  }
  return float64Column(out, valid);
}

function makePairKernel(fn: Which): AggKernel {
  return {
    fn,
    resultType: (input, where = fn) => pairType(fn, input, where),
    stateTypes(input, where = fn) {
      pairType(fn, input, where);
      return [dtypes.int64, ...Array.from({ length: STATES - 1 }, () => dtypes.float64)];
    },
    partial(input, grouping: Grouping, where = fn, other = null) {
      const xs = requireInput(fn, input, grouping, where);
      if (other === null || other === undefined) throw unsupportedType(fn, null, where, ACCEPTS);
      checkRows(fn, other.length, grouping, where);
      pairType(fn, xs.dtype, where);
      pairType(fn, other.dtype, where);
      const x = asNumbers(xs, fn, where), y = asNumbers(other, fn, where);
      const m = newCoMoments(grouping.ngroups);
      addRows(m, x.values, x.present, y.values, y.present, grouping.ids);
      return toState(m);
    },
    combine(states, grouping, where = fn) {
      checkStates(fn, states, STATES, where);
      const m = newCoMoments(grouping.ngroups);
      mergeStates(m, states, grouping.ids);
      return toState(m);
    },
    finalize: (states, where = fn, params) => finalizePair(fn, states, where, params),
  };
}

/** The `corr` kernel (Pearson's r of `input` and `other`); also `aggKernels.corr`. @example `corrKernel.stateTypes(dtypes.float64).length // 8` */
export const corrKernel: AggKernel = makePairKernel("corr");
/** The `cov` kernel (covariance, `{ ddof }` to finalize, default 1); also `aggKernels.cov`. @example `covKernel.resultType(dtypes.int32) // float64` */
export const covKernel: AggKernel = makePairKernel("cov");
