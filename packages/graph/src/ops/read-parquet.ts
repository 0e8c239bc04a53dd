/**
 * Reads one partition of a Parquet read: the row groups left after statistics pruning (at
 * lowering), only the columns the scan outputs or its predicate reads; rows failing the predicate
 * are dropped; the scan's columns come out in its order.
 */
import { readParquetRowGroups, type StorageOptions } from "@dusk/io";
import { emptyColumn, filterBatch, type Batch } from "@dusk/kernels";
import { exprColumns, type TypedExpr } from "@dusk/plan";
import type { DType } from "@dusk/core";
import { columnOf, evaluatePredicate } from "../eval/evaluate.js";

export interface ReadParquetParams {
  readonly file: { readonly path: string; readonly size: number; readonly version: string | null };
  readonly rowGroups: readonly number[];
  /** Row groups of the partition before pruning (for explain). */
  readonly totalRowGroups: number;
  readonly storageOptions: StorageOptions | undefined;
  readonly columns: readonly string[];
  /** dtypes of `columns`, for an empty result when every row group was pruned. */
  readonly dtypes: readonly DType[];
  readonly predicate: TypedExpr | null;
}

export async function readParquet(p: ReadParquetParams): Promise<Batch> {
  if (p.rowGroups.length === 0) return { names: p.columns, columns: p.dtypes.map((t) => emptyColumn(t)), length: 0 };
  const needed = new Set(p.columns);
  if (p.predicate) exprColumns(p.predicate, needed);
  const info = { path: p.file.path, size: p.file.size, ...(p.file.version === null ? {} : { version: p.file.version }) };
  const read = await readParquetRowGroups(info, p.rowGroups, [...needed], p.storageOptions);
  const rows = p.predicate ? filterBatch(read, evaluatePredicate(p.predicate, read)) : read;
  return { names: p.columns, columns: p.columns.map((c) => columnOf(rows, c)), length: rows.length };
}
