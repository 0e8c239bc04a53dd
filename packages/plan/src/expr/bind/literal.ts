/**
 * Weak literals: a JS value written without a dtype takes the type of what it meets
 * (`col("v1").gt(2)` compares in v1's type). Alone, it gets a default type: integers int64,
 * other numbers float64, strings utf8, booleans bool, Dates timestamp[ms].
 */
import { convertScalar, describeValue, DuskError, dtypes, Duration, type DType } from "@dusk/core";
import type { LitValue } from "../nodes/lit.js";
import { tLit, type TypedLit } from "../typed.js";

/** The literal with its default type. */
export function defaultLiteral(v: LitValue, where: string): TypedLit {
  if (v === null) return tLit(null, dtypes.float64);
  if (typeof v === "number") {
    if (Number.isNaN(v)) return tLit(null, dtypes.float64);
    if (Number.isSafeInteger(v)) return tLit(BigInt(v), dtypes.int64);
    return tLit(v, dtypes.float64);
  }
  if (typeof v === "bigint") {
    for (const t of [dtypes.int64, dtypes.uint64]) {
      const c = convertScalar(v, t);
      if (c !== undefined) return tLit(c, t);
    }
    throw new DuskError("INVALID_ARGUMENT", `literal ${describeValue(v)} in ${where} does not fit in 64 bits`);
  }
  if (typeof v === "string") return tLit(v, dtypes.utf8);
  if (typeof v === "boolean") return tLit(v, dtypes.bool);
  if (v instanceof Duration) {
    throw new DuskError("TYPE_MISMATCH",
      `duration ${v.toString()} in ${where} can only be added to or subtracted from a date or timestamp, e.g. dd.col("ts").add(dd.duration("5min"))`);
  }
  const ms = convertScalar(v, dtypes.timestamp("ms"));
  if (ms === undefined) throw new DuskError("INVALID_ARGUMENT", `literal ${describeValue(v)} in ${where} is not a valid Date`);
  return tLit(ms, dtypes.timestamp("ms"));
}

/** The literal as a value of `target`, or undefined when it cannot be held exactly. */
export function adaptLiteral(v: LitValue, target: DType): TypedLit | undefined {
  if (v instanceof Duration) return undefined;
  const c = convertScalar(v, target);
  return c === undefined ? undefined : tLit(c, target);
}

/** The literal with an explicit dtype (`dd.lit(5, "int16")`); throws when it does not fit. */
export function explicitLiteral(v: LitValue, dtype: DType, where: string): TypedLit {
  const lit = adaptLiteral(v, dtype);
  if (lit) return lit;
  const text = v instanceof Duration ? `duration ${v.toString()}` : describeValue(v);
  throw new DuskError("INVALID_ARGUMENT", `literal ${text} in ${where} cannot be held as ${dtype.kind}`);
}
