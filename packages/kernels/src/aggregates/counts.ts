/**
 * Per-group row counts: all rows (size), non-null rows (count; NaN counts as null, as in pandas),
 * and sums of int64 count states (combine). Counts are kept in doubles, exact below 2^53.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * validCounts(columnFromValues(dtypes.float64, [1, null, NaN]), g); // Float64Array [1, 0]
 * rowCounts(g);                                                        // Float64Array [2, 1]
 * ```
 */
import { dtypes } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { int64Words } from "../column.js";
import { int64FromFloat64, readInt64AsNumber } from "../build.js";
import type { Grouping } from "../group-ids.js";

/** Rows per group (ids of -1 are in no group). */
export function rowCounts(grouping: Grouping): Float64Array {
  const { ids, ngroups } = grouping;
  const out = new Float64Array(ngroups);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g >= 0) out[g] += 1;
  }
  return out;
}

/** Non-null rows per group; NaN in a float column counts as null. */
export function validCounts(col: Column, grouping: Grouping): Float64Array {
  const { ids, ngroups } = grouping;
  if (col.layout === "primitive" && (col.values instanceof Float64Array || col.values instanceof Float32Array)) {
    const v = col.values;
    const validity = col.validity;
    const out = new Float64Array(ngroups);
    for (let i = 0; i < v.length; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const x = v[i];
      if (x === x) out[g] += 1;
    }
    return out;
  }
  const validity = col.validity;
  if (validity === null) return rowCounts(grouping);
  const out = new Float64Array(ngroups);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g >= 0 && ((validity[i >> 3] >> (i & 7)) & 1) === 1) out[g] += 1;
  }
  return out;
}

/** Per-group sums of an int64 column of counts (nulls skipped). */
export function sumCountStates(state: Column, grouping: Grouping): Float64Array {
  const { ids, ngroups } = grouping;
  const w = int64Words((state as PrimitiveColumn).values as BigInt64Array);
  const validity = state.validity;
  const out = new Float64Array(ngroups);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    out[g] += readInt64AsNumber(w, i);
  }
  return out;
}

/** An int64 column (no nulls) from integer counts held in doubles. */
export function int64Column(counts: Float64Array): PrimitiveColumn {
  return { layout: "primitive", dtype: dtypes.int64, length: counts.length, values: int64FromFloat64(counts), validity: null };
}

/** A float64 column, null where `valid` is 0 (all valid when `valid` is null). */
export function float64Column(values: Float64Array, valid: Uint8Array | null = null): PrimitiveColumn {
  let validity: Uint8Array | null = null;
  if (valid !== null) {
    const n = values.length;
    let nulls = 0;
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) {
      if (valid[i] !== 0) bits[i >> 3] |= 1 << (i & 7);
      else nulls++;
    }
    if (nulls > 0) validity = bits;
  }
  return { layout: "primitive", dtype: dtypes.float64, length: values.length, values, validity };
}
