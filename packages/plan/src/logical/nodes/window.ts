import { DuskError, NANOS_PER_UNIT, type DType } from "@dusk/core";
import type { TypedExpr } from "../../expr/typed.js";
import { Schema, type Field } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkNoAgg, checkRefs } from "../validate.js";

/**
 * Row-order functions (their value at a row depends on the rows before or after it, across
 * partition edges): running aggregates, shifts and rolling count windows.
 *
 * @example
 * ```ts
 * const f: WindowFn = "cumsum";
 * ```
 */
export type WindowFn = "cumsum" | "cumprod" | "cummax" | "cummin" | "shift" | "rolling";

/** The aggregates of a rolling window. */
export type RollingAggFn = "sum" | "mean" | "count" | "min" | "max" | "std" | "var";

/**
 * One window function call: `fn` of `input` (a row-wise expression), with `periods` for shift
 * (positive: values move down, from earlier rows), `window` (rows) or `duration` (nanoseconds) with
 * its time column `on`, `minPeriods` and `agg` for rolling.
 */
export interface WindowCall {
  readonly name: string;
  readonly fn: WindowFn;
  readonly input: TypedExpr;
  readonly dtype: DType;
  readonly periods?: number;
  readonly window?: number;
  readonly minPeriods?: number;
  readonly agg?: RollingAggFn;
  /** A time window's length in nanoseconds; the window of a row at time t is (t − duration, t]. */
  readonly duration?: bigint;
  /** A time window's time column (timestamp or date32), rows sorted by it. */
  readonly on?: TypedExpr;
}

/** Whether a call is a time window (rolling over `duration` of its `on` column). */
export const isTimeWindow = (c: WindowCall): boolean => c.fn === "rolling" && c.duration !== undefined;

/**
 * A time window's length in units of its time column (date32: days), rounded up: times are whole
 * units, so `time > t − duration` is `time > t − span`.
 */
export function timeWindowSpan(c: WindowCall): bigint {
  const t = c.on!.dtype;
  const per = BigInt(t.kind === "timestamp" ? NANOS_PER_UNIT[t.unit] : 86_400_000_000_000);
  const d = c.duration!;
  return (d + per - 1n) / per;
}

/**
 * Adds (or replaces) columns computed by window functions in the frame's row order, as assign
 * does: partitions and their order are kept, each partition sees the rows before (and after) it
 * through small per-partition summaries.
 */
export interface WindowNode {
  readonly kind: "window";
  readonly input: LogicalNode;
  readonly calls: readonly WindowCall[];
  readonly schema: Schema;
}

/**
 * How many rows before a partition a call needs (its `before` rows), and after it. A time window
 * needs the rows within its duration: any number (Infinity).
 */
export function windowReach(c: WindowCall): { before: number; after: number } {
  if (isTimeWindow(c)) return { before: Infinity, after: 0 };
  if (c.fn === "shift") return c.periods! >= 0 ? { before: c.periods!, after: 0 } : { before: 0, after: -c.periods! };
  if (c.fn === "rolling") return { before: c.window! - 1, after: 0 };
  return { before: 0, after: 0 };
}

export function windowNode(input: LogicalNode, calls: readonly WindowCall[]): WindowNode {
  const fields: Field[] = [...input.schema.fields];
  const seen = new Set<string>();
  for (const c of calls) {
    if (seen.has(c.name)) throw new DuskError("DUPLICATE_COLUMN", `window functions set column "${c.name}" twice`, { column: c.name });
    seen.add(c.name);
    checkRefs(c.input, input.schema, "window");
    checkNoAgg(c.input, "window");
    if (c.fn === "shift" && !Number.isInteger(c.periods)) throw new DuskError("INVALID_ARGUMENT", `shift needs a whole number of periods, got ${String(c.periods)}`);
    if (isTimeWindow(c)) {
      if (c.on === undefined) throw new DuskError("INVALID_ARGUMENT", `rolling over a time window needs its time column (on), for ${c.name}`);
      checkRefs(c.on, input.schema, "window");
      const k = c.on.dtype.kind;
      if (k !== "timestamp" && k !== "date32") throw new DuskError("TYPE_MISMATCH", `a time window needs a timestamp or date32 column on, got ${k}`);
      if (c.duration! <= 0n || !Number.isInteger(c.minPeriods) || c.minPeriods! < 0 || c.agg === undefined) {
        throw new DuskError("INVALID_ARGUMENT", `rolling needs a positive time window and minPeriods ≥ 0, got ${String(c.duration)}ns, minPeriods ${String(c.minPeriods)}`);
      }
    } else if (c.fn === "rolling" && (!Number.isInteger(c.window) || c.window! < 1 || !Number.isInteger(c.minPeriods) || c.minPeriods! < 0 || c.agg === undefined)) {
      throw new DuskError("INVALID_ARGUMENT", `rolling needs a window of whole rows ≥ 1 and minPeriods ≥ 0, got window ${String(c.window)}, minPeriods ${String(c.minPeriods)}`);
    }
    const i = fields.findIndex((f) => f.name === c.name);
    const f = { name: c.name, dtype: c.dtype };
    if (i >= 0) fields[i] = f; else fields.push(f);
  }
  return Object.freeze({ kind: "window", input, calls: Object.freeze(calls.map((c) => Object.freeze({ ...c }))), schema: new Schema(fields) });
}
