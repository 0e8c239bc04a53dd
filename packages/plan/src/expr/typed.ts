/**
 * Typed expressions: the result of binding user expressions to a schema. Every node carries its
 * dtype; names are resolved; implicit conversions are explicit casts; literals hold values in the
 * kernels' scalar representation (number for ≤32-bit ints, floats and date32 days; bigint for
 * int64, uint64 and timestamps; string; boolean; null). Optimizer rules and lowering work on these.
 */
import { dtypes, type DType } from "@dusk/core";
import type { AggFn, AggOptions } from "./nodes/agg.js";
import type { BinaryOp } from "./nodes/binary.js";
import type { DtOp } from "./nodes/dt.js";
import type { UnaryOp } from "./nodes/unary.js";
import type { WindowParams } from "./nodes/window.js";
import type { RollingAggFn, WindowFn } from "../logical/nodes/window.js";

export type ScalarValue = boolean | number | bigint | string | null;

export interface TypedCol { readonly kind: "col"; readonly name: string; readonly dtype: DType }
export interface TypedLit { readonly kind: "lit"; readonly value: ScalarValue; readonly dtype: DType }
export interface TypedBinary { readonly kind: "binary"; readonly op: BinaryOp; readonly left: TypedExpr; readonly right: TypedExpr; readonly dtype: DType }
export interface TypedUnary { readonly kind: "unary"; readonly op: UnaryOp; readonly input: TypedExpr; readonly dtype: DType }
export interface TypedCast { readonly kind: "cast"; readonly input: TypedExpr; readonly dtype: DType }
export interface TypedFillNull { readonly kind: "fillNull"; readonly input: TypedExpr; readonly value: TypedExpr; readonly dtype: DType }
export interface TypedIsIn { readonly kind: "isIn"; readonly input: TypedExpr; readonly values: readonly ScalarValue[]; readonly dtype: DType }
/**
 * An aggregate; `options` as normalized by aggNode (ddof present for std, var and cov only, q for
 * quantile); `other` is the second input of corr and cov.
 */
export interface TypedAgg {
  readonly kind: "agg"; readonly fn: AggFn; readonly input: TypedExpr | null; readonly dtype: DType; readonly options: AggOptions;
  readonly other: TypedExpr | null;
}

/** A datetime operation (see nodes/dt.ts) on a date32 or timestamp input. */
export interface TypedDt { readonly kind: "dt"; readonly op: DtOp; readonly input: TypedExpr; readonly dtype: DType }

/** A window function (see nodes/window.ts) of a row-wise input; only an assign's window node computes it. */
export interface TypedWindow {
  readonly kind: "window"; readonly fn: WindowFn; readonly input: TypedExpr; readonly dtype: DType;
  readonly periods?: number; readonly window?: number; readonly minPeriods?: number; readonly agg?: RollingAggFn;
  /** A time window: its length in nanoseconds and its time column (timestamp or date32). */
  readonly duration?: bigint; readonly on?: TypedExpr;
}

export type TypedExpr = TypedCol | TypedLit | TypedBinary | TypedUnary | TypedCast | TypedFillNull | TypedIsIn | TypedAgg | TypedDt | TypedWindow;

/** An output column: a name and the expression computing it. */
export interface NamedExpr { readonly name: string; readonly expr: TypedExpr }

export const tCol = (name: string, dtype: DType): TypedCol => Object.freeze({ kind: "col", name, dtype });
export const tLit = (value: ScalarValue, dtype: DType): TypedLit => Object.freeze({ kind: "lit", value, dtype });
export const tBinary = (op: BinaryOp, left: TypedExpr, right: TypedExpr, dtype: DType): TypedBinary =>
  Object.freeze({ kind: "binary", op, left, right, dtype });
export const tUnary = (op: UnaryOp, input: TypedExpr, dtype: DType): TypedUnary => Object.freeze({ kind: "unary", op, input, dtype });
export const tCast = (input: TypedExpr, dtype: DType): TypedCast => Object.freeze({ kind: "cast", input, dtype });
export const tFillNull = (input: TypedExpr, value: TypedExpr): TypedFillNull =>
  Object.freeze({ kind: "fillNull", input, value, dtype: input.dtype });
export const tIsIn = (input: TypedExpr, values: readonly ScalarValue[]): TypedIsIn =>
  Object.freeze({ kind: "isIn", input, values: Object.freeze([...values]), dtype: dtypes.bool });
export const tAgg = (fn: AggFn, input: TypedExpr | null, dtype: DType, options: AggOptions = Object.freeze({}), other: TypedExpr | null = null): TypedAgg =>
  Object.freeze({ kind: "agg", fn, input, dtype, options, other });
export const tDt = (op: DtOp, input: TypedExpr, dtype: DType): TypedDt => Object.freeze({ kind: "dt", op, input, dtype });
export const tWindow = (fn: WindowFn, input: TypedExpr, dtype: DType, params: WindowParams & { readonly on?: TypedExpr } = {}): TypedWindow =>
  Object.freeze({ kind: "window", fn, input, dtype, ...params });
export const named = (name: string, expr: TypedExpr): NamedExpr => Object.freeze({ name, expr });

export const TRUE = tLit(true, dtypes.bool);
export const FALSE = tLit(false, dtypes.bool);
