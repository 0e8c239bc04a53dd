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
import type { AggFn, AggKernel, HolisticFn, HolisticKernel } from "./spec.js";
import { corrKernel, covKernel } from "./corr.js";
import { nuniqueKernel } from "./nunique.js";
import { medianKernel, quantileKernel } from "./quantile.js";
import { allKernel, anyKernel } from "./any-all.js";
import { countKernel } from "./count.js";
import { firstKernel, lastKernel } from "./first-last.js";
import { meanKernel } from "./mean.js";
import { maxKernel, minKernel } from "./min-max.js";
import { prodKernel } from "./prod.js";
import { sizeKernel } from "./size.js";
import { sumKernel } from "./sum.js";
import { stdKernel, varKernel } from "./variance.js";

export type { AggFn, AggKernel, AggParams, HolisticFn, HolisticKernel } from "./spec.js";
export {
  allKernel, anyKernel, corrKernel, countKernel, covKernel, firstKernel, lastKernel, meanKernel, maxKernel, medianKernel, minKernel,
  nuniqueKernel, prodKernel, quantileKernel, sizeKernel, stdKernel, sumKernel, varKernel,
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
  corr: corrKernel,
  cov: covKernel,
});

/**
 * The holistic aggregates (every value of a group at once) by function name.
 *
 * @example
 * ```ts
 * holisticKernels.median.whole(values, groupIds([keys]), "median(v)");
 * isHolistic("nunique"); // true
 * ```
 */
export const holisticKernels: Readonly<Record<HolisticFn, HolisticKernel>> = Object.freeze({
  median: medianKernel,
  quantile: quantileKernel,
  nunique: nuniqueKernel,
});

/** Whether `fn` names a holistic aggregate. @example `isHolistic("sum") // false` */
export const isHolistic = (fn: string): fn is HolisticFn => Object.hasOwn(holisticKernels, fn);
