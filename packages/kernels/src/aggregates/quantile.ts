/**
 * Exact `median` and `quantile` per group of a numeric or bool column, as float64, skipping nulls
 * and NaN (null for a group with no numbers). Quantiles interpolate linearly between the two nearest
 * ranks (position q·(n − 1) in the sorted values), as pandas' default; the median of an even count
 * is the mean of the two middle values.
 *
 * Holistic: the values of each group are brought together first. Rows are scattered into one
 * buffer by group (a counting sort on the group id), then each group's slice is sorted (insertion
 * sort for a few values, the native typed-array sort otherwise), so the cost is one pass plus the
 * sorts of the groups, with a single allocation of the values.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "a", "b", "a"])]);
 * columnToValues(medianKernel.whole(columnFromValues(dtypes.int32, [1, 5, 2, 3]), g, "median(v)")); // [3, 2]
 * columnToValues(quantileKernel.whole(v, g, "quantile(v)", { q: 0.25 }));
 * ```
 */
import { DuskError, dtypes, type DType } from "@dusk/core";
import type { Column } from "../column.js";
import type { Grouping } from "../group-ids.js";
import { asNumbers } from "./as-numbers.js";
import { float64Column } from "./counts.js";
import { requireInput, unsupportedType, type HolisticKernel } from "./spec.js";

type Which = "median" | "quantile";

function quantileType(fn: Which, input: DType | null, where: string): DType {
  if (input === null) throw unsupportedType(fn, input, where, "a numeric or bool column");
  const k = input.kind;
  if (k === "utf8" || k === "date32" || k === "timestamp") throw unsupportedType(fn, input, where, "a numeric or bool column");
  return dtypes.float64;
}

/** Each group's numbers, sorted, in one buffer: group g holds sorted[start[g] .. start[g + 1]). */
export function sortedByGroup(values: Float64Array, present: Uint8Array, grouping: Grouping): { sorted: Float64Array; start: Int32Array } {
  const { ids, ngroups } = grouping;
  const start = new Int32Array(ngroups + 1);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0 && present[i] === 1) start[ids[i] + 1]++;
  for (let g = 0; g < ngroups; g++) start[g + 1] += start[g];
  const sorted = new Float64Array(start[ngroups]);
  const fill = start.slice(0, ngroups);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g >= 0 && present[i] === 1) sorted[fill[g]++] = values[i];
  }
  for (let g = 0; g < ngroups; g++) {
    const lo = start[g], hi = start[g + 1];
    if (hi - lo <= 16) insertionSort(sorted, lo, hi);
    else sorted.subarray(lo, hi).sort();
  }
  return { sorted, start };
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > x) { a[j + 1] = a[j]; j--; }
    a[j + 1] = x;
  }
}

/** Linear interpolation at fraction t between a ≤ b, exact at both ends and monotonic in t. */
function lerp(a: number, b: number, t: number): number {
  if (a === b) return a;
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

function groupQuantiles(fn: Which, input: Column | null, grouping: Grouping, where: string, q: number): Column {
  const col = requireInput(fn, input, grouping, where);
  quantileType(fn, col.dtype, where);
  const { values, present } = asNumbers(col, fn, where);
  const { sorted, start } = sortedByGroup(values, present, grouping);
  const n = grouping.ngroups;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  for (let g = 0; g < n; g++) {
    const lo = start[g], count = start[g + 1] - lo;
    if (count === 0) continue;
    valid[g] = 1;
    if (fn === "median") {
      const mid = lo + (count >> 1);
      if (count & 1) { out[g] = sorted[mid]; continue; }
      const a = sorted[mid - 1], b = sorted[mid];
      const m = (a + b) / 2;
      out[g] = Number.isFinite(m) || !Number.isFinite(a) || !Number.isFinite(b) ? m : a / 2 + b / 2;
      continue;
    }
    const pos = q * (count - 1);
    const i = Math.floor(pos);
    out[g] = lerp(sorted[lo + i], sorted[lo + Math.min(i + 1, count - 1)], pos - i);
  }
  return float64Column(out, valid);
}

/** The exact `median` kernel; also `holisticKernels.median`. @example `medianKernel.resultType(dtypes.int64) // float64` */
export const medianKernel: HolisticKernel = {
  fn: "median",
  resultType: (input, where = "median") => quantileType("median", input, where),
  whole: (input, grouping, where = "median") => groupQuantiles("median", input, grouping, where, 0.5),
};

/** The exact `quantile` kernel (`params.q` in [0, 1]); also `holisticKernels.quantile`. @example `quantileKernel.whole(v, g, "quantile(v)", { q: 0.9 })` */
export const quantileKernel: HolisticKernel = {
  fn: "quantile",
  resultType: (input, where = "quantile") => quantileType("quantile", input, where),
  whole(input, grouping, where = "quantile", params) {
    const q = params?.q;
    if (q === undefined || !(q >= 0 && q <= 1)) {
      throw new DuskError("INVALID_ARGUMENT", `${where}: quantile needs q between 0 and 1, got ${String(q)}`, { where });
    }
    return groupQuantiles("quantile", input, grouping, where, q);
  },
};
