/**
 * `sum` per group, as pandas computes it but with Arrow nulls: nulls and NaN are skipped and a group
 * without values sums to 0. bool and signed integers sum to int64, unsigned integers to uint64, floats
 * to float64. Integer sums are exact (see int-sum.ts); a sum outside the result range raises
 * INT_OVERFLOW instead of wrapping.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * const states = sumKernel.partial(columnFromValues(dtypes.int32, [1, 2, 3]), g, "v1");
 * columnToValues(sumKernel.finalize(states, "v1")); // [4n, 2n]
 * ```
 */
import { DuskError, dtypes, formatDType, type DType } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { float64Column } from "./counts.js";
import { floatSums } from "./float-sum.js";
import { intSumsOf, intSumsOfStates } from "./int-sum.js";
import { checkStates, requireInput, unsupportedType, type AggKernel } from "./spec.js";

const ACCEPTS = "a numeric or bool column";

function sumType(input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType("sum", input, where, ACCEPTS);
  switch (input.kind) {
    case "bool": case "int8": case "int16": case "int32": case "int64": return dtypes.int64;
    case "uint8": case "uint16": case "uint32": case "uint64": return dtypes.uint64;
    case "float32": case "float64": return dtypes.float64;
    case "utf8": case "date32": case "timestamp": throw unsupportedType("sum", input, where, ACCEPTS);
  }
}

/**
 * The `sum` kernel (see the module notes); also `aggKernels.sum`.
 *
 * @example
 * ```ts
 * sumKernel.stateTypes(dtypes.int32);   // [int64, int64]: low 64 bits and carry
 * sumKernel.stateTypes(dtypes.float32); // [float64]
 * ```
 */
export const sumKernel: AggKernel = {
  fn: "sum",
  resultType: (input, where = "sum") => sumType(input, where),
  stateTypes(input, where = "sum") {
    const t = sumType(input, where);
    return t.kind === "float64" ? [t] : [t, dtypes.int64];
  },
  partial(input, grouping, where = "sum") {
    const col = requireInput("sum", input, grouping, where);
    const t = sumType(col.dtype, where);
    if (t.kind === "float64") return [float64Column(floatSums(col as PrimitiveColumn, grouping, true))];
    return intSumsOf(col as BoolColumn | PrimitiveColumn, grouping).toState(t.kind === "uint64");
  },
  combine(states, grouping, where = "sum") {
    if (states.length === 1) {
      checkStates("sum", states, 1, where);
      return [float64Column(floatSums(states[0] as PrimitiveColumn, grouping, false))];
    }
    checkStates("sum", states, 2, where);
    return intSumsOfStates(states[0], states[1], grouping).toState(states[0].dtype.kind === "uint64");
  },
  finalize(states, where = "sum") {
    if (states.length === 1) return states[0];
    checkStates("sum", states, 2, where);
    checkNoCarry(states[0], states[1], where);
    return states[0];
  },
};

/** Raises INT_OVERFLOW for the first group whose carry is non-zero (its true sum is out of range). */
function checkNoCarry(low: Column, carry: Column, where: string): void {
  const cv = (carry as PrimitiveColumn).values as BigInt64Array;
  const cw = int64Words(cv);
  for (let g = 0; g < cv.length; g++) {
    if ((cw[2 * g] | cw[2 * g + 1]) === 0) continue;
    const lowValue = ((low as PrimitiveColumn).values as BigInt64Array | BigUint64Array)[g];
    const total = lowValue + (cv[g] << 64n);
    const type = formatDType(low.dtype);
    throw new DuskError("INT_OVERFLOW",
      `${where}: the sum of group ${g} (result row ${g}) is ${total}, outside the ${type} range; ` +
      `cast the column to float64 before summing to get an approximate sum`,
      { where, group: g, sum: total.toString(), dtype: type });
  }
}
