/**
 * The DuskErrors of Parquet reading and writing, each naming the file and what to do:
 * PARQUET_ERROR for files that are not valid Parquet (truncated, corrupt, not Parquet at all) or
 * that the decoder rejects, UNSUPPORTED_TYPE for columns whose type Dusk cannot hold yet.
 *
 * @example
 * ```ts
 * throw corruptParquet("s3://b/x.parquet", "missing PAR1 magic at end");
 * throw unsupportedParquetColumn("x.parquet", "price", "DECIMAL(10, 2)");
 * ```
 */
import { DuskError } from "@dusk/core";

/**
 * A PARQUET_ERROR for a file that is not readable Parquet: `what` says what is wrong.
 *
 * @example
 * ```ts
 * corruptParquet("/data/x.parquet", "footer length 123456 exceeds file size 100").message;
 * // "/data/x.parquet is not a valid Parquet file: footer length 123456 exceeds file size 100; ..."
 * ```
 */
export function corruptParquet(path: string, what: string, details: Record<string, unknown> = {}, cause?: unknown): DuskError {
  return new DuskError(
    "PARQUET_ERROR",
    `${path} is not a valid Parquet file: ${what}; check that it is a complete Parquet file (not truncated or still being written) or leave it out of the input`,
    { path, reason: what, ...details },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * An UNSUPPORTED_TYPE error for a column Dusk cannot read yet.
 *
 * @example
 * ```ts
 * unsupportedParquetColumn("/data/x.parquet", "price", "DECIMAL(10, 2)").code; // "UNSUPPORTED_TYPE"
 * ```
 */
export function unsupportedParquetColumn(path: string, column: string, type: string): DuskError {
  return new DuskError(
    "UNSUPPORTED_TYPE",
    `column "${column}" of ${path} has Parquet type ${type}, which Dusk cannot read yet; ` +
      `leave it out by listing the other columns in \`columns\`, or cast it (to float64, int64 or utf8) when writing the file`,
    { path, column, type },
  );
}

/**
 * The message of anything thrown (WebAssembly errors are sometimes plain strings).
 *
 * @example
 * ```ts
 * messageOf(new Error("boom")); // "boom"
 * messageOf("Parquet error");   // "Parquet error"
 * ```
 */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
