/**
 * Which fields of a row the reader keeps: `usecols` by name or position, resolved against the
 * file's columns, always in file order (as pandas does, whatever order usecols lists them in).
 *
 * @example
 * ```ts
 * resolveUsecols(["a", "b", "c"], ["c", "a"], "x.csv"); // [0, 2]
 * resolveUsecols(["a", "b", "c"], [1], "x.csv");        // [1]
 * ```
 */
import { DuskError } from "@dusk/core";

export function resolveUsecols(fileColumns: readonly string[], usecols: readonly string[] | readonly number[] | null, file: string): number[] {
  if (usecols === null) return fileColumns.map((_, i) => i);
  const keep = new Set<number>();
  for (const u of usecols) {
    if (typeof u === "number") {
      if (u >= fileColumns.length) {
        throw new DuskError("COLUMN_NOT_FOUND",
          `readCsv usecols: position ${u} is past the ${fileColumns.length} columns of ${file} (positions start at 0)`,
          { file, position: u });
      }
      keep.add(u);
    } else {
      const i = fileColumns.indexOf(u);
      if (i < 0) {
        throw new DuskError("COLUMN_NOT_FOUND",
          `readCsv usecols: ${JSON.stringify(u)} is not a column of ${file}; its columns are ${fileColumns.map((c) => JSON.stringify(c)).join(", ")}`,
          { file, column: u });
      }
      keep.add(i);
    }
  }
  return [...keep].sort((a, b) => a - b);
}
