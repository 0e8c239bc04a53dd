/**
 * What a CSV file holds, as the block parser needs it: the kept columns (name, dtype, position
 * among the fields of a row) and the number of fields per row; and, from inference, where the data
 * starts in the file.
 *
 * @example
 * ```ts
 * const layout: CsvLayout = {
 *   fieldCount: 3,
 *   columns: [{ name: "id", dtype: dtypes.int64, fileColumnIndex: 0 }, { name: "v", dtype: dtypes.float64, fileColumnIndex: 2 }],
 * };
 * ```
 */
import type { DType } from "@dusk/core";

/** One column the reader keeps. */
export interface CsvColumnSpec {
  readonly name: string;
  readonly dtype: DType;
  /** 0-based position of the column among the fields of a row. */
  readonly fileColumnIndex: number;
  /** utf8 only: start in the plain layout (the sample was mostly distinct values), not as a dictionary. */
  readonly plain?: boolean;
}

/** The kept columns of a file, in file order, and how many fields every row has. */
export interface CsvLayout {
  readonly columns: readonly CsvColumnSpec[];
  readonly fieldCount: number;
}

/** A file's layout as {@link inferCsvSchema} finds it. */
export interface CsvSchema extends CsvLayout {
  /** Every column name of the file in order (after `names`, deduplication, before `usecols`). */
  readonly fileColumns: readonly string[];
  /** Byte offset in the file of the first data row (after the BOM, skipped lines and header). */
  readonly dataStart: number;
  /** Physical lines before `dataStart`: data starts on line `headerLines + 1`. */
  readonly headerLines: number;
  /** Data rows of the sample the dtypes were inferred from. */
  readonly sampleRows: number;
}
