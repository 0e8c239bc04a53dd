/**
 * How an aggregation is computed, worked out once at lowering and shared by its three ops:
 * distinct aggregate calls become primitives (`__a0`, `__a1`, ...) each with partial states; the
 * user's output expressions are rewritten over the primitives' final values.
 */
import { DuskError, type DType } from "@dusk/core";
import { aggKernels, isHolistic, type AggKernel, type Column } from "@dusk/kernels";
import type { AggFn, AggOptions, NamedExpr } from "@dusk/plan";

export interface AggPrimitive {
  /** Internal column name of the final value. */
  readonly name: string;
  readonly fn: AggFn;
  /** Column of the pre-projected batch holding the input (null for size). */
  readonly input: string | null;
  /** Column holding the second input of corr and cov (null for every other function). */
  readonly other: string | null;
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

/** Whether some primitive is holistic (median, quantile, nunique): the aggregation then works on whole groups. */
export const hasHolistic = (spec: AggregateSpec): boolean => spec.primitives.some((p) => isHolistic(p.fn));

/** The partial/combine/finalize kernel of a primitive that is not holistic. */
export function decomposable(prim: AggPrimitive): AggKernel {
  if (isHolistic(prim.fn)) throw new DuskError("INTERNAL", `${prim.where}: ${prim.fn} has no partial states; it runs on whole groups`);
  return aggKernels[prim.fn];
}

/** Name of state column j of a primitive. */
export const stateName = (prim: AggPrimitive, j: number): string => `${prim.name}.${j}`;

/**
 * The rows of `n` with a null in any key column (1 each), which are in no group when dropna;
 * null when there is none.
 */
export function nullKeyRows(keys: readonly Column[], n: number): Uint8Array | null {
  let dead: Uint8Array | null = null;
  for (const c of keys) {
    const v = c.validity;
    if (v === null) continue;
    for (let i = 0; i < n; i++) if (((v[i >> 3] >> (i & 7)) & 1) === 0) (dead ??= new Uint8Array(n))[i] = 1;
  }
  return dead;
}
