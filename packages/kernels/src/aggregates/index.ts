/**
 * Group aggregates that run split over partitions (partial → combine → finalize), by name.
 *
 * @example
 * ```ts
 * const g = groupIds([keys]);
 * const k = aggKernels[fn];
 * const out = k.finalize(k.combine(k.partial(values, g, "v1"), groupIds([keys2]), "v1"), "v1");
 * ```
 */
import type { AggFn, AggKernel } from "./spec.js";
import { countKernel } from "./count.js";
import { meanKernel } from "./mean.js";
import { maxKernel, minKernel } from "./min-max.js";
import { sizeKernel } from "./size.js";
import { sumKernel } from "./sum.js";

export type { AggFn, AggKernel } from "./spec.js";
export { countKernel, meanKernel, maxKernel, minKernel, sizeKernel, sumKernel };

/**
 * Every aggregate kernel by function name.
 *
 * @example
 * ```ts
 * aggKernels.sum.resultType(dtypes.uint8);    // uint64
 * aggKernels.size.stateTypes(null);           // [int64]
 * ```
 */
export const aggKernels: Readonly<Record<AggFn, AggKernel>> = Object.freeze({
  sum: sumKernel,
  count: countKernel,
  size: sizeKernel,
  mean: meanKernel,
  min: minKernel,
  max: maxKernel,
});
