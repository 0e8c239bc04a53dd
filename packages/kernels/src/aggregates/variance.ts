/**
 * `var` and `std` per group of a numeric or bool column, as float64, as pandas computes them:
 * nulls and NaN are skipped; `ddof` (delta degrees of freedom, default 1) makes the sample variance;
 * a group with at most `ddof` values gives null.
 *
 * The state is count, mean and M2 (sum of squared deviations from the mean), with the mean held as
 * two float64s: a shift (the group's first value in the partition) and the mean relative to it. So
 * the state is [count int64, shift float64, mean - shift float64, M2 float64]. Within a partition
 * rows are added by Welford's update on the shifted values, which stays accurate for values far from
 * zero (1e9 + small noise) where the textbook sum-of-squares formula cancels catastrophically;
 * states are merged with Chan et al.'s parallel formula, the difference of two means taken as
 * (shift difference) + (relative means), so no mean is ever rounded at the data's magnitude.
 * Integer inputs are read as the nearest float64 (int64 words rounded once), as pandas converts
 * them, so the mean loses nothing beyond float64's own precision.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "a", "b", "a"])]);
 * const states = varKernel.partial(columnFromValues(dtypes.float64, [1, 2, 5, 3]), g, "var(v)");
 * columnToValues(varKernel.finalize(states, "var(v)"));              // [1, null]
 * columnToValues(stdKernel.finalize(states, "std(v)", { ddof: 0 })); // [0.816…, 0]
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { readInt64AsNumber } from "../build.js";
import type { Grouping } from "../group-ids.js";
import { float64Column, int64Column } from "./counts.js";
import { checkStates, requireInput, unsupportedType, type AggKernel, type AggParams } from "./spec.js";
import { widenNarrow } from "./widen.js";

const ACCEPTS = "a numeric or bool column";
const TWO32 = 4294967296;

type Which = "var" | "std";

function varianceType(fn: Which, input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType(fn, input, where, ACCEPTS);
  switch (input.kind) {
    case "bool": case "int8": case "int16": case "int32": case "int64":
    case "uint8": case "uint16": case "uint32": case "uint64":
    case "float32": case "float64":
      return dtypes.float64;
    case "utf8": case "date32": case "timestamp": throw unsupportedType(fn, input, where, ACCEPTS);
  }
}

/**
 * Per-group count, mean and M2 (sum of squared deviations), one double each, with the mean kept
 * relative to `shift` (the group's first value): near zero, so that rounding it costs nothing against
 * a small spread. (A mean of 1e9 + noise rounded to float64 is off by up to 6e-8, which alone would
 * leave ~1e-9 relative error in the variance of noise in [0, 1).)
 */
interface Moments { readonly count: Float64Array; readonly shift: Float64Array; readonly mean: Float64Array; readonly m2: Float64Array }

const newMoments = (ngroups: number): Moments =>
  ({ count: new Float64Array(ngroups), shift: new Float64Array(ngroups), mean: new Float64Array(ngroups), m2: new Float64Array(ngroups) });

/** Welford over values of at most 32 bits and floats (bool and 8/16-bit ints widened first). NaN is skipped. */
function addNumberRows(m: Moments, values: Int32Array | Uint32Array | Float32Array | Float64Array, validity: Uint8Array | null, ids: Int32Array): void {
  const { count, mean, m2, shift } = m;
  for (let i = 0; i < values.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const x = values[i];
    if (x !== x) continue;
    const c = count[g] + 1;
    if (c === 1) shift[g] = x;
    count[g] = c;
    const y = x - shift[g];
    const d = y - mean[g];
    const mu = mean[g] + d / c;
    mean[g] = mu;
    m2[g] += d * (y - mu);
  }
}

/** Welford over int64 / uint64 words, each value rounded once to the nearest double. */
function addWordRows(m: Moments, w: Int32Array, validity: Uint8Array | null, ids: Int32Array, unsigned: boolean): void {
  const { count, mean, m2, shift } = m;
  const n = w.length >> 1;
  for (let i = 0; i < n; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const hi = unsigned ? w[2 * i + 1] >>> 0 : w[2 * i + 1];
    const x = hi * TWO32 + (w[2 * i] >>> 0); // hi * 2^32 is exact: one rounding in the addition
    const c = count[g] + 1;
    if (c === 1) shift[g] = x;
    count[g] = c;
    const y = x - shift[g];
    const d = y - mean[g];
    const mu = mean[g] + d / c;
    mean[g] = mu;
    m2[g] += d * (y - mu);
  }
}

/** Chan et al.'s merge of (count, shift, mean, M2) state rows into per-group moments. */
function mergeStates(m: Moments, states: readonly Column[], ids: Int32Array): void {
  const cw = int64Words((states[0] as PrimitiveColumn).values as BigInt64Array);
  const ks = (states[1] as PrimitiveColumn).values as Float64Array;
  const mu = (states[2] as PrimitiveColumn).values as Float64Array;
  const sq = (states[3] as PrimitiveColumn).values as Float64Array;
  const validity = states[0].validity;
  const { count, shift, mean, m2 } = m;
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const nb = readInt64AsNumber(cw, i);
    if (nb === 0) continue;
    const na = count[g];
    if (na === 0) { count[g] = nb; shift[g] = ks[i]; mean[g] = mu[i]; m2[g] = sq[i]; continue; }
    const n = na + nb;
    const delta = (ks[i] - shift[g]) + mu[i] - mean[g]; // both means relative to this group's shift
    count[g] = n;
    mean[g] += delta * (nb / n);
    m2[g] += sq[i] + delta * delta * (na * (nb / n));
  }
}

const toState = (m: Moments): Column[] => [int64Column(m.count), float64Column(m.shift), float64Column(m.mean), float64Column(m.m2)];

/** The variance (or its square root) per group from states; null where count ≤ ddof. */
function finalizeVariance(fn: Which, states: readonly Column[], where: string, params: AggParams | undefined): Column {
  checkStates(fn, states, 4, where);
  const ddof = params?.ddof ?? 1;
  const cw = int64Words((states[0] as PrimitiveColumn).values as BigInt64Array);
  const m2 = (states[3] as PrimitiveColumn).values as Float64Array;
  const n = m2.length;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  const sqrt = fn === "std";
  for (let g = 0; g < n; g++) {
    const c = readInt64AsNumber(cw, g);
    if (c <= ddof) continue;
    const v = Math.max(0, m2[g]) / (c - ddof);
    out[g] = sqrt ? Math.sqrt(v) : v;
    valid[g] = 1;
  }
  return float64Column(out, valid);
}

function makeVarianceKernel(fn: Which): AggKernel {
  return {
    fn,
    resultType: (input, where = fn) => varianceType(fn, input, where),
    stateTypes(input, where = fn) {
      varianceType(fn, input, where);
      return [dtypes.int64, dtypes.float64, dtypes.float64, dtypes.float64];
    },
    partial(input, grouping: Grouping, where = fn) {
      const col = requireInput(fn, input, grouping, where);
      varianceType(fn, col.dtype, where);
      const m = newMoments(grouping.ngroups);
      const v = (col as BoolColumn | PrimitiveColumn).values;
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
        addWordRows(m, int64Words(v), col.validity, grouping.ids, v instanceof BigUint64Array);
      } else {
        const narrow = v as Int8Array | Int16Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
        addNumberRows(m, widenNarrow(narrow) as Int32Array | Uint32Array | Float32Array | Float64Array, col.validity, grouping.ids);
      }
      return toState(m);
    },
    combine(states, grouping, where = fn) {
      checkStates(fn, states, 4, where);
      const m = newMoments(grouping.ngroups);
      mergeStates(m, states, grouping.ids);
      return toState(m);
    },
    finalize: (states, where = fn, params) => finalizeVariance(fn, states, where, params),
  };
}

/**
 * The `var` kernel; also `aggKernels.var`. Pass `{ ddof }` to finalize (default 1).
 *
 * @example
 * ```ts
 * varKernel.stateTypes(dtypes.int64); // [int64, float64, float64, float64]: count, shift, mean - shift, M2
 * ```
 */
export const varKernel: AggKernel = makeVarianceKernel("var");

/**
 * The `std` kernel (square root of `var`, same states); also `aggKernels.std`.
 *
 * @example
 * ```ts
 * stdKernel.resultType(dtypes.int32); // float64
 * ```
 */
export const stdKernel: AggKernel = makeVarianceKernel("std");
