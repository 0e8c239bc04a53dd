/**
 * A column of a JSON read being built from parsed values, row by row in order. `append` takes a
 * non-null value (as `JSON.parse` gives it, or a BigInt for an integer beyond ±2^53) and returns
 * false when the dtype cannot hold it (the caller reports it); `appendNull` marks a missing key or
 * a JSON null. Arrays grow by doubling (the CSV builders' growth helpers), from a guess of the
 * block's rows. The `append*Text`/`Bytes` methods serve the byte-level fast path (fast-line.ts), which
 * hands over tokens without making JS values; they return false for anything but the plain case.
 *
 * @example
 * ```ts
 * const b = createJsonBuilder(dtypes.int64, 1024);
 * b.append(1, 0); b.appendNull(1); b.append(2n ** 60n, 2);
 * const col = b.finish(3);
 * ```
 */
import { assertNever, type DType } from "@dusk/core";
import type { Column } from "@dusk/kernels";
import { BoolJsonBuilder } from "./bool.js";
import { FloatJsonBuilder, Int64JsonBuilder, SmallIntJsonBuilder } from "./numeric.js";
import { DateJsonBuilder, TimestampJsonBuilder } from "./temporal.js";
import { Utf8JsonBuilder } from "./utf8.js";

export interface JsonColumnBuilder {
  /** Writes a non-null value at `row`; false when the dtype cannot hold it. */
  append(v: unknown, row: number): boolean;
  /**
   * The byte-level fast path: the JSON number `b[s, e)` (valid JSON number text) at `row`; false
   * when the column does not take it so (the line is then parsed again by the general path).
   */
  appendNumberText(b: Uint8Array, s: number, e: number, row: number): boolean;
  /** The fast path: an integer of at most 15 digits (so exact as a double; `-0` for `-0`) at `row`. */
  appendInteger(v: number, row: number): boolean;
  /** The fast path: the contents of a JSON string without escapes, `b[s, e)`, at `row`. */
  appendStringBytes(b: Uint8Array, s: number, e: number, row: number): boolean;
  /** The fast path: `true` or `false` at `row`. */
  appendBool(v: boolean, row: number): boolean;
  /** Row `row` is null. */
  appendNull(row: number): void;
  /** The column of rows [0, n). */
  finish(n: number): Column;
}

/** The builder for a dtype (exhaustive over dtypes); `rows` is a guess of the rows to come. */
export function createJsonBuilder(dtype: DType, rows: number): JsonColumnBuilder {
  switch (dtype.kind) {
    case "bool": return new BoolJsonBuilder(rows);
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
      return new SmallIntJsonBuilder(dtype.kind, rows);
    case "int64": return new Int64JsonBuilder(false, rows);
    case "uint64": return new Int64JsonBuilder(true, rows);
    case "float32": return new FloatJsonBuilder(true, rows);
    case "float64": return new FloatJsonBuilder(false, rows);
    case "utf8": return new Utf8JsonBuilder();
    case "date32": return new DateJsonBuilder(rows);
    case "timestamp": return new TimestampJsonBuilder(dtype, rows);
    default: return assertNever(dtype);
  }
}
