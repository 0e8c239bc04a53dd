/**
 * Constant folding of typed expressions: operations on literals are computed at plan time with the
 * same semantics as the kernels (exact integers, floor modulo, Kleene logic, null propagation), and
 * boolean identities are simplified (`x and true` → `x`). Anything whose result is not certain —
 * an integer overflow, a cast that might fail — is left for the kernels, which report it with the
 * row and value.
 *
 * @example
 * ```ts
 * foldExpr(bound("v1 > 1 + 2"))  // v1 > 3
 * foldExpr(bound("x and true"))  // x
 * ```
 */
import { dtypes, intRange, isFloat, isInteger, type DType, type IntKind } from "@dusk/core";
import { transformUp } from "./map.js";
import { tLit, type ScalarValue, type TypedExpr, type TypedLit } from "./typed.js";

const isLit = (e: TypedExpr): e is TypedLit => e.kind === "lit";
const isTrue = (e: TypedExpr): boolean => isLit(e) && e.value === true;
const isFalse = (e: TypedExpr): boolean => isLit(e) && e.value === false;

/** Folds every constant sub-expression of `e`. */
export function foldExpr(e: TypedExpr): TypedExpr {
  return transformUp(e, foldNode);
}

function fitsInt(v: bigint, t: DType): boolean {
  const [lo, hi] = intRange(t.kind as IntKind);
  return v >= lo && v <= hi;
}

/** An integer value as a bigint (int kinds hold numbers or bigints). */
const big = (v: ScalarValue): bigint => (typeof v === "bigint" ? v : BigInt(v as number));
/** A bigint result in the representation of `t`. */
const intOut = (v: bigint, t: DType): ScalarValue => (t.kind === "int64" || t.kind === "uint64" ? v : Number(v));

/** Compares UTF-8 strings in code point order (= UTF-8 byte order, the kernels' order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function compareValues(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "bigint" || typeof b === "bigint") {
    const x = big(a), y = big(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a as number, y = b as number;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

function foldNode(e: TypedExpr): TypedExpr {
  switch (e.kind) {
    case "col": case "lit": case "agg": case "dt": case "window": return e;
    case "binary": {
      const { op, left: l, right: r } = e;
      if (op === "and") {
        if (isTrue(l)) return r;
        if (isTrue(r)) return l;
        if (isFalse(l) || isFalse(r)) return tLit(false, dtypes.bool);
        if (isLit(l) && isLit(r)) return tLit(null, dtypes.bool); // null and null
        return e;
      }
      if (op === "or") {
        if (isFalse(l)) return r;
        if (isFalse(r)) return l;
        if (isTrue(l) || isTrue(r)) return tLit(true, dtypes.bool);
        if (isLit(l) && isLit(r)) return tLit(null, dtypes.bool);
        return e;
      }
      if (!isLit(l) || !isLit(r)) return e;
      if (l.value === null || r.value === null) return tLit(null, e.dtype);
      switch (op) {
        case "eq": case "ne": case "lt": case "le": case "gt": case "ge": {
          const c = compareValues(l.value, r.value);
          if (Number.isNaN(c)) return tLit(op === "ne", dtypes.bool);
          const res = op === "eq" ? c === 0 : op === "ne" ? c !== 0 : op === "lt" ? c < 0 : op === "le" ? c <= 0 : op === "gt" ? c > 0 : c >= 0;
          return tLit(res, dtypes.bool);
        }
        default: {
          const v = foldArith(op, l, r, e.dtype);
          return v === undefined ? e : tLit(v, e.dtype);
        }
      }
    }
    case "unary": {
      const x = e.input;
      if (e.op === "not" && x.kind === "unary" && x.op === "not") return x.input;
      if (!isLit(x)) return e;
      switch (e.op) {
        case "isNull": return tLit(x.value === null, dtypes.bool);
        case "isNotNull": return tLit(x.value !== null, dtypes.bool);
        case "not": return tLit(x.value === null ? null : !x.value, dtypes.bool);
        case "neg": {
          if (x.value === null) return tLit(null, e.dtype);
          if (isFloat(e.dtype)) return tLit(-(x.value as number), e.dtype);
          const v = -big(x.value);
          return fitsInt(v, e.dtype) ? tLit(intOut(v, e.dtype), e.dtype) : e;
        }
      }
      return e;
    }
    case "cast": {
      const x = e.input;
      if (!isLit(x)) return e;
      if (x.value === null) return tLit(null, e.dtype);
      const v = foldCast(x, e.dtype);
      return v === undefined ? e : tLit(v, e.dtype);
    }
    case "fillNull": {
      const x = e.input;
      if (isLit(x)) return x.value === null ? e.value : x;
      if (isLit(e.value) && e.value.value === null) return x;
      return e;
    }
    case "isIn": {
      const x = e.input;
      if (!isLit(x)) return e;
      if (x.value === null) return tLit(e.values.includes(null), dtypes.bool);
      return tLit(e.values.some((v) => v !== null && compareValues(v, x.value) === 0), dtypes.bool);
    }
  }
}

function foldArith(op: string, l: TypedLit, r: TypedLit, out: DType): ScalarValue | undefined {
  const operand = l.dtype;
  if (op === "div" || op === "pow") {
    const a = Number(l.value), b = Number(r.value);
    const v = op === "div" ? a / b : Math.pow(a, b);
    return out.kind === "float32" ? Math.fround(v) : v;
  }
  if (isFloat(operand)) {
    const a = l.value as number, b = r.value as number;
    let v: number;
    switch (op) {
      case "add": v = a + b; break;
      case "sub": v = a - b; break;
      case "mul": v = a * b; break;
      case "mod": {
        if (b === 0) { v = NaN; break; }
        v = a % b;
        if (v !== 0 && (v < 0) !== (b < 0)) v += b;
        break;
      }
      default: return undefined;
    }
    return out.kind === "float32" ? Math.fround(v) : v;
  }
  if (isInteger(operand) || operand.kind === "date32") {
    const a = big(l.value), b = big(r.value);
    let v: bigint;
    switch (op) {
      case "add": v = a + b; break;
      case "sub": v = a - b; break;
      case "mul": v = a * b; break;
      case "mod": {
        if (b === 0n) return null;
        v = a % b;
        if (v !== 0n && (v < 0n) !== (b < 0n)) v += b;
        break;
      }
      default: return undefined;
    }
    const range: DType = out.kind === "date32" ? dtypes.int32 : out;
    return isInteger(range) && fitsInt(v, range) ? intOut(v, range) : undefined;
  }
  return undefined;
}

/** Numeric casts that are exact; other casts are left to the kernels. */
function foldCast(x: TypedLit, to: DType): ScalarValue | undefined {
  const from = x.dtype;
  if (isInteger(from) && isInteger(to)) {
    const v = big(x.value);
    return fitsInt(v, to) ? intOut(v, to) : undefined;
  }
  if (isInteger(from) && isFloat(to)) {
    const v = big(x.value);
    const n = Number(v);
    if (BigInt(n) !== v) return undefined;
    return to.kind === "float32" ? (Math.fround(n) === n ? n : undefined) : n;
  }
  if (from.kind === "float32" && to.kind === "float64") return x.value;
  if (from.kind === "date32" && to.kind === "timestamp") {
    const perDay: Record<string, bigint> = { s: 86_400n, ms: 86_400_000n, us: 86_400_000_000n, ns: 86_400_000_000_000n };
    return BigInt(x.value as number) * perDay[to.unit];
  }
  return undefined;
}
