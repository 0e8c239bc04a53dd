/**
 * How an aggregation is computed, worked out once at lowering and shared by its three ops:
 * distinct aggregate calls become primitives (`__a0`, `__a1`, ...) each with partial states; the
 * user's output expressions are rewritten over the primitives' final values.
 */
import type { DType } from "@dusk/core";
import type { AggFn, AggOptions, NamedExpr } from "@dusk/plan";

export interface AggPrimitive {
  /** Internal column name of the final value. */
  readonly name: string;
  readonly fn: AggFn;
  /** Column of the pre-projected batch holding the input (null for size). */
  readonly input: string | null;
  readonly inputType: DType | null;
  /** Parameters of the call that only its final value depends on (ddof of std/var). */
  readonly options: AggOptions;
  /** The aggregate as the user wrote it, for error messages: `sum(v1)`. */
  readonly where: string;
}

export interface AggregateSpec {
  readonly keys: readonly string[];
  readonly keyTypes: readonly DType[];
  /** Expressions computing the keys and every primitive's input from a partition. */
  readonly inputs: readonly NamedExpr[];
  readonly primitives: readonly AggPrimitive[];
  /** The output columns, over the keys and the primitives' final values. */
  readonly outputs: readonly NamedExpr[];
  readonly dropna: boolean;
  readonly sort: boolean;
}

/** Name of state column j of a primitive. */
export const stateName = (prim: AggPrimitive, j: number): string => `${prim.name}.${j}`;
