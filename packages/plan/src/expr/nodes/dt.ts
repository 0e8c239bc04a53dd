/**
 * The `dt` namespace: datetime sub-operations on a date32 or timestamp input, one node kind with
 * its own tagged union of ops (as `str` will be): fields (`year` … `quarter`), `date`,
 * `floor` / `ceil` / `round` to a frequency, and `strftime`.
 *
 * @example
 * ```ts
 * dtNode(colNode("ts"), { fn: "year" });                                   // ts.dt.year()
 * dtNode(colNode("ts"), { fn: "floor", freq: parseFrequency("15min") });   // ts.dt.floor("15min")
 * dtNode(colNode("ts"), { fn: "strftime", format: "%Y-%m" });             // ts.dt.strftime("%Y-%m")
 * ```
 */
import { DuskError, formatFrequency, strftimeProblem, type Frequency } from "@dusk/core";
import type { ExprNode } from "./index.js";

/** Integer fields of a date or timestamp (in the local time of a timestamp's zone). Results are int32. */
export type DtField =
  | "year" | "month" | "day" | "hour" | "minute" | "second" | "microsecond" | "nanosecond"
  | "dayOfWeek" | "dayOfYear" | "quarter";
export const DT_FIELDS: readonly DtField[] = [
  "year", "month", "day", "hour", "minute", "second", "microsecond", "nanosecond", "dayOfWeek", "dayOfYear", "quarter",
];
/** Fields a date32 has (the others are time-of-day fields). */
export const DATE_FIELDS: readonly DtField[] = ["year", "month", "day", "dayOfWeek", "dayOfYear", "quarter"];

export type DtRoundFn = "floor" | "ceil" | "round";

/** One datetime operation. */
export type DtOp =
  | { readonly fn: DtField }
  | { readonly fn: "date" }
  | { readonly fn: DtRoundFn; readonly freq: Frequency }
  | { readonly fn: "strftime"; readonly format: string };

/** A datetime operation applied to `input`. */
export interface DtNode { readonly kind: "dt"; readonly op: DtOp; readonly input: ExprNode }

/** Text of a dt op after the input: `year()`, `floor("15min")`, `strftime("%Y")`. @example `dtOpText({ fn: "year" }) // "year()"` */
export function dtOpText(op: DtOp): string {
  if (op.fn === "strftime") return `strftime(${JSON.stringify(op.format)})`;
  if ("freq" in op) return `${op.fn}("${formatFrequency(op.freq)}")`;
  return `${op.fn}()`;
}

/**
 * A dt node; checks what needs no schema: ceil and round take fixed frequencies only (not W, M,
 * Y), a sub-second frequency must divide a second and a longer one be whole seconds, and the
 * strftime directives must be supported. Throws DuskError INVALID_ARGUMENT otherwise.
 *
 * @example
 * ```ts
 * dtNode(colNode("ts"), { fn: "ceil", freq: parseFrequency("1h") });
 * dtNode(colNode("ts"), { fn: "ceil", freq: parseFrequency("1M") }); // throws: months floor only
 * ```
 */
export function dtNode(input: ExprNode, op: DtOp): DtNode {
  const call = `dt.${dtOpText(op)}`;
  if (op.fn === "floor" || op.fn === "ceil" || op.fn === "round") {
    const f = op.freq;
    if (op.fn !== "floor" && (f.unit === "M" || f.unit === "Y" || f.unit === "W")) {
      throw new DuskError("INVALID_ARGUMENT",
        `${call}: ${op.fn} needs a fixed frequency (ns, us, ms, s, min, h or D); weeks, months and years are supported by dt.floor only`,
        { freq: formatFrequency(f) });
    }
    if (f.nanos !== 0 && f.nanos % 1e9 !== 0 && 1e9 % f.nanos !== 0) {
      throw new DuskError("INVALID_ARGUMENT",
        `${call}: a frequency below a second must divide one second (e.g. "250ms"), and a longer one be whole seconds`,
        { freq: formatFrequency(f) });
    }
  }
  if (op.fn === "strftime") {
    const why = strftimeProblem(op.format);
    if (why !== null) throw new DuskError("INVALID_ARGUMENT", `${call}: ${why}`, { format: op.format });
  }
  return Object.freeze({ kind: "dt", op: Object.freeze({ ...op }), input });
}
