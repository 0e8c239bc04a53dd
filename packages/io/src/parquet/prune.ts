/**
 * Row-group pruning: whether a row group can hold a row matching all filters, judged from its
 * footer statistics alone. The answer is false only when the statistics prove that no row can
 * match; whatever they cannot settle (no statistics, unknown null count, a value that does not
 * compare with the column, NaN, truncated string bounds) counts as a possible match.
 *
 * Per condition (see filters.ts for what each op means):
 * - an empty row group matches nothing;
 * - `==`, `<`, `<=`, `>`, `>=`, `in` (non-null values): impossible when every row is null, or when
 *   the value lies outside [min, max] on the wrong side;
 * - `!=`: impossible when every row is null, or when every non-null row holds that very value
 *   (exact min = max = value; never for floats, whose NaNs statistics do not show);
 * - `not in`: like `!=` for every listed value, and null rows match unless the list holds null;
 * - `== null` / `in [..., null]`: possible when the row group has nulls; `!= null`: when it has a
 *   non-null row; ordering with null: not judged (possible).
 *
 * @example
 * ```ts
 * const keep = meta.rowGroups.filter((rg) => rowGroupMayMatch(rg, [["v1", ">", 90]], meta.schema));
 * ```
 */
import { isFloat, type DType } from "@dusk/core";
import { checkParquetFilters, type FilterOp, type FilterValue, type ParquetFilter } from "./filters.js";
import type { ColumnStats, ParquetMetadata, ParquetRowGroup, ParquetSchema } from "./metadata-types.js";
import { compareKeys, filterKey, statKey, type Key } from "./stat-keys.js";

/**
 * False only when the row group's statistics prove that no row satisfies every filter. Filters on
 * columns missing from `schema` (or unreadable) are not judged. Malformed filters are an
 * INVALID_ARGUMENT error (see {@link checkParquetFilters}).
 *
 * @example
 * ```ts
 * rowGroupMayMatch({ numRows: 10, totalByteSize: 0, compressedSize: 0, columns: { v: { min: 1, max: 5, nullCount: 0, exact: true } } },
 *   [["v", ">", 5]], { names: ["v"], dtypes: [dtypes.int32], unsupported: [] }); // false
 * ```
 */
export function rowGroupMayMatch(rowGroup: ParquetRowGroup, filters: readonly ParquetFilter[], schema: ParquetSchema): boolean {
  checkParquetFilters(filters);
  if (rowGroup.numRows === 0) return false;
  for (const [column, op, value] of filters) {
    const i = schema.names.indexOf(column);
    if (i < 0 || !Object.hasOwn(rowGroup.columns, column)) continue;
    const stats = rowGroup.columns[column];
    if (stats === null) continue;
    if (!conditionMayMatch(chunkFacts(stats, schema.dtypes[i], rowGroup.numRows), op, value)) return false;
  }
  return true;
}

/**
 * The indices of the row groups of a file that may hold matching rows (all, without filters).
 *
 * @example
 * ```ts
 * const rowGroups = matchingRowGroups(meta, [["id", "==", 42n]]); // e.g. [3]
 * ```
 */
export function matchingRowGroups(meta: Pick<ParquetMetadata, "rowGroups" | "schema">, filters: readonly ParquetFilter[]): number[] {
  const out: number[] = [];
  meta.rowGroups.forEach((rg, i) => {
    if (rowGroupMayMatch(rg, filters, meta.schema)) out.push(i);
  });
  return out;
}

/** What one column chunk's statistics say, as keys. */
interface ChunkFacts {
  readonly dtype: DType;
  readonly min: Key | undefined;
  readonly max: Key | undefined;
  /** Every row is null. */
  readonly allNull: boolean;
  /** No row is null (known). */
  readonly noNull: boolean;
  /** Every non-null row holds the same value, `min` (known; never for floats, whose NaNs statistics omit). */
  readonly constant: boolean;
}

function chunkFacts(stats: ColumnStats, dtype: DType, rows: number): ChunkFacts {
  const min = stats.min === null ? undefined : statKey(stats.min, dtype);
  const max = stats.max === null ? undefined : statKey(stats.max, dtype);
  return {
    dtype,
    min,
    max,
    allNull: stats.nullCount !== null && stats.nullCount >= rows,
    noNull: stats.nullCount === 0,
    constant: stats.exact && !isFloat(dtype) && min !== undefined && max !== undefined && compareKeys(min, max) === 0,
  };
}

function conditionMayMatch(c: ChunkFacts, op: FilterOp, value: FilterValue | readonly FilterValue[]): boolean {
  switch (op) {
    case "==":
      return value === null ? !c.noNull : mayEqual(c, value as Exclude<FilterValue, null>);
    case "!=":
      return value === null ? !c.allNull : mayDiffer(c, [value as Exclude<FilterValue, null>]);
    case "<": case "<=": case ">": case ">=":
      return value === null ? true : mayOrder(c, op, value as Exclude<FilterValue, null>);
    case "in":
      return (value as readonly FilterValue[]).some((v) => (v === null ? !c.noNull : mayEqual(c, v)));
    case "not in": {
      const list = value as readonly FilterValue[];
      const listsNull = list.includes(null);
      if (!listsNull && !c.noNull) return true; // null rows are "not in" a list without null
      return mayDiffer(c, list.filter((v): v is Exclude<FilterValue, null> => v !== null));
    }
  }
}

/** Some non-null row may equal `v`. */
function mayEqual(c: ChunkFacts, v: Exclude<FilterValue, null>): boolean {
  if (c.allNull) return false;
  const k = filterKey(v, c.dtype);
  if (k === undefined) return true;
  if (c.min !== undefined && compareKeys(k, c.min) === -1) return false;
  if (c.max !== undefined && compareKeys(k, c.max) === 1) return false;
  return true;
}

/** Some non-null row may differ from every value of `values`. */
function mayDiffer(c: ChunkFacts, values: readonly Exclude<FilterValue, null>[]): boolean {
  if (c.allNull) return false;
  if (!c.constant || c.min === undefined) return true;
  const only = c.min;
  return !values.some((v) => {
    const k = filterKey(v, c.dtype);
    return k !== undefined && compareKeys(k, only) === 0;
  });
}

/** Some non-null row may satisfy `row op v`. */
function mayOrder(c: ChunkFacts, op: "<" | "<=" | ">" | ">=", v: Exclude<FilterValue, null>): boolean {
  if (c.allNull) return false;
  const k = filterKey(v, c.dtype);
  if (k === undefined) return true;
  const lo = c.min === undefined ? undefined : compareKeys(c.min, k);
  const hi = c.max === undefined ? undefined : compareKeys(c.max, k);
  switch (op) {
    case "<": return lo === undefined || lo < 0;
    case "<=": return lo === undefined || lo <= 0;
    case ">": return hi === undefined || hi > 0;
    case ">=": return hi === undefined || hi >= 0;
  }
}
