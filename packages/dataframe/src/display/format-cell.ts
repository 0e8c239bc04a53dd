/**
 * One value of a result column as display text: int64 exactly (from its bigint), floats in their
 * shortest round-trip form, dates as `YYYY-MM-DD`, timestamps as ISO 8601
 * (`2024-02-29T10:30:00.500`, with `+00:00` when the column has a time zone). Null stays null, so
 * each renderer can show it distinctly.
 *
 * @example
 * ```ts
 * formatCell(2n ** 63n - 1n, dtypes.int64);        // "9223372036854775807"
 * formatCell(19782, dtypes.date32);                // "2024-02-29"
 * formatCell(1500n, dtypes.timestamp("ms"));       // "1970-01-01T00:00:01.500"
 * ```
 */
import type { DType } from "@dusk/core";
import { formatValue, type ScalarValue } from "@dusk/kernels";

/** A displayed value; `null` is a missing value. */
export type Cell = string | null;

export function formatCell(value: ScalarValue, dtype: DType): Cell {
  if (value === null) return null;
  const text = formatValue(value, dtype);
  // formatValue writes "YYYY-MM-DD HH:MM:SS[.fff]" (the CSV form); ISO 8601 joins with "T".
  return dtype.kind === "timestamp" ? text.replace(" ", "T") : text;
}
