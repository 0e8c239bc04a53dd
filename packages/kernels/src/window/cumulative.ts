/**
 * Running aggregates down a column — `cumsum`, `cumprod`, `cummax`, `cummin` — started from the
 * running value of the rows before (`start`: a one-row column of the result dtype, or null), as
 * pandas computes them with skipna: a null row stays null (NaN stays NaN) and does not stop the
 * accumulation. Sums and products of bools and integers are exact: int64 (uint64 for unsigned
 * inputs), INT_OVERFLOW naming the row when they leave it; of floats, float64. cummax and cummin
 * keep the dtype (numbers, dates, timestamps).
 *
 * Across partitions: each partition's last running value (`last`) is its summary; the running
 * value before partition i is the cumulative of the summaries before it, so partitions compute in
 * parallel and only the one-row summaries pass along a chain.
 *
 * @example
 * ```ts
 * const r = cumulative("cumsum", col([1, null, 2]), null, "cumsum(v)"); // [1, null, 3], last 3
 * cumulative("cumsum", col([4]), r.lastColumn, "cumsum(v)").column;      // [7]
 * ```
 */
import { DuskError, dtypes, formatDType, type DType } from "@dusk/core";
import type { BoolColumn, Column, PrimitiveColumn, PrimitiveDType, ScalarValue } from "../column.js";
import { allocValues, isPrimitiveDType } from "../column.js";
import { columnFromValues } from "../build.js";
import { overflowError } from "../arith-error.js";
import { storageRange } from "../numeric-view.js";
import { valueAt } from "../values.js";

export type CumulativeFn = "cumsum" | "cumprod" | "cummax" | "cummin";

/** The result dtype of a running aggregate, or a reason it is not defined. */
export function cumulativeType(fn: CumulativeFn, input: DType): DType | string {
  const k = input.kind;
  if (fn === "cummax" || fn === "cummin") {
    if (k === "utf8") return `${fn} needs numbers, bools, dates or timestamps, got utf8`;
    return input;
  }
  if (k === "bool" || k === "int8" || k === "int16" || k === "int32" || k === "int64") return dtypes.int64;
  if (k === "uint8" || k === "uint16" || k === "uint32" || k === "uint64") return dtypes.uint64;
  if (k === "float32" || k === "float64") return dtypes.float64;
  return `${fn} needs numbers or bools, got ${formatDType(input)}`;
}

export interface CumulativeResult {
  readonly column: Column;
  /** The running value after the last row (null when no row contributed), as a one-row column. */
  readonly lastColumn: Column;
}

const isValidAt = (v: Uint8Array | null, i: number): boolean => v === null || ((v[i >> 3] >> (i & 7)) & 1) === 1;

/** Running `fn` of `col` from `start` (the running value of the rows before, or null). */
export function cumulative(fn: CumulativeFn, col: Column, start: Column | null, where: string): CumulativeResult {
  const out = cumulativeType(fn, col.dtype);
  if (typeof out === "string") throw new DuskError("TYPE_MISMATCH", `${where}: ${out}`, { where });
  if (!isPrimitiveDType(out) && out.kind !== "bool") throw new DuskError("INTERNAL", `${where}: cumulative result ${formatDType(out)}`);
  const n = col.length;
  const validity = col.validity;
  const src = (col as PrimitiveColumn | BoolColumn).values;
  let acc: ScalarValue = start === null || start.length === 0 ? null : valueAt(start, 0);
  if (typeof acc === "number" && Number.isNaN(acc)) acc = null;
  const isFloat = out.kind === "float64" || out.kind === "float32";
  if (out.kind === "float64" && (src instanceof Float64Array || src instanceof Float32Array)) {
    return floatRunning(fn, src, validity, acc as number | null);
  }
  const wide = out.kind === "int64" || out.kind === "uint64" || out.kind === "timestamp";
  const [lo, hi] = wide || out.kind === "date32" || !isFloat ? storageRange(out) : [0n, 0n];
  // float and narrow results accumulate as numbers; int64/uint64 results as BigInt (exact)
  const values: (number | bigint | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (!isValidAt(validity, i)) { values[i] = null; continue; }
    const raw = src[i] as number | bigint;
    if (typeof raw === "number" && raw !== raw) { values[i] = NaN; continue; }
    if (fn === "cumsum" || fn === "cumprod") {
      if (isFloat) {
        const x = Number(raw);
        acc = acc === null ? x : fn === "cumsum" ? (acc as number) + x : (acc as number) * x;
      } else {
        const x = BigInt(raw);
        const a = acc === null ? x : fn === "cumsum" ? (acc as bigint) + x : (acc as bigint) * x;
        if (a < lo || a > hi) throw overflowError(where, i, fn === "cumsum" ? "add" : "mul", acc as bigint, x, out);
        acc = a;
      }
    } else {
      const x = raw;
      if (acc === null || (fn === "cummax" ? x > (acc as number | bigint) : x < (acc as number | bigint))) acc = x;
    }
    values[i] = acc as number | bigint;
  }
  const column = fromRunning(out, values);
  return { column, lastColumn: fromRunning(out, [acc as number | bigint | null]) };
}

/**
 * The float64 case in one typed loop (no value boxed): the same rules as the generic loop, null
 * stays null, NaN stays NaN and does not change the running value.
 */
function floatRunning(fn: CumulativeFn, src: Float64Array | Float32Array, validity: Uint8Array | null, start: number | null): CumulativeResult {
  const n = src.length;
  const out = new Float64Array(n);
  let has = start !== null;
  let acc = start ?? 0;
  for (let i = 0; i < n; i++) {
    if (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
    const x = src[i];
    if (x !== x) { out[i] = NaN; continue; }
    if (!has) { acc = x; has = true; }
    else if (fn === "cumsum") acc += x;
    else if (fn === "cumprod") acc *= x;
    else if (fn === "cummax" ? x > acc : x < acc) acc = x;
    out[i] = acc;
  }
  const column: PrimitiveColumn = { layout: "primitive", dtype: dtypes.float64, length: n, values: out, validity: validity === null ? null : validity.slice() };
  return { column, lastColumn: fromRunning(dtypes.float64, [has ? acc : null]) };
}

/** A column of the result dtype from running values (numbers or bigints, NaN kept, null = null). */
function fromRunning(dtype: DType, values: readonly (number | bigint | null)[]): Column {
  if (dtype.kind === "bool") return columnFromValues(dtype, values.map((v) => (v === null ? null : Boolean(v))));
  if (dtype.kind === "int64" || dtype.kind === "uint64" || dtype.kind === "timestamp") {
    return columnFromValues(dtype, values.map((v) => (v === null ? null : BigInt(v))));
  }
  // date32 and floats as their storage (columnFromValues would read NaN as null)
  const out = allocValues(dtype as PrimitiveDType, values.length) as Int32Array | Float64Array | Float32Array;
  const valid = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  values.forEach((v, i) => { if (v === null) nulls++; else { out[i] = Number(v); valid[i >> 3] |= 1 << (i & 7); } });
  return { layout: "primitive", dtype: dtype as PrimitiveDType, length: values.length, values: out, validity: nulls === 0 ? null : valid };
}
