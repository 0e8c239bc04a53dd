/**
 * Binding: user expressions → typed expressions, against a schema.
 *
 * Resolves column names, gives every node its dtype, adapts weak literals to the operand they
 * meet, makes implicit conversions explicit casts, and rejects what cannot be computed with an
 * error that names the column or the types, the sub-expression and the user's call (`where`).
 *
 * @example
 * ```ts
 * const schema = Schema.of({ id1: "utf8", v1: "int32" });
 * bindExpr(binaryNode("gt", colNode("v1"), litNode(2)), { schema, where: "filter(v1 > 2)" });
 * // typed: v1 > 2 with the literal as int32, result bool
 * bindExpr(binaryNode("gt", colNode("id1"), litNode(5)), { schema, where: "filter(id1 > 5)" });
 * // throws TYPE_MISMATCH: cannot compare utf8 with int64 in filter(id1 > 5)
 * ```
 */
import {
  assertNever, dtypeEquals, dtypes, DuskError, formatDType, isFloat, isInteger, isNumeric, isSignedInt, isUnsignedInt,
  convertScalar, describeValue, Duration, intRange, type DType,
} from "@dusk/core";
import { columnNotFound, type Schema } from "../../schema.js";
import {
  binaryNode, isArithOp, isCompareOp, OP_SYMBOL_TEXT, type AggNode, type ArithOp, type BinaryNode, type BinaryOp, type ExprNode, type LitValue, type WindowExprNode,
} from "../nodes/index.js";
import { foldExpr } from "../fold.js";
import { printExpr } from "../print.js";
import { tAgg, tBinary, tCast, tCol, tDt, tFillNull, tIsIn, tLit, tUnary, tWindow, type ScalarValue, type TypedExpr } from "../typed.js";
import { dtResultType } from "./dt-types.js";
import { aggResultType } from "./agg-types.js";
import { adaptLiteral, defaultLiteral, explicitLiteral } from "./literal.js";
import { windowResultType } from "./window-types.js";
import { canCast, commonType } from "./promote.js";

export interface BindOptions {
  readonly schema: Schema;
  /** The user's call, for error messages: `filter(id1 > 5)`. */
  readonly where: string;
  /** Set in aggregations: aggregates are allowed, and columns outside aggregates must be group keys. */
  readonly aggregate?: { readonly keys: readonly string[] } | null;
  /** Set in assign: window functions (cumsum, shift, rolling, ...) are allowed. */
  readonly window?: boolean;
}

/** A bound sub-expression; `weak` when it is a literal whose type may still adapt. */
interface Bound {
  readonly expr: TypedExpr;
  readonly weak: boolean;
  readonly value: LitValue;
}

interface State {
  readonly opts: BindOptions;
  readonly inAgg: boolean;
  readonly inWindow?: boolean;
}

const strong = (expr: TypedExpr): Bound => ({ expr, weak: false, value: null });

/** Binds a user expression to `opts.schema`. */
export function bindExpr(e: ExprNode, opts: BindOptions): TypedExpr {
  return bind(e, { opts, inAgg: false }).expr;
}

function mismatch(st: State, node: ExprNode, what: string): DuskError {
  const text = printExpr(node);
  const whole = st.opts.where;
  const at = whole.endsWith(`(${text})`) || whole.endsWith(`= ${text})`) ? "" : ` (${text})`;
  return new DuskError("TYPE_MISMATCH", `${what}${at} in ${whole}`, { expression: text, where: whole });
}

function bind(e: ExprNode, st: State): Bound {
  switch (e.kind) {
    case "col": return bindCol(e.name, st);
    case "lit":
      if (e.dtype !== null) return strong(explicitLiteral(e.value, e.dtype, st.opts.where));
      return { expr: defaultLiteral(e.value, st.opts.where), weak: true, value: e.value };
    case "binary": return bindBinary(e, bindOperand(e.left, st), bindOperand(e.right, st), st);
    case "unary": return bindUnary(e, st);
    case "cast": return bindCast(e.input, e.dtype, e, st);
    case "fillNull": return bindFillNull(e, st);
    case "isIn": return bindIsIn(e, st);
    case "between": {
      const input = bind(e.input, st);
      const lowOp: BinaryOp = e.inclusive === "both" || e.inclusive === "left" ? "ge" : "gt";
      const highOp: BinaryOp = e.inclusive === "both" || e.inclusive === "right" ? "le" : "lt";
      const lo = bindBinary(binaryNode(lowOp, e.input, e.low), input, bind(e.low, st), st);
      const hi = bindBinary(binaryNode(highOp, e.input, e.high), input, bind(e.high, st), st);
      return strong(tBinary("and", lo.expr, hi.expr, dtypes.bool));
    }
    case "agg": return bindAgg(e, st);
    case "window": return bindWindow(e, st);
    case "dt": {
      const input = bind(e.input, st);
      const rt = dtResultType(e.op, input.expr.dtype);
      if (typeof rt === "string") throw mismatch(st, e, rt);
      return strong(tDt(e.op, input.expr, rt));
    }
    default: return assertNever(e);
  }
}

/** An operand of a binary operation: as {@link bind}, except that a duration literal is kept for the operation to place. */
function bindOperand(e: ExprNode, st: State): Bound {
  if (e.kind === "lit" && e.dtype === null && e.value instanceof Duration) return { expr: tLit(null, dtypes.int64), weak: true, value: e.value };
  return bind(e, st);
}

const isDuration = (x: Bound): x is Bound & { value: Duration } => x.weak && x.value instanceof Duration;

function bindCol(name: string, st: State): Bound {
  const { schema, where, aggregate } = st.opts;
  const f = schema.field(name);
  if (!f) throw columnNotFound(name, schema.names, where);
  if (aggregate && !st.inAgg && !aggregate.keys.includes(name)) {
    throw new DuskError("INVALID_EXPRESSION",
      `column "${name}" is used outside an aggregate in ${where}; wrap it in an aggregate such as dd.col("${name}").sum(), or group by it`,
      { column: name });
  }
  return strong(tCol(f.name, f.dtype));
}

/** `b` as an expression of type `t`: a weak literal adapts, anything else is cast when needed. */
function toType(b: Bound, t: DType): TypedExpr {
  if (b.weak) {
    const lit = adaptLiteral(b.value, t);
    if (lit) return lit;
  }
  return dtypeEquals(b.expr.dtype, t) ? b.expr : tCast(b.expr, t);
}

/** The type both operands are brought to, or null. A weak literal takes the other side's type when it fits. */
function unify(a: Bound, b: Bound): DType | null {
  if (a.weak && !b.weak && adaptLiteral(a.value, b.expr.dtype)) return b.expr.dtype;
  if (b.weak && !a.weak && adaptLiteral(b.value, a.expr.dtype)) return a.expr.dtype;
  if (a.weak && a.value === null) return b.expr.dtype;
  if (b.weak && b.value === null) return a.expr.dtype;
  return commonType(a.expr.dtype, b.expr.dtype);
}

const typeName = (b: Bound): string => formatDType(b.expr.dtype);

function bindBinary(node: BinaryNode, a: Bound, b: Bound, st: State): Bound {
  const op = node.op;
  const temporal = (t: DType): boolean => t.kind === "date32" || t.kind === "timestamp";
  if (isDuration(a) || isDuration(b)) {
    if ((op === "add" || op === "sub") && isDuration(b) && !isDuration(a) && temporal(a.expr.dtype)) return bindShift(op, a.expr, b.value, node, st);
    if (op === "add" && isDuration(a) && !isDuration(b) && temporal(b.expr.dtype)) return bindShift(op, b.expr, a.value, node, st);
    const other = isDuration(a) ? b : a;
    throw mismatch(st, node, `cannot apply ${OP_SYMBOL_TEXT[op]} to ${isDuration(other) ? "two durations" : `${typeName(other)} and a duration`}; ` +
      `durations are added to or subtracted from dates and timestamps, e.g. dd.col("ts").add(dd.duration("5min"))`);
  }
  if (op === "and" || op === "or") {
    const l = toBool(a), r = toBool(b);
    if (!l || !r) throw mismatch(st, node, `${op} needs bool operands, got ${typeName(a)} and ${typeName(b)}`);
    return strong(tBinary(op, l, r, dtypes.bool));
  }
  if (isCompareOp(op)) {
    const t = unify(a, b);
    if (t === null) throw mismatch(st, node, `cannot compare ${typeName(a)} with ${typeName(b)}`);
    return strong(tBinary(op, toType(a, t), toType(b, t), dtypes.bool));
  }
  if (!isArithOp(op)) return assertNever(op as never);
  const sym = OP_SYMBOL_TEXT[op];
  const ta = a.expr.dtype, tb = b.expr.dtype;
  // datetime arithmetic: date/timestamp ± duration, date ± days, date - date (days), timestamp - timestamp (int64 of the unit)
  if (temporal(ta) || temporal(tb)) {
    if (op === "add" || op === "sub") {
      if (ta.kind === "date32" && isInteger(tb)) return strong(tBinary(op, a.expr, toType(b, dtypes.int32), dtypes.date32));
      if (op === "add" && tb.kind === "date32" && isInteger(ta)) return strong(tBinary(op, toType(a, dtypes.int32), b.expr, dtypes.date32));
      if (op === "sub" && ta.kind === "date32" && tb.kind === "date32") return strong(tBinary(op, a.expr, b.expr, dtypes.int32));
      if (op === "sub" && temporal(ta) && temporal(tb)) {
        const t = unify(a, b);
        if (t !== null && t.kind === "timestamp") return strong(tBinary(op, toType(a, t), toType(b, t), dtypes.int64));
        if (ta.kind === "timestamp" && tb.kind === "timestamp") {
          throw mismatch(st, node, `cannot subtract ${typeName(b)} from ${typeName(a)}: their time zones differ; cast one to the other's zone first`);
        }
      }
    }
    throw mismatch(st, node, `cannot apply ${sym} to ${typeName(a)} and ${typeName(b)}; dates and timestamps support ± dd.duration("5min"), ` +
      `date ± whole days, date - date (days, int32) and timestamp - timestamp (int64 count of the unit)`);
  }
  const t = unify(a, b);
  if (t === null || !isNumeric(t)) throw mismatch(st, node, `cannot apply ${sym} to ${typeName(a)} and ${typeName(b)}`);
  const folded = weakArith(op, a, b, t);
  if (folded) return folded;
  switch (op) {
    case "add": case "sub": case "mul": case "mod":
      return strong(tBinary(op, toType(a, t), toType(b, t), t));
    case "div":
      return strong(tBinary(op, toType(a, t), toType(b, t), t.kind === "float32" ? dtypes.float32 : dtypes.float64));
    case "pow":
      return strong(tBinary(op, toType(a, dtypes.float64), toType(b, dtypes.float64), dtypes.float64));
    default: return assertNever(op);
  }
}

const DAY_NANOS = 86_400_000_000_000n;
const UNIT_RANK = { s: 0, ms: 1, us: 2, ns: 3 } as const;

/**
 * `x ± duration`: a date plus whole days stays a date (int32 days); anything else works on a
 * timestamp in the finer of its unit and the duration's (a date becomes a naive timestamp). The
 * duration becomes an int64 literal counting that unit; the kernel checks overflow per row.
 */
function bindShift(op: "add" | "sub", x: TypedExpr, d: Duration, node: BinaryNode, st: State): Bound {
  const t = x.dtype;
  if (t.kind === "date32" && d.nanos % DAY_NANOS === 0n) {
    const days = d.nanos / DAY_NANOS;
    if (days < -2147483648n || days > 2147483647n) throw mismatch(st, node, `duration ${d.toString()} is out of the range of dates`);
    return strong(tBinary(op, x, tLit(Number(days), dtypes.int32), dtypes.date32));
  }
  const from = t.kind === "timestamp" ? t : dtypes.timestamp("s", null);
  const unit = UNIT_RANK[d.unit] > UNIT_RANK[from.unit] ? d.unit : from.unit;
  const to = dtypes.timestamp(unit, from.tz);
  const count = d.in(unit)!;
  const [lo, hi] = intRange("int64");
  if (count < lo || count > hi) throw mismatch(st, node, `duration ${d.toString()} does not fit a ${formatDType(to)} value`);
  const input = dtypeEquals(t, to) ? x : tCast(x, to);
  return strong(tBinary(op, input, tLit(count, dtypes.int64), to));
}

/**
 * Arithmetic on two weak number literals stays weak (`col("a").gt(dd.lit(1).add(2))` compares in
 * a's type), when the result is exact in the literals' default type.
 */
function weakArith(op: ArithOp, a: Bound, b: Bound, t: DType): Bound | undefined {
  if (!a.weak || !b.weak || op === "div" || op === "pow") return undefined;
  const numeric = (v: LitValue) => typeof v === "number" || typeof v === "bigint";
  if (!numeric(a.value) || !numeric(b.value)) return undefined;
  const r = foldExpr(tBinary(op, toType(a, t), toType(b, t), t));
  if (r.kind !== "lit" || r.value === null || !dtypeEquals(r.dtype, t)) return undefined;
  const value = r.value as number | bigint;
  return { expr: r, weak: true, value };
}

function toBool(b: Bound): TypedExpr | undefined {
  if (b.weak) return adaptLiteral(b.value, dtypes.bool);
  return b.expr.dtype.kind === "bool" ? b.expr : undefined;
}

function bindUnary(e: Extract<ExprNode, { kind: "unary" }>, st: State): Bound {
  const input = bind(e.input, st);
  const t = input.expr.dtype;
  switch (e.op) {
    case "neg": {
      if (input.weak && (typeof input.value === "number" || typeof input.value === "bigint")) {
        const value = -input.value as number | bigint;
        return { expr: defaultLiteral(value, st.opts.where), weak: true, value };
      }
      if (isSignedInt(t) || isFloat(t)) return strong(tUnary("neg", input.expr, t));
      if (isUnsignedInt(t)) throw mismatch(st, e, `cannot negate ${formatDType(t)} values; cast to a signed type first`);
      throw mismatch(st, e, `cannot negate ${formatDType(t)} values`);
    }
    case "not": {
      const b = toBool(input);
      if (!b) throw mismatch(st, e, `not needs a bool operand, got ${formatDType(t)}`);
      return strong(tUnary("not", b, dtypes.bool));
    }
    case "isNull": case "isNotNull":
      return strong(tUnary(e.op, input.expr, dtypes.bool));
    default: return assertNever(e.op);
  }
}

function bindCast(inputNode: ExprNode, to: DType, node: ExprNode, st: State): Bound {
  const input = bind(inputNode, st);
  if (input.weak) {
    const lit = adaptLiteral(input.value, to);
    if (lit) return strong(lit);
  }
  const from = input.expr.dtype;
  if (dtypeEquals(from, to)) return strong(input.expr);
  if (!canCast(from, to)) throw mismatch(st, node, `cannot cast ${formatDType(from)} to ${formatDType(to)}`);
  return strong(tCast(input.expr, to));
}

function bindFillNull(e: Extract<ExprNode, { kind: "fillNull" }>, st: State): Bound {
  const input = bind(e.input, st);
  const value = bind(e.value, st);
  if (value.weak) {
    const lit = adaptLiteral(value.value, input.expr.dtype);
    if (lit) return strong(tFillNull(input.expr, lit));
  }
  const t = unify(input, value);
  if (t === null) {
    throw mismatch(st, e, `cannot fill nulls of ${typeName(input)} values with a ${typeName(value)} value`);
  }
  return strong(tFillNull(toType(input, t), toType(value, t)));
}

function bindIsIn(e: Extract<ExprNode, { kind: "isIn" }>, st: State): Bound {
  const input = bind(e.input, st);
  const t = input.expr.dtype;
  const values: ScalarValue[] = [];
  for (const v of e.values) {
    if (v instanceof Duration) throw mismatch(st, e, `isIn value duration ${v.toString()} cannot be compared with ${formatDType(t)} values`);
    const c = convertScalar(v, t);
    if (c !== undefined) { values.push(c); continue; }
    // a number that no value of a numeric column can equal (1.5 in an int column) matches nothing
    const numberLike = typeof v === "number" || typeof v === "bigint";
    if (numberLike && isNumeric(t)) continue;
    throw mismatch(st, e, `isIn value ${describeValue(v)} cannot be compared with ${formatDType(t)} values`);
  }
  return strong(tIsIn(input.expr, values));
}

function bindAgg(e: AggNode, st: State): Bound {
  const { aggregate, where } = st.opts;
  const text = printExpr(e);
  if (!aggregate) {
    throw new DuskError("INVALID_EXPRESSION",
      `aggregate ${text} is used in ${where}, where one value per row is needed; use aggregates inside agg({...}) or groupBy(...).agg({...})`,
      { expression: text });
  }
  if (st.inAgg) {
    throw new DuskError("INVALID_EXPRESSION", `aggregate inside an aggregate (${text}) in ${where}; aggregates cannot be nested`, { expression: text });
  }
  const input = e.input === null ? null : bind(e.input, { opts: st.opts, inAgg: true }).expr;
  const other = e.other === null ? null : bind(e.other, { opts: st.opts, inAgg: true }).expr;
  const rt = aggResultType(e.fn, input?.dtype ?? null, other?.dtype ?? null);
  if (typeof rt === "string") throw mismatch(st, e, rt);
  return strong(tAgg(e.fn, input, rt, e.options, other));
}

function bindWindow(e: WindowExprNode, st: State): Bound {
  const text = printExpr(e);
  if (!st.opts.window) {
    throw new DuskError("INVALID_EXPRESSION",
      `window function ${text} is used in ${st.opts.where}; window functions (cumsum, shift, diff, rolling, ...) belong in assign({...}) (or withColumns), computed in the frame's row order`,
      { expression: text });
  }
  if (st.inWindow || st.inAgg) {
    throw new DuskError("INVALID_EXPRESSION", `${text} in ${st.opts.where} is nested in another window function or an aggregate; assign it to a column first`, { expression: text });
  }
  const input = bind(e.input, { ...st, inWindow: true }).expr;
  const rt = windowResultType(e.fn, input.dtype, e.agg);
  if (typeof rt === "string") throw mismatch(st, e, rt);
  if (e.on !== undefined) {
    const on = bindCol(e.on, { ...st, inWindow: true }).expr;
    if (on.dtype.kind !== "timestamp" && on.dtype.kind !== "date32") {
      throw mismatch(st, e, `a time window needs a timestamp or date32 column on=${e.on}, got ${formatDType(on.dtype)}; cast it first, e.g. dd.col("${e.on}").cast("timestamp[ms]")`);
    }
    return strong(tWindow(e.fn, input, rt, { duration: e.duration, on, minPeriods: e.minPeriods, agg: e.agg }));
  }
  return strong(tWindow(e.fn, input, rt, { periods: e.periods, window: e.window, minPeriods: e.minPeriods, agg: e.agg }));
}
