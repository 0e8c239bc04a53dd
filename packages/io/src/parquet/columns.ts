/**
 * Which columns a read takes from a Parquet file: the ones asked for, in the order asked (all
 * readable columns in file order when `columns` is null), each checked against the file's schema.
 * A name the file lacks is COLUMN_NOT_FOUND, a column whose type Dusk cannot read is
 * UNSUPPORTED_TYPE, a name asked twice is DUPLICATE_COLUMN; every message names the file.
 *
 * @example
 * ```ts
 * const { names, dtypes } = resolveParquetColumns(meta, ["v1", "id"]);
 * ```
 */
import { DuskError, type DType } from "@dusk/core";
import { unsupportedParquetColumn } from "./errors.js";
import type { ParquetMetadata } from "./metadata-types.js";

/**
 * The names and dtypes a read of `columns` (null: every column) from the file returns, in order.
 *
 * @example
 * ```ts
 * resolveParquetColumns(meta, null);     // every column; UNSUPPORTED_TYPE if one is a DECIMAL
 * resolveParquetColumns(meta, ["v1"]);   // { names: ["v1"], dtypes: [float64] }
 * ```
 */
export function resolveParquetColumns(
  meta: Pick<ParquetMetadata, "path" | "schema">,
  columns: readonly string[] | null,
): { names: string[]; dtypes: DType[] } {
  const { path, schema } = meta;
  if (columns === null) {
    const bad = schema.unsupported[0];
    if (bad !== undefined) throw unsupportedParquetColumn(path, bad.name, bad.type);
    return { names: [...schema.names], dtypes: [...schema.dtypes] };
  }
  const index = new Map(schema.names.map((n, i) => [n, i]));
  const seen = new Set<string>();
  const dtypes: DType[] = [];
  for (const name of columns) {
    if (seen.has(name)) {
      throw new DuskError("DUPLICATE_COLUMN", `column ${JSON.stringify(name)} is asked for twice from ${path}; list each column once`, {
        path,
        column: name,
      });
    }
    seen.add(name);
    const i = index.get(name);
    if (i !== undefined) {
      dtypes.push(schema.dtypes[i]);
      continue;
    }
    const bad = schema.unsupported.find((u) => u.name === name);
    if (bad !== undefined) throw unsupportedParquetColumn(path, bad.name, bad.type);
    const all = [...schema.names, ...schema.unsupported.map((u) => u.name)];
    throw new DuskError(
      "COLUMN_NOT_FOUND",
      `${JSON.stringify(name)} is not a column of ${path}; its columns are ${all.map((c) => JSON.stringify(c)).join(", ")}`,
      { path, column: name },
    );
  }
  return { names: [...columns], dtypes };
}
