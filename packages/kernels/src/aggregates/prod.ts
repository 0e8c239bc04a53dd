/**
 * `prod` per group, as pandas computes it (min_count=0) but with Arrow nulls: nulls and NaN are
 * skipped and a group without values has product 1. bool and signed integers multiply to int64,
 * unsigned integers to uint64, floats to float64. Integer products are exact (see int-prod.ts); a
 * product outside the result range raises INT_OVERFLOW naming the group instead of wrapping.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * const states = prodKernel.partial(columnFromValues(dtypes.int32, [2, null, -3]), g, "prod(v)");
 * columnToValues(prodKernel.finalize(states, "prod(v)")); // [-6n, 1n]
 * ```
 */
import { DuskError, dtypes, formatDType, type DType, type IntType } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import type { Grouping } from "../group-ids.js";
import { bigIntAt } from "../int64-words.js";
import { float64Column } from "./counts.js";
import { IntProdAccumulator } from "./int-prod.js";
import { checkStates, requireInput, unsupportedType, type AggKernel } from "./spec.js";
import { widenNarrow } from "./widen.js";

const ACCEPTS = "a numeric or bool column";
const TWO32 = 4294967296;
/** High words below this (unsigned) or within ±this (signed) hold values of magnitude ≤ 2^53. */
const SAFE_HI = 2097152;

function prodType(input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType("prod", input, where, ACCEPTS);
  switch (input.kind) {
    case "bool": case "int8": case "int16": case "int32": case "int64": return dtypes.int64;
    case "uint8": case "uint16": case "uint32": case "uint64": return dtypes.uint64;
    case "float32": case "float64": return dtypes.float64;
    case "utf8": case "date32": case "timestamp": throw unsupportedType("prod", input, where, ACCEPTS);
  }
}

/**
 * Products of the non-null values per group, from 1. With `skipNaN` NaN values are skipped (raw
 * rows); without it they propagate (state rows, where NaN is a real result such as inf · 0).
 */
function floatProducts(col: PrimitiveColumn, grouping: Grouping, skipNaN: boolean): Float64Array {
  const { ids, ngroups } = grouping;
  const v = col.values as Float64Array | Float32Array;
  const validity = col.validity;
  const out = new Float64Array(ngroups).fill(1);
  for (let i = 0; i < v.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const x = v[i];
    if (x === x || !skipNaN) out[g] *= x;
  }
  return out;
}

/** Exact products of a bool or integer column (nulls skipped). */
function intProducts(col: BoolColumn | PrimitiveColumn, grouping: Grouping): IntProdAccumulator {
  const { ids, ngroups } = grouping;
  const acc = new IntProdAccumulator(ngroups);
  const validity = col.validity;
  const v = col.values;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    const unsigned = v instanceof BigUint64Array;
    const w = int64Words(v);
    for (let i = 0; i < v.length; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const hi = unsigned ? w[2 * i + 1] >>> 0 : w[2 * i + 1];
      if (hi < SAFE_HI && hi >= -SAFE_HI) acc.mul(g, hi * TWO32 + (w[2 * i] >>> 0));
      else acc.mulWords(g, w, i, hi < 0, unsigned);
    }
    return acc;
  }
  const values = widenNarrow(v as Int8Array | Int16Array | Uint8Array | Uint16Array | Int32Array | Uint32Array) as Int32Array | Uint32Array;
  for (let i = 0; i < values.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    acc.mul(g, values[i]);
  }
  return acc;
}

/** Exact products of integer-product states (magnitude, sign, overflow), regrouped by `grouping`. */
function intProductsOfStates(states: readonly Column[], grouping: Grouping): IntProdAccumulator {
  const { ids, ngroups } = grouping;
  const acc = new IntProdAccumulator(ngroups);
  const w = int64Words((states[0] as PrimitiveColumn).values as BigInt64Array | BigUint64Array);
  const neg = (states[1] as BoolColumn).values;
  const over = (states[2] as BoolColumn).values;
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0) continue;
    const negative = neg[i] === 1;
    if (over[i] === 1) { acc.mulOverflowed(g, negative); continue; }
    const hi = w[2 * i + 1] >>> 0;
    if (hi < SAFE_HI) {
      const m = hi * TWO32 + (w[2 * i] >>> 0);
      acc.mul(g, negative ? -m : m);
    } else acc.mulWords(g, w, i, negative, true);
  }
  return acc;
}

/** The products as the result dtype; INT_OVERFLOW for the first group whose product leaves it. */
function finalizeInt(states: readonly Column[], where: string): PrimitiveColumn {
  const mag = states[0] as PrimitiveColumn;
  const type = mag.dtype as IntType;
  const unsigned = type.kind === "uint64";
  const w = int64Words(mag.values as BigInt64Array | BigUint64Array);
  const neg = (states[1] as BoolColumn).values;
  const over = (states[2] as BoolColumn).values;
  const G = mag.length;
  const out = unsigned ? new BigUint64Array(G) : new BigInt64Array(G);
  const ow = int64Words(out);
  for (let g = 0; g < G; g++) {
    const lo = w[2 * g] >>> 0, hi = w[2 * g + 1] >>> 0;
    const negative = neg[g] === 1;
    // int64 holds magnitudes up to 2^63 - 1, or 2^63 when negative; uint64 every (non-negative) magnitude
    const fits = over[g] === 0 && (unsigned ? !negative : hi < 0x80000000 || (negative && hi === 0x80000000 && lo === 0));
    if (!fits) throw overflow(states, g, type, where);
    if (!negative) { ow[2 * g] = lo | 0; ow[2 * g + 1] = hi | 0; continue; }
    // two's complement negation of the words
    ow[2 * g] = lo === 0 ? 0 : (TWO32 - lo) | 0;
    ow[2 * g + 1] = lo === 0 ? (-hi) | 0 : ~hi;
  }
  return { layout: "primitive", dtype: type, length: G, values: out, validity: null };
}

function overflow(states: readonly Column[], g: number, type: IntType, where: string): DuskError {
  const t = formatDType(type);
  const neg = (states[1] as BoolColumn).values[g] === 1;
  const exact = (states[2] as BoolColumn).values[g] === 0;
  const magnitude = exact ? bigIntAt(int64Words((states[0] as PrimitiveColumn).values as BigInt64Array), g, true) : null;
  const value = magnitude === null ? (neg ? "below -2^64" : "above 2^64") : `${neg ? -magnitude : magnitude}`;
  return new DuskError("INT_OVERFLOW",
    `${where}: the product of group ${g} (result row ${g}) is ${value}, outside the ${t} range; ` +
    `cast the column to float64 before prod to get an approximate product`,
    { where, group: g, product: value, dtype: t });
}

/**
 * The `prod` kernel (see the module notes); also `aggKernels.prod`.
 *
 * @example
 * ```ts
 * prodKernel.stateTypes(dtypes.int32);   // [int64, bool, bool]: magnitude, negative, overflowed
 * prodKernel.stateTypes(dtypes.float32); // [float64]
 * ```
 */
export const prodKernel: AggKernel = {
  fn: "prod",
  resultType: (input, where = "prod") => prodType(input, where),
  stateTypes(input, where = "prod") {
    const t = prodType(input, where);
    return t.kind === "float64" ? [t] : [t, dtypes.bool, dtypes.bool];
  },
  partial(input, grouping, where = "prod") {
    const col = requireInput("prod", input, grouping, where);
    const t = prodType(col.dtype, where);
    if (t.kind === "float64") return [float64Column(floatProducts(col as PrimitiveColumn, grouping, true))];
    return intProducts(col as BoolColumn | PrimitiveColumn, grouping).toState(t as IntType);
  },
  combine(states, grouping, where = "prod") {
    if (states.length === 1) {
      checkStates("prod", states, 1, where);
      return [float64Column(floatProducts(states[0] as PrimitiveColumn, grouping, false))];
    }
    checkStates("prod", states, 3, where);
    return intProductsOfStates(states, grouping).toState(states[0].dtype as IntType);
  },
  finalize(states, where = "prod") {
    if (states.length === 1) return states[0];
    checkStates("prod", states, 3, where);
    return finalizeInt(states, where);
  },
};
