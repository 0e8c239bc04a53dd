/**
 * `cast(c, to)`: converts a column to another dtype. Nothing is rounded into range, wrapped or
 * truncated silently: a non-null value that does not fit throws CAST_FAILED naming `where`, the
 * row, the value and what to do. Nulls stay null; a cast to the same dtype returns the input.
 *
 * | from \ to        | bool | int | float | utf8 | date32 | timestamp |
 * |------------------|------|-----|-------|------|--------|-----------|
 * | bool             | =    | 0/1 | 0/1   | text | –      | –         |
 * | int              | ≠ 0  | range-checked | exact or rounded | text | raw days | raw units |
 * | float            | ≠ 0, NaN fails | truncated, checked | plain | text | – | – |
 * | utf8             | parsed | parsed | parsed | =  | parsed | parsed    |
 * | date32           | –    | raw days | – | text | =      | midnight  |
 * | timestamp        | –    | raw units | – | text | floor to day | unit change (floor when coarser) |
 *
 * See cast-numeric.ts, cast-temporal.ts and cast-utf8.ts for each family; "–" throws TYPE_MISMATCH.
 *
 * @example
 * ```ts
 * cast(columnFromValues(dtypes.utf8, ["1", "2", null]), dtypes.int64); // [1n, 2n, null]
 * cast(columnFromValues(dtypes.int32, [300]), dtypes.int8, "cast(col(x), int8)"); // throws CAST_FAILED
 * ```
 */
import { dtypeEquals, isFloat, type DType } from "@dusk/core";
import type { Column, PrimitiveDType } from "./column.js";
import { unsupportedCast } from "./cast-error.js";
import { castNumeric } from "./cast-numeric.js";
import { castTemporal } from "./cast-temporal.js";
import { castFromUtf8, castToUtf8 } from "./cast-utf8.js";

const isTime = (d: DType): boolean => d.kind === "date32" || d.kind === "timestamp";

/**
 * `c` converted to `to` (see the table above).
 *
 * @param where names the expression in error messages, e.g. `"cast(col(price), int32)"`.
 * @example
 * ```ts
 * cast(prices, dtypes.int32, "cast(col(price), int32)");
 * ```
 */
export function cast(c: Column, to: DType, where = "cast"): Column {
  const from = c.dtype;
  if (dtypeEquals(from, to)) return c;
  if (to.kind === "utf8") return castToUtf8(c);
  if (c.layout === "utf8" || c.layout === "dict") return castFromUtf8(c, to, where);
  if (from.kind === "timestamp" && to.kind === "timestamp" && from.unit === to.unit) {
    // time zone only: the stored instants stay
    return { ...c, dtype: to as PrimitiveDType } as Column;
  }
  if (isTime(from) && isTime(to)) return castTemporal(c, to, where);
  if ((isTime(from) && (isFloat(to) || to.kind === "bool")) || (isTime(to) && (isFloat(from) || from.kind === "bool"))) {
    throw unsupportedCast(where, from, to);
  }
  return castNumeric(c, to, where);
}
