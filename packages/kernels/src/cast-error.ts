/**
 * The CAST_FAILED error: names the cast (`where`), the row, the offending value, why it does not
 * fit and what to do.
 *
 * @example
 * ```ts
 * throw castError("cast(col(x), int8)", 4, "300", dtypes.int32, dtypes.int8, "outside -128..127");
 * ```
 */
import { DuskError, formatDType, isNumeric, type DType } from "@dusk/core";

function fixFor(from: DType, to: DType): string {
  if (from.kind === "utf8") return "clean the text first (or filter or fill those rows), or cast to a type that can hold it";
  if (isNumeric(to) || to.kind === "date32" || to.kind === "timestamp") {
    return "filter or fill those rows first, or cast to a wider type (int64 or float64)";
  }
  return "filter or fill those rows first";
}

/** The error for a value at `row` that cannot be represented in `to`. `value` is already text. */
export function castError(where: string, row: number, value: string, from: DType, to: DType, why: string): DuskError {
  const message = `${where}: cannot cast ${value} at row ${row} from ${formatDType(from)} to ${formatDType(to)} (${why}); ${fixFor(from, to)}`;
  return new DuskError("CAST_FAILED", message, { where, row, value, from: formatDType(from), to: formatDType(to) });
}

/** The error for a pair of dtypes no cast connects. */
export function unsupportedCast(where: string, from: DType, to: DType): DuskError {
  return new DuskError("TYPE_MISMATCH",
    `${where}: cannot cast ${formatDType(from)} to ${formatDType(to)}; no such conversion (go through int64 or utf8 explicitly if that is what you mean)`,
    { where, from: formatDType(from), to: formatDType(to) });
}
