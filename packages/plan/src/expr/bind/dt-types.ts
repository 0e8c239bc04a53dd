/**
 * Result types of dt operations (pandas-compatible where pandas has the operation):
 * fields (year … quarter) → int32, as pandas' `Series.dt.year`; `date` → date32;
 * floor / ceil / round keep the input type; strftime → utf8. Inputs must be date32 or timestamp;
 * a date32 has only date fields and rounds to whole days or longer.
 *
 * @example
 * ```ts
 * dtResultType({ fn: "year" }, dtypes.timestamp("ms"));  // int32
 * dtResultType({ fn: "hour" }, dtypes.date32);          // a reason: binding throws TYPE_MISMATCH
 * ```
 */
import { dtypes, formatDType, NANOS_PER_UNIT, type DType } from "@dusk/core";
import { DATE_FIELDS, dtOpText, type DtOp } from "../nodes/dt.js";

const DAY_NANOS = 86_400e9;

/** The result type of `op` over `input`, or a reason it is not defined. */
export function dtResultType(op: DtOp, input: DType): DType | string {
  const call = `dt.${dtOpText(op)}`;
  if (input.kind !== "date32" && input.kind !== "timestamp") {
    return `${call} needs a date32 or timestamp input, got ${formatDType(input)}; ` +
      (input.kind === "utf8"
        ? `parse it first, e.g. .cast("timestamp[ms]") (or parseDates when reading a CSV)`
        : `cast it first, e.g. .cast("timestamp[ms]") (integers count units since 1970-01-01)`);
  }
  switch (op.fn) {
    case "strftime": return dtypes.utf8;
    case "date": return dtypes.date32;
    case "floor": case "ceil": case "round": {
      const f = op.freq;
      if (input.kind === "date32") {
        if (f.unit === "M" || f.unit === "Y" || f.unit === "W" || (f.nanos > 0 && f.nanos % DAY_NANOS === 0)) return input;
        return `${call} on date32 values needs a frequency of whole days or longer ("1D", "1W", "1M", "1Y"); cast to a timestamp first for shorter ones`;
      }
      if (f.nanos === 0) return input;
      const per = NANOS_PER_UNIT[input.unit];
      if (f.nanos % per === 0 || per % f.nanos === 0) return input;
      return `${call}: the frequency is not a whole number of ${input.unit} (the unit of ${formatDType(input)}); cast to a finer unit first`;
    }
    default:
      if (input.kind === "date32" && !DATE_FIELDS.includes(op.fn)) {
        return `${call} needs a time of day, but date32 values have none; use one of ${DATE_FIELDS.join(", ")}, or cast to a timestamp first`;
      }
      return dtypes.int32;
  }
}
