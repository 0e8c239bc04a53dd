/**
 * Type promotion: the common type two operands are converted to before an operation.
 * Rules (numpy/pandas-like, but never lossy without saying so):
 * - equal types stay; ints of one signedness widen; signed with unsigned goes to the next signed
 *   type that holds both (int64 with uint64 has none: an error asks for a cast);
 * - int with float gives float64 (float32 for 8/16-bit ints with float32); float32 with float64 gives float64;
 * - date32 with timestamp gives the timestamp; timestamps of different units give the finer unit,
 *   and must agree on time zone;
 * - anything else has no common type.
 */
import { bitWidth, dtypes, isFloat, isInteger, isSignedInt, type DType, type TimeUnit } from "@dusk/core";

const UNIT_RANK: Record<TimeUnit, number> = { s: 0, ms: 1, us: 2, ns: 3 };
const SIGNED_BY_BITS: Record<number, DType> = { 8: dtypes.int8, 16: dtypes.int16, 32: dtypes.int32, 64: dtypes.int64 };
const UNSIGNED_BY_BITS: Record<number, DType> = { 8: dtypes.uint8, 16: dtypes.uint16, 32: dtypes.uint32, 64: dtypes.uint64 };

/** The common type of `a` and `b`, or null when they have none. */
export function commonType(a: DType, b: DType): DType | null {
  if (a.kind === b.kind && a.kind !== "timestamp") return a;
  if (isInteger(a) && isInteger(b)) {
    const sa = isSignedInt(a), sb = isSignedInt(b);
    const wa = bitWidth(a), wb = bitWidth(b);
    if (sa === sb) return (sa ? SIGNED_BY_BITS : UNSIGNED_BY_BITS)[Math.max(wa, wb)];
    const [sw, uw] = sa ? [wa, wb] : [wb, wa];
    if (sw > uw) return SIGNED_BY_BITS[sw];
    return uw >= 64 ? null : SIGNED_BY_BITS[uw * 2];
  }
  if (isFloat(a) && isFloat(b)) return dtypes.float64;
  if ((isInteger(a) && isFloat(b)) || (isFloat(a) && isInteger(b))) {
    const [i, f] = isInteger(a) ? [a, b] : [b, a];
    return f.kind === "float32" && bitWidth(i) <= 16 ? dtypes.float32 : dtypes.float64;
  }
  if (a.kind === "timestamp" && b.kind === "timestamp") {
    if (a.tz !== b.tz) return null;
    return UNIT_RANK[a.unit] >= UNIT_RANK[b.unit] ? a : b;
  }
  if (a.kind === "date32" && b.kind === "timestamp") return b;
  if (a.kind === "timestamp" && b.kind === "date32") return a;
  return null;
}

/** Whether an explicit cast from `from` to `to` is allowed (it may still fail on particular values). */
export function canCast(from: DType, to: DType): boolean {
  if (from.kind === to.kind) return true;
  if (to.kind === "utf8" || from.kind === "utf8") return true;
  const numeric = (t: DType) => isInteger(t) || isFloat(t);
  if (numeric(from) && numeric(to)) return true;
  if ((from.kind === "bool" && numeric(to)) || (numeric(from) && to.kind === "bool")) return true;
  const temporal = (t: DType) => t.kind === "date32" || t.kind === "timestamp";
  if (temporal(from) && temporal(to)) return true;
  if ((isInteger(from) && temporal(to)) || (temporal(from) && isInteger(to))) return true;
  return false;
}
