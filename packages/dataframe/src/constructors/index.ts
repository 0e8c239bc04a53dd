import type { InputValue } from "@dusk/core";
import type { Table } from "apache-arrow";
import { DataFrame } from "../dataframe.js";
import { fromArrowPlan, type FromArrowOptions } from "./from-arrow.js";
import { fromColumnsPlan, fromRecordsPlan, type ColumnData, type FromColumnsOptions } from "./from-columns.js";

/**
 * A frame from columns of values or typed arrays; values are copied; NaN means missing.
 * @example `dd.fromColumns({ a: [1, 2, 3], b: ["x", "y", "z"] }, { npartitions: 2 })`
 */
export const fromColumns = (data: Readonly<Record<string, ColumnData>>, options?: FromColumnsOptions): DataFrame =>
  new DataFrame(fromColumnsPlan(data, options));

/**
 * A frame from an array of records; the columns are every key seen, in first-seen order.
 * @example `dd.fromRecords([{ a: 1, b: "x" }, { a: 2 }])`
 */
export const fromRecords = (records: readonly Readonly<Record<string, InputValue>>[], options?: FromColumnsOptions): DataFrame =>
  new DataFrame(fromRecordsPlan(records, options));

/**
 * A frame over an apache-arrow Table (its record batches as partitions, or `npartitions` even ones).
 * @example `dd.fromArrow(tableFromArrays({ a: Float64Array.from([1, 2]) }), { npartitions: 2 })`
 */
export const fromArrow = (table: Table, options?: FromArrowOptions): DataFrame => new DataFrame(fromArrowPlan(table, options));
