/**
 * Column-chunk statistics from a Parquet footer, decoded into Dusk scalar values of the column's
 * dtype (see metadata-types.ts for the table). Parquet's newer `min_value`/`max_value` are used; the
 * deprecated `min`/`max` only for types whose old signed sort order is the true order (bool, signed
 * integers, dates, timestamps, floats), never for strings or unsigned integers. Bounds that cannot
 * be trusted are dropped rather than guessed: float bounds that are NaN, INT96 timestamps (their
 * statistics are unreliable), strings that are not valid UTF-8. Bounds converted to a coarser unit
 * are widened (min rounded down, max up), so they stay bounds.
 *
 * @example
 * ```ts
 * const stats = decodeColumnStats(fileMeta.row_groups[0].columns[col.leafIndex], col, dtypes.int64);
 * // { min: -5n, max: 9007199254740993n, nullCount: 2, exact: true }
 * ```
 */
import { type DType, type TimeUnit } from "@dusk/core";
import type { ColumnChunk, SchemaElement } from "hyparquet";
import type { ColumnStats, StatValue } from "./metadata-types.js";
import type { ParquetColumnInfo } from "./schema.js";

interface Bound {
  readonly value: StatValue;
  readonly exact: boolean;
}

const PER_SECOND: Record<TimeUnit, bigint> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };
const STORED_UNITS: Record<string, TimeUnit> = { MILLIS: "ms", MICROS: "us", NANOS: "ns" };

/**
 * The statistics of one column chunk, or null when it has none Dusk can use.
 *
 * @example
 * ```ts
 * decodeColumnStats(chunk, column, dtypes.float64); // { min: 0.5, max: 9.5, nullCount: 0, exact: true }
 * ```
 */
export function decodeColumnStats(chunk: ColumnChunk, column: ParquetColumnInfo, dtype: DType): ColumnStats | null {
  const s = chunk.meta_data?.statistics;
  if (s === undefined) return null;
  const nullCount = s.null_count === undefined ? null : Number(s.null_count);
  const element = column.element;
  let rawMin: unknown = s.min_value;
  let rawMax: unknown = s.max_value;
  let minExact = s.is_min_value_exact ?? !isBinary(element);
  let maxExact = s.is_max_value_exact ?? !isBinary(element);
  if (rawMin === undefined && rawMax === undefined && legacyOrderIsTrue(element, dtype)) {
    rawMin = s.min;
    rawMax = s.max;
    minExact = true;
    maxExact = true;
  }
  let min = element.type === "INT96" ? null : bound(rawMin, dtype, element, "min");
  let max = element.type === "INT96" ? null : bound(rawMax, dtype, element, "max");
  if ((dtype.kind === "float32" || dtype.kind === "float64") && (isNaNBound(min) || isNaNBound(max))) {
    min = null;
    max = null;
  }
  if (min === null && max === null && nullCount === null) return null;
  return {
    min: min?.value ?? null,
    max: max?.value ?? null,
    nullCount,
    exact: min !== null && max !== null && min.exact && minExact && max.exact && maxExact,
  };
}

const isBinary = (e: SchemaElement): boolean => e.type === "BYTE_ARRAY" || e.type === "FIXED_LEN_BYTE_ARRAY";
const isNaNBound = (b: Bound | null): boolean => b !== null && typeof b.value === "number" && Number.isNaN(b.value);

/** True when the deprecated min/max fields (signed comparison of the stored value) give the true order. */
function legacyOrderIsTrue(e: SchemaElement, dtype: DType): boolean {
  switch (e.type) {
    case "BOOLEAN": case "FLOAT": case "DOUBLE":
      return true;
    case "INT32": case "INT64":
      return dtype.kind !== "uint8" && dtype.kind !== "uint16" && dtype.kind !== "uint32" && dtype.kind !== "uint64";
    default:
      return false;
  }
}

/** One bound in the dtype's scalar form, or null when it is missing or unusable. */
function bound(raw: unknown, dtype: DType, e: SchemaElement, which: "min" | "max"): Bound | null {
  if (raw === undefined || raw === null) return null;
  switch (dtype.kind) {
    case "bool":
      return typeof raw === "boolean" ? { value: raw, exact: true } : null;
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
    case "float32": case "float64":
      if (typeof raw === "number") return { value: raw, exact: true };
      return typeof raw === "bigint" ? { value: Number(raw), exact: true } : null;
    case "int64":
      if (typeof raw === "bigint") return { value: BigInt.asIntN(64, raw), exact: true };
      return typeof raw === "number" && Number.isInteger(raw) ? { value: BigInt(raw), exact: true } : null;
    case "uint64":
      if (typeof raw === "bigint") return { value: BigInt.asUintN(64, raw), exact: true };
      return typeof raw === "number" && Number.isInteger(raw) && raw >= 0 ? { value: BigInt(raw), exact: true } : null;
    case "utf8":
      return typeof raw === "string" ? { value: raw, exact: true } : null;
    case "date32":
      if (typeof raw === "number" && Number.isInteger(raw)) return { value: raw, exact: true };
      if (typeof raw === "bigint") {
        // a Date64 column stored as plain INT64 milliseconds
        const days = divide(raw, 86_400_000n, which);
        return { value: Number(days.value), exact: days.exact };
      }
      return null;
    case "timestamp": {
      if (typeof raw !== "bigint") return null;
      return rescale(raw, storedUnit(e) ?? dtype.unit, dtype.unit, which);
    }
  }
}

/** The unit a timestamp column's values are stored in, when its Parquet annotation says. */
function storedUnit(e: SchemaElement): TimeUnit | undefined {
  if (e.logical_type?.type === "TIMESTAMP") return STORED_UNITS[e.logical_type.unit];
  if (e.converted_type === "TIMESTAMP_MILLIS") return "ms";
  if (e.converted_type === "TIMESTAMP_MICROS") return "us";
  return undefined;
}

/** `v` counted in `from` as a count of `to`; a bound rounded outwards when `to` is coarser. */
function rescale(v: bigint, from: TimeUnit, to: TimeUnit, which: "min" | "max"): Bound {
  const a = PER_SECOND[from];
  const b = PER_SECOND[to];
  if (a === b) return { value: v, exact: true };
  if (b > a) return { value: v * (b / a), exact: true };
  const q = divide(v, a / b, which);
  return { value: q.value, exact: q.exact };
}

/** v / d rounded down for a min, up for a max (so the result still bounds the values). */
function divide(v: bigint, d: bigint, which: "min" | "max"): { value: bigint; exact: boolean } {
  let q = v / d; // truncates towards zero
  const r = v % d;
  if (r === 0n) return { value: q, exact: true };
  if (which === "min" && r < 0n) q -= 1n;
  if (which === "max" && r > 0n) q += 1n;
  return { value: q, exact: false };
}
