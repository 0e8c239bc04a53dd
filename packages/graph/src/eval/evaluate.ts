/**
 * Evaluating typed expressions over a batch: a walk over the expression tree where every node is
 * one vectorized kernel call over whole columns (no per-row work here).
 */
import { assertNever, DuskError } from "@dusk/core";
import {
  and, arith, cast, columnFromScalar, compare, dtDate, dtField, dtRound, dtStrftime, fillNull, isIn, isNotNull, isNull, negate, not, or,
  type Batch, type BoolColumn, type Column, type Operand, type Scalar,
} from "@dusk/kernels";
import { explainExpr, isArithOp, isCompareOp, type TypedDt, type TypedExpr } from "@dusk/plan";

const isScalarOperand = (o: Operand): o is Scalar => !("layout" in o);

/** The column `name` of a batch. */
export function columnOf(batch: Batch, name: string): Column {
  const i = batch.names.indexOf(name);
  if (i < 0) throw new DuskError("INTERNAL", `column "${name}" is not in the partition (columns: ${batch.names.join(", ")})`);
  return batch.columns[i];
}

/** `o` as a column of `length` rows. */
export function toColumn(o: Operand, length: number): Column {
  return isScalarOperand(o) ? columnFromScalar(o, length) : o;
}

/** The value of `e` over `batch`: a column, or a scalar when `e` reads no column. */
export function evaluate(e: TypedExpr, batch: Batch): Operand {
  const n = batch.length;
  switch (e.kind) {
    case "col": return columnOf(batch, e.name);
    case "lit": return { dtype: e.dtype, value: e.value };
    case "binary": {
      const l = evaluate(e.left, batch), r = evaluate(e.right, batch);
      if (e.op === "and") return and(l, r, n);
      if (e.op === "or") return or(l, r, n);
      if (isCompareOp(e.op)) return compare(e.op, l, r, n);
      if (isArithOp(e.op)) return arith(e.op, l, r, e.dtype, n, explainExpr(e));
      return assertNever(e.op as never);
    }
    case "unary": {
      const x = toColumn(evaluate(e.input, batch), n);
      const op = e.op;
      switch (op) {
        case "neg": return negate(x, explainExpr(e));
        case "not": return not(x);
        case "isNull": return isNull(x);
        case "isNotNull": return isNotNull(x);
        default: return assertNever(op);
      }
    }
    case "cast": return cast(toColumn(evaluate(e.input, batch), n), e.dtype, explainExpr(e));
    case "fillNull": return fillNull(toColumn(evaluate(e.input, batch), n), evaluate(e.value, batch), explainExpr(e));
    case "isIn": {
      const dtype = e.input.dtype;
      return isIn(toColumn(evaluate(e.input, batch), n), e.values.map((value) => ({ dtype, value })));
    }
    case "dt": return evaluateDt(e, toColumn(evaluate(e.input, batch), n));
    case "agg":
      throw new DuskError("INTERNAL", `aggregate ${explainExpr(e)} reached row-wise evaluation`);
    case "window":
      throw new DuskError("INTERNAL", `window function ${explainExpr(e)} reached row-wise evaluation`);
    default: return assertNever(e);
  }
}

/** A dt operation over its evaluated input (see kernels/datetime). */
function evaluateDt(e: TypedDt, x: Column): Column {
  const op = e.op;
  switch (op.fn) {
    case "date": return dtDate(x, explainExpr(e));
    case "floor": case "ceil": case "round": return dtRound(x, op.fn, op.freq, explainExpr(e));
    case "strftime": return dtStrftime(x, op.format, explainExpr(e));
    default: return dtField(x, op.fn, explainExpr(e));
  }
}

/** `e` over `batch` as a column of the batch's length. */
export function evaluateColumn(e: TypedExpr, batch: Batch): Column {
  return toColumn(evaluate(e, batch), batch.length);
}

/** A predicate over `batch` as a bool column. */
export function evaluatePredicate(e: TypedExpr, batch: Batch): BoolColumn {
  const c = evaluateColumn(e, batch);
  if (c.layout !== "bool") throw new DuskError("INTERNAL", `predicate ${explainExpr(e)} did not give bool values`);
  return c;
}
