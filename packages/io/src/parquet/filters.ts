/**
 * Row filters as plain data, in the style of Dask's and pyarrow's `filters`: a list of
 * `[column, op, value]` conditions that must all hold (a conjunction). They cross worker threads by
 * structured clone, so they hold only strings, numbers, bigints, booleans, Dates and nulls.
 *
 * Meaning (the same as Dusk's expressions, which a filter stands for):
 * - `==`, `!=`, `<`, `<=`, `>`, `>=` with a non-null value: a null row never matches (comparisons
 *   with null are null); float NaN compares false except with `!=`.
 * - `in` / `not in`: set membership as `isIn` (pandas): a null row is in the list only when the
 *   list holds null, so `not in [1, 2]` keeps null rows and `not in [1, null]` drops them.
 * - `==` / `!=` with null stand for is-null / is-not-null.
 * Values compare with the column's dtype: numbers and bigints with numeric columns (exactly, also
 * mixed), strings with utf8, booleans with bool, Dates (or day numbers) with date32, Dates (or counts
 * of the column's unit as bigint or number) with timestamps.
 *
 * @example
 * ```ts
 * const filters: ParquetFilter[] = [["v1", ">", 3], ["id1", "in", ["id001", "id002"]], ["ts", "<", new Date("2024-01-01")]];
 * checkParquetFilters(filters);
 * ```
 */
import { DuskError } from "@dusk/core";

/** The comparison of one filter. */
export type FilterOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in";

/** A value a filter compares with. */
export type FilterValue = number | bigint | string | boolean | Date | null;

/** One condition: `[column, op, value]`; `in` and `not in` take a list of values. */
export type ParquetFilter = readonly [column: string, op: FilterOp, value: FilterValue | readonly FilterValue[]];

const OPS: readonly string[] = ["==", "!=", "<", "<=", ">", ">=", "in", "not in"];

const isFilterValue = (v: unknown): v is FilterValue =>
  v === null || typeof v === "number" || typeof v === "bigint" || typeof v === "string" || typeof v === "boolean" || v instanceof Date;

/**
 * Checks that `filters` is a list of well-formed conditions; throws INVALID_ARGUMENT naming the
 * first bad one and what is expected.
 *
 * @example
 * ```ts
 * checkParquetFilters([["v1", ">", 3]]);        // fine
 * checkParquetFilters([["v1", "~", 3]]);        // INVALID_ARGUMENT: op must be one of ...
 * ```
 */
export function checkParquetFilters(filters: unknown): asserts filters is readonly ParquetFilter[] {
  if (!Array.isArray(filters)) {
    throw new DuskError("INVALID_ARGUMENT", `filters must be a list of [column, op, value] conditions, got ${typeof filters}`);
  }
  filters.forEach((f: unknown, i) => {
    const bad = (what: string): DuskError =>
      new DuskError("INVALID_ARGUMENT", `filters[${i}] ${describe(f)}: ${what}`, { filter: i });
    if (!Array.isArray(f) || f.length !== 3) throw bad("expected [column, op, value]");
    const [column, op, value] = f as unknown[];
    if (typeof column !== "string") throw bad("the column must be a name (a string)");
    if (typeof op !== "string" || !OPS.includes(op)) throw bad(`the op must be one of ${OPS.map((o) => `"${o}"`).join(", ")}`);
    if (op === "in" || op === "not in") {
      if (!Array.isArray(value) || !value.every(isFilterValue)) {
        throw bad(`"${op}" takes a list of values (numbers, bigints, strings, booleans, Dates or null)`);
      }
    } else if (!isFilterValue(value)) {
      throw bad(`"${op}" takes one value (a number, bigint, string, boolean, Date or null)`);
    }
  });
}

function describe(f: unknown): string {
  try {
    return JSON.stringify(f, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(f);
  } catch {
    return String(f);
  }
}
