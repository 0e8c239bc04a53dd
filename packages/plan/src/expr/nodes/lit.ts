import type { DType, Duration } from "@dusk/core";

/**
 * A value as users write it; numbers, bigints, strings, booleans, Dates, Durations (only added to
 * or subtracted from dates and timestamps), or null.
 */
export type LitValue = number | bigint | string | boolean | Date | Duration | null;

/**
 * A literal. Without `dtype` its type adapts to the other operand (a "weak" literal, as in
 * `col("v1").gt(2)` comparing in v1's type); with `dtype` it has exactly that type.
 */
export interface LitNode { readonly kind: "lit"; readonly value: LitValue; readonly dtype: DType | null }
export const litNode = (value: LitValue, dtype: DType | null = null): LitNode => Object.freeze({ kind: "lit", value, dtype });
