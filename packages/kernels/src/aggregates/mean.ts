/**
 * `mean` per group of a numeric or bool column, as float64: states are [sum float64, count int64];
 * nulls and NaN are skipped; a group without values gives null. Integer inputs are summed exactly and
 * rounded once per partition.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * columnToValues(meanKernel.finalize(meanKernel.partial(columnFromValues(dtypes.int32, [1, null, 4]), g))); // [2.5, null]
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import type { BoolColumn, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { readInt64AsNumber } from "../build.js";
import type { Grouping } from "../group-ids.js";
import { float64Column, int64Column, sumCountStates, validCounts } from "./counts.js";
import { floatSums } from "./float-sum.js";
import { intSumsOf } from "./int-sum.js";
import { checkStates, requireInput, unsupportedType, type AggKernel } from "./spec.js";

const ACCEPTS = "a numeric or bool column";

function meanType(input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType("mean", input, where, ACCEPTS);
  switch (input.kind) {
    case "bool": case "int8": case "int16": case "int32": case "int64":
    case "uint8": case "uint16": case "uint32": case "uint64":
    case "float32": case "float64":
      return dtypes.float64;
    case "utf8": case "date32": case "timestamp": throw unsupportedType("mean", input, where, ACCEPTS);
  }
}

/** Sums and counts of the non-null, non-NaN values of a float column, in one pass. */
function floatSumsAndCounts(col: PrimitiveColumn, grouping: Grouping): [Float64Array, Float64Array] {
  const { ids, ngroups } = grouping;
  const v = col.values as Float64Array | Float32Array;
  const validity = col.validity;
  const sums = new Float64Array(ngroups);
  const counts = new Float64Array(ngroups);
  for (let i = 0; i < v.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const x = v[i];
    if (x !== x) continue;
    sums[g] += x;
    counts[g] += 1;
  }
  return [sums, counts];
}

/**
 * The `mean` kernel; also `aggKernels.mean`.
 *
 * @example
 * ```ts
 * meanKernel.stateTypes(dtypes.int64); // [float64, int64]: sum and count
 * ```
 */
export const meanKernel: AggKernel = {
  fn: "mean",
  resultType: (input, where = "mean") => meanType(input, where),
  stateTypes(input, where = "mean") {
    meanType(input, where);
    return [dtypes.float64, dtypes.int64];
  },
  partial(input, grouping, where = "mean") {
    const col = requireInput("mean", input, grouping, where);
    meanType(col.dtype, where);
    if (col.dtype.kind === "float32" || col.dtype.kind === "float64") {
      const [sums, counts] = floatSumsAndCounts(col as PrimitiveColumn, grouping);
      return [float64Column(sums), int64Column(counts)];
    }
    const sums = intSumsOf(col as BoolColumn | PrimitiveColumn, grouping).toFloat64();
    return [float64Column(sums), int64Column(validCounts(col, grouping))];
  },
  combine(states, grouping, where = "mean") {
    checkStates("mean", states, 2, where);
    return [float64Column(floatSums(states[0] as PrimitiveColumn, grouping, false)), int64Column(sumCountStates(states[1], grouping))];
  },
  finalize(states, where = "mean") {
    checkStates("mean", states, 2, where);
    const sums = (states[0] as PrimitiveColumn).values as Float64Array;
    const counts = int64Words((states[1] as PrimitiveColumn).values as BigInt64Array);
    const n = sums.length;
    const out = new Float64Array(n);
    const valid = new Uint8Array(n);
    for (let g = 0; g < n; g++) {
      const c = readInt64AsNumber(counts, g);
      if (c > 0) { out[g] = sums[g] / c; valid[g] = 1; }
    }
    return float64Column(out, valid);
  },
};
