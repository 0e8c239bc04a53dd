/**
 * What a newline-delimited JSON read produces: its columns (dotted name, key path, dtype), in the
 * order the sample first showed their keys. Plain data, sent to workers with each read.
 *
 * @example
 * ```ts
 * const s: JsonSchema = { columns: [{ name: "user.id", path: ["user", "id"], dtype: dtypes.int64, text: false }], sampleRows: 10 };
 * ```
 */
import type { DType } from "@dusk/core";

/** One column of a JSON read. */
export interface JsonColumnSpec {
  /** The dotted name (`user.id` for `{"user": {"id": 1}}`). */
  readonly name: string;
  /** The keys leading to the value, outermost first. */
  readonly path: readonly string[];
  readonly dtype: DType;
  /** An object (or array) at this key is kept as its JSON text rather than flattened (utf8 only). */
  readonly text: boolean;
}

/** The columns of a read, as inferred from the sample of its first file. */
export interface JsonSchema {
  readonly columns: readonly JsonColumnSpec[];
  /** Records in the sample the dtypes were inferred from. */
  readonly sampleRows: number;
}
