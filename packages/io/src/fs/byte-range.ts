/**
 * Validation of the byte ranges `FileSystem.read` takes: [start, end) with integers
 * 0 <= start <= end (end omitted: to the end of the file).
 *
 * @example
 * ```ts
 * checkRange("s3://b/x.csv", 0, 65536); // fine
 * checkRange("s3://b/x.csv", 10, 5);    // throws INVALID_ARGUMENT naming the path
 * ```
 */
import { DuskError } from "@dusk/core";

/** Throws INVALID_ARGUMENT naming `path` unless [start, end) is a valid byte range. */
export function checkRange(path: string, start: number, end: number | undefined): void {
  const ok = Number.isSafeInteger(start) && start >= 0 && (end === undefined || (Number.isSafeInteger(end) && end >= start));
  if (!ok) {
    throw new DuskError(
      "INVALID_ARGUMENT",
      `invalid byte range [${start}, ${end ?? "end"}) for ${path}: start and end must be integers with 0 <= start <= end`,
      { path, start, end },
    );
  }
}
