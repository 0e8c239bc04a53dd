/**
 * `any` and `all` per group of a bool or numeric column, as bool (pandas: a number is true when it is
 * non-zero). Nulls and NaN are skipped, so a group without values gives any = false and all = true,
 * as pandas does with skipna. The state is the result itself (a bool column without nulls), so
 * combining is the same kernel run over the states.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a", "c"])]);
 * const v = columnFromValues(dtypes.float64, [0, null, 2.5, 0]);
 * columnToValues(anyKernel.finalize(anyKernel.partial(v, g))); // [true, false, false]
 * columnToValues(allKernel.finalize(allKernel.partial(v, g))); // [false, true, false]
 * ```
 */
import { dtypes, type DType } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import type { Grouping } from "../group-ids.js";
import { checkStates, requireInput, unsupportedType, type AggKernel } from "./spec.js";
import { widenNarrow } from "./widen.js";

type Which = "any" | "all";

const ACCEPTS = "a bool or numeric column";

function anyAllType(fn: Which, input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType(fn, input, where, ACCEPTS);
  switch (input.kind) {
    case "bool": case "int8": case "int16": case "int32": case "int64":
    case "uint8": case "uint16": case "uint32": case "uint64":
    case "float32": case "float64":
      return dtypes.bool;
    case "utf8": case "date32": case "timestamp": throw unsupportedType(fn, input, where, ACCEPTS);
  }
}

/**
 * Per group: any = some value is true (non-zero), all = no value is false (zero). The flag starts at
 * the empty group's answer (0 for any, 1 for all) and flips to the other on the first deciding value.
 */
function anyAll(col: BoolColumn | PrimitiveColumn, grouping: Grouping, fn: Which): BoolColumn {
  const { ids, ngroups } = grouping;
  const validity = col.validity;
  const isAny = fn === "any";
  const out = new Uint8Array(ngroups).fill(isAny ? 0 : 1);
  const flip = isAny ? 1 : 0;
  const v = col.values;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    const w = int64Words(v);
    for (let i = 0; i < v.length; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      if (((w[2 * i] | w[2 * i + 1]) !== 0) === isAny) out[g] = flip;
    }
  } else {
    const values = widenNarrow(v as Int8Array | Int16Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array) as
      Int32Array | Uint32Array | Float32Array | Float64Array;
    for (let i = 0; i < values.length; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const x = values[i];
      if (x !== x) continue; // NaN is missing
      if ((x !== 0) === isAny) out[g] = flip;
    }
  }
  return { layout: "bool", dtype: dtypes.bool, length: ngroups, values: out, validity: null };
}

function makeAnyAllKernel(fn: Which): AggKernel {
  const run = (col: Column, grouping: Grouping, where: string): Column[] => {
    anyAllType(fn, col.dtype, where);
    return [anyAll(col as BoolColumn | PrimitiveColumn, grouping, fn)];
  };
  return {
    fn,
    resultType: (input, where = fn) => anyAllType(fn, input, where),
    stateTypes: (input, where = fn) => [anyAllType(fn, input, where)],
    partial: (input, grouping, where = fn) => run(requireInput(fn, input, grouping, where), grouping, where),
    combine(states, grouping, where = fn) {
      checkStates(fn, states, 1, where);
      return run(requireInput(fn, states[0], grouping, where), grouping, where);
    },
    finalize(states, where = fn) {
      checkStates(fn, states, 1, where);
      return states[0];
    },
  };
}

/**
 * The `any` kernel; also `aggKernels.any`.
 *
 * @example
 * ```ts
 * anyKernel.resultType(dtypes.int32); // bool
 * ```
 */
export const anyKernel: AggKernel = makeAnyAllKernel("any");

/**
 * The `all` kernel; also `aggKernels.all`.
 *
 * @example
 * ```ts
 * allKernel.stateTypes(dtypes.bool); // [bool]: the running answer
 * ```
 */
export const allKernel: AggKernel = makeAnyAllKernel("all");
