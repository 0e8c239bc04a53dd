/**
 * The contract every group aggregate follows, so that it can run split over partitions:
 * `partial` per partition → concatenate the partial states → `combine` (any number of levels) →
 * `finalize`. For any split of the rows, including empty partitions and groups missing from some
 * partitions, the result equals `finalize(partial(allRows))`.
 *
 * @example
 * ```ts
 * const sum = aggKernels.sum;
 * const g = groupIds([keys]);
 * const states = sum.partial(values, g, "v1");
 * const out = sum.finalize(states, "v1"); // one value per group, in group-id order
 * ```
 */
import { DuskError, formatDType, type DType } from "@dusk/core";
import type { Column } from "../column.js";
import type { Grouping } from "../group-ids.js";

/**
 * The aggregate functions with partition-wise kernels.
 *
 * @example
 * ```ts
 * const fn: AggFn = "mean";
 * aggKernels[fn].resultType(dtypes.int32); // float64
 * ```
 */
export type AggFn =
  | "sum" | "count" | "size" | "mean" | "min" | "max"
  | "std" | "var" | "prod" | "any" | "all" | "first" | "last" | "corr" | "cov";

/**
 * The aggregates that need every value of a group at once (exact median, quantile, distinct count):
 * they have no mergeable partial state, so a split aggregation first brings each group's rows
 * together (a shuffle by key) and then runs {@link HolisticKernel.whole}.
 *
 * @example
 * ```ts
 * const fn: HolisticFn = "median";
 * ```
 */
export type HolisticFn = "median" | "quantile" | "nunique";

/**
 * Parameters of an aggregate that change only its final value (so partial states stay mergeable):
 * `ddof` for std, var and cov (delta degrees of freedom, default 1: the sample variance, as pandas);
 * `q` for quantile.
 *
 * @example
 * ```ts
 * const p: AggParams = { ddof: 0 }; // population variance
 * varKernel.finalize(states, "var(v)", p);
 * ```
 */
export interface AggParams {
  readonly ddof?: number;
  /** The fraction of quantile, in [0, 1]. */
  readonly q?: number;
}

/**
 * A group aggregate in three steps. `where` names the column or expression being aggregated; it
 * starts every error message.
 *
 * @example
 * ```ts
 * const k: AggKernel = aggKernels.mean;
 * k.resultType(dtypes.int32);  // float64
 * k.stateTypes(dtypes.int32);  // [float64, int64]  (sum, count)
 * ```
 */
export interface AggKernel {
  readonly fn: AggFn;
  /** Result dtype for an input dtype (null input only for size); throws DuskError TYPE_MISMATCH naming `where` for unsupported types. */
  resultType(input: DType | null, where?: string): DType;
  /** Dtypes of the partial-state columns. */
  stateTypes(input: DType | null, where?: string): DType[];
  /**
   * Per-group states from raw rows (input null only for size; `other` is the second input of corr
   * and cov). Output columns have grouping.ngroups rows.
   */
  partial(input: Column | null, grouping: Grouping, where?: string, other?: Column | null): Column[];
  /** Per-group states from state rows (rows of concatenated partials) regrouped by `grouping`. */
  combine(states: readonly Column[], grouping: Grouping, where?: string): Column[];
  /** Final values (one per group) from states; `params` as the aggregate call gave them (ddof of std/var). */
  finalize(states: readonly Column[], where?: string, params?: AggParams): Column;
}

/**
 * A group aggregate computed from all of each group's rows at once.
 *
 * @example
 * ```ts
 * const g = groupIds([keys]);
 * holisticKernels.median.whole(values, g, "median(v)"); // one float64 per group
 * ```
 */
export interface HolisticKernel {
  readonly fn: HolisticFn;
  /** Result dtype for an input dtype; throws DuskError TYPE_MISMATCH naming `where` for unsupported types. */
  resultType(input: DType | null, where?: string): DType;
  /** One value per group (grouping.ngroups rows) from every row of the groups; `params.q` for quantile. */
  whole(input: Column | null, grouping: Grouping, where?: string, params?: AggParams): Column;
}

/** A TYPE_MISMATCH error for an aggregate that does not accept a dtype. */
export function unsupportedType(fn: AggFn | HolisticFn, input: DType | null, where: string, accepted: string): DuskError {
  const got = input === null ? "no input column" : formatDType(input);
  return new DuskError("TYPE_MISMATCH", `${where}: ${fn} needs ${accepted}, got ${got}`,
    { fn, dtype: input === null ? null : formatDType(input), where });
}

/** The input column, checked to be present and to have one group id per row. */
export function requireInput(fn: AggFn | HolisticFn, input: Column | null, grouping: Grouping, where: string): Column {
  if (input === null) throw unsupportedType(fn, null, where, "an input column");
  checkRows(fn, input.length, grouping, where);
  return input;
}

/** Throws unless the grouping has one id per row. */
export function checkRows(fn: AggFn | HolisticFn, rows: number, grouping: Grouping, where: string): void {
  if (grouping.ids.length !== rows) {
    throw new DuskError("INVALID_ARGUMENT",
      `${where}: ${fn} got a grouping of ${grouping.ids.length} rows for ${rows} input rows`,
      { fn, where, rows, groupingRows: grouping.ids.length });
  }
}

/** Throws unless `states` has the expected number of columns, all of one length. */
export function checkStates(fn: AggFn, states: readonly Column[], count: number, where: string): void {
  if (states.length !== count || states.some((s) => s.length !== states[0].length)) {
    throw new DuskError("INVALID_ARGUMENT",
      `${where}: ${fn} expects ${count} state column(s) of equal length, got ${states.length}`, { fn, where });
  }
}

/**
 * A kernel whose state is one value per group, of the input's dtype, that `pick` selects (min, max,
 * first, last): partial and combine pick again among the values, finalize returns the state.
 *
 * @example
 * ```ts
 * const minKernel = pickKernel("min", (col, g) => extremes(col, g, "min"));
 * ```
 */
export function pickKernel(fn: AggFn, pick: (col: Column, grouping: Grouping) => Column): AggKernel {
  const resultType = (input: DType | null, where: string = fn): DType => {
    if (input === null) throw unsupportedType(fn, input, where, "an input column");
    return input;
  };
  return {
    fn,
    resultType,
    stateTypes: (input, where = fn) => [resultType(input, where)],
    partial: (input, grouping, where = fn) => [pick(requireInput(fn, input, grouping, where), grouping)],
    combine(states, grouping, where = fn) {
      checkStates(fn, states, 1, where);
      return [pick(requireInput(fn, states[0], grouping, where), grouping)];
    },
    finalize(states, where = fn) {
      checkStates(fn, states, 1, where);
      return states[0];
    },
  };
}
