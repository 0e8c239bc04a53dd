/**
 * Group aggregates that run split over partitions (partial → combine → finalize), by name.
 *
 * @example
 * ```ts
 * const g = groupIds([keys]);
 * const k = aggKernels[fn];
 * const out = k.finalize(k.combine(k.partial(values, g, "v1"), groupIds([keys2]), "v1"), "v1");
 * aggKernels.std.finalize(states, "std(v1)", { ddof: 0 }); // params reach finalize only
 * ```
 */
import type { AggFn, AggKernel } from "./spec.js";
import { allKernel, anyKernel } from "./any-all.js";
import { countKernel } from "./count.js";
import { firstKernel, lastKernel } from "./first-last.js";
import { meanKernel } from "./mean.js";
import { maxKernel, minKernel } from "./min-max.js";
import { prodKernel } from "./prod.js";
import { sizeKernel } from "./size.js";
import { sumKernel } from "./sum.js";
import { stdKernel, varKernel } from "./variance.js";

export type { AggFn, AggKernel, AggParams } from "./spec.js";
export {
  allKernel, anyKernel, countKernel, firstKernel, lastKernel, meanKernel, maxKernel, minKernel, prodKernel, sizeKernel,
  stdKernel, sumKernel, varKernel,
};

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
  std: stdKernel,
  var: varKernel,
  prod: prodKernel,
  any: anyKernel,
  all: allKernel,
  first: firstKernel,
  last: lastKernel,
});
