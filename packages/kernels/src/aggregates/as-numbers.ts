/**
 * A numeric or bool column read as float64 values with a byte per row saying which rows hold a
 * number (not null, not NaN), for the aggregates that work in doubles (median, quantile, corr, cov).
 * Integers are rounded once to the nearest double (int64 beyond 2^53), as pandas converts them.
 *
 * @example
 * ```ts
 * const { values, present } = asNumbers(columnFromValues(dtypes.int32, [1, null]), "median", "median(v)");
 * // values [1, 0], present [1, 0]
 * ```
 */
import { dtypes } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { cast } from "../cast.js";
import type { AggFn, HolisticFn } from "./spec.js";
import { unsupportedType } from "./spec.js";

export interface Numbers {
  readonly values: Float64Array;
  /** 1 where the row holds a number, 0 for null or NaN. */
  readonly present: Uint8Array;
}

export function asNumbers(col: Column, fn: AggFn | HolisticFn, where: string): Numbers {
  const k = col.dtype.kind;
  if (k === "utf8" || k === "date32" || k === "timestamp") throw unsupportedType(fn, col.dtype, where, "a numeric or bool column");
  const values = (cast(col, dtypes.float64, where) as PrimitiveColumn).values as Float64Array;
  const n = col.length;
  const present = new Uint8Array(n);
  const validity = col.validity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    present[i] = x === x && (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) ? 1 : 0;
  }
  return { values, present };
}
