/**
 * Casts between date32 and timestamps, and between timestamp units, exact on int64 words:
 * date → timestamp is midnight of that day; timestamp → date and a cast to a coarser unit floor
 * toward −∞ (1969-12-31 23:59:59.5 → 1969-12-31); a cast to a finer unit is range-checked.
 * A timestamp's time zone is metadata: the stored instant does not change.
 *
 * @example
 * ```ts
 * castTemporal(dates, dtypes.timestamp("ns"), "cast"); // days × 86 400 × 10^9
 * ```
 */
import { DuskError, formatDType, type DType } from "@dusk/core";
import { int64Words, type Column, type PrimitiveColumn, type PrimitiveDType } from "./column.js";
import { castError } from "./cast-error.js";
import { describeAt } from "./cast-numeric.js";
import { floorDivInt64Small, mulInt64Small, writeWordsFromNumber } from "./int64-words.js";
import { zeroNullSlots } from "./null-slots.js";
import { isValid } from "./validity.js";
import { UNITS_PER_SECOND } from "./time-units.js";


function dateToTimestamp(days: Int32Array, ups: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    writeWordsFromNumber(out, i, days[i] * 86400);
    if (ups !== 1 && !mulInt64Small(out[2 * i], out[2 * i + 1], ups, out, i)) return i;
  }
  return -1;
}

function timestampToDate(w: Int32Array, ups: number, out: Int32Array, scratch: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    let lo = w[2 * i], hi = w[2 * i + 1];
    if (ups !== 1) {
      floorDivInt64Small(lo, hi, ups, scratch, 0);
      lo = scratch[0];
      hi = scratch[1];
    }
    floorDivInt64Small(lo, hi, 86400, scratch, 0);
    const d = scratch[1] * 4294967296 + (scratch[0] >>> 0);
    if (d < -2147483648 || d > 2147483647) return i;
    out[i] = d;
  }
  return -1;
}

function finer(w: Int32Array, f: number, out: Int32Array, from: number, n: number): number {
  for (let i = from; i < n; i++) if (!mulInt64Small(w[2 * i], w[2 * i + 1], f, out, i)) return i;
  return -1;
}

function coarser(w: Int32Array, d: number, out: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) floorDivInt64Small(w[2 * i], w[2 * i + 1], d, out, i);
}

/** date32 ↔ timestamp and timestamp unit ↔ unit. */
export function castTemporal(c: Column, to: DType, where: string): Column {
  if (c.layout !== "primitive") throw new DuskError("INTERNAL", `castTemporal: ${c.layout}`);
  const from = c.dtype;
  const n = c.length;
  const validity = c.validity;
  const step = (run: (start: number) => number): void => {
    for (let start = 0; start < n;) {
      const i = run(start);
      if (i < 0) return;
      if (isValid(validity, i)) throw castError(where, i, describeAt(c, i), from, to, `outside the range of ${formatDType(to)}`);
      start = i + 1;
    }
  };
  if (from.kind === "date32" && to.kind === "timestamp") {
    const values = new BigInt64Array(n);
    const out = int64Words(values);
    const days = c.values as Int32Array;
    step((start) => dateToTimestamp(days, UNITS_PER_SECOND[to.unit], out, start, n));
    zeroNullSlots(values, validity, n);
    return { layout: "primitive", dtype: to, length: n, values, validity } satisfies PrimitiveColumn;
  }
  if (from.kind === "timestamp" && to.kind === "date32") {
    const values = new Int32Array(n);
    const w = int64Words(c.values as BigInt64Array);
    const scratch = new Int32Array(2);
    step((start) => timestampToDate(w, UNITS_PER_SECOND[from.unit], values, scratch, start, n));
    zeroNullSlots(values, validity, n);
    return { layout: "primitive", dtype: to, length: n, values, validity } satisfies PrimitiveColumn;
  }
  if (from.kind === "timestamp" && to.kind === "timestamp") {
    const a = UNITS_PER_SECOND[from.unit], b = UNITS_PER_SECOND[to.unit];
    if (a === b) return { ...c, dtype: to as PrimitiveDType };
    const values = new BigInt64Array(n);
    const out = int64Words(values);
    const w = int64Words(c.values as BigInt64Array);
    if (b > a) step((start) => finer(w, b / a, out, start, n));
    else coarser(w, a / b, out, n);
    zeroNullSlots(values, validity, n);
    return { layout: "primitive", dtype: to, length: n, values, validity } satisfies PrimitiveColumn;
  }
  throw new DuskError("INTERNAL", `castTemporal: ${formatDType(from)} to ${formatDType(to)}`);
}
