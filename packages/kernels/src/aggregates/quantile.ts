/**
 * Exact `median` and `quantile` per group of a numeric or bool column, as float64, skipping nulls
 * and NaN (null for a group with no numbers). Quantiles interpolate linearly between the two nearest
 * ranks (position q·(n − 1) in the sorted values), as pandas' default; the median of an even count
 * is the mean of the two middle values.
 *
 * Holistic: the values of each group are brought together first. Rows are scattered into one
 * buffer by group (a counting sort on the group id), then in each group's slice the one or two
 * ranks needed are selected (quickselect: linear on average, where sorting the slice was
 * n log n).
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

/**
 * Each group's numbers in one buffer, unordered: group g holds values[start[g] .. start[g + 1])
 * (a counting sort of the rows by group id, so one pass and one allocation).
 */
export function valuesByGroup(values: Float64Array, present: Uint8Array, grouping: Grouping): { values: Float64Array; start: Int32Array } {
  const { ids, ngroups } = grouping;
  const start = new Int32Array(ngroups + 1);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0 && present[i] === 1) start[ids[i] + 1]++;
  for (let g = 0; g < ngroups; g++) start[g + 1] += start[g];
  const out = new Float64Array(start[ngroups]);
  const fill = start.slice(0, ngroups);
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i];
    if (g >= 0 && present[i] === 1) out[fill[g]++] = values[i];
  }
  return { values: out, start };
}

/**
 * Rearranges a[lo, hi) (numbers, no NaN) so that a[k] holds the value a full sort would put there,
 * everything before it ≤ it and everything after ≥ it: quickselect with a median-of-three pivot,
 * linear on average; after too many rounds (an adversarial order) the range is sorted instead.
 */
export function selectRank(a: Float64Array, lo: number, hi: number, k: number): void {
  let budget = 2 * (32 - Math.clz32(hi - lo)) + 4;
  while (hi - lo > 16) {
    if (budget-- === 0) { a.subarray(lo, hi).sort(); return; }
    const x = a[lo], y = a[lo + ((hi - lo) >> 1)], z = a[hi - 1];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo, j = hi - 1;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    // a[lo, j] ≤ pivot ≤ a[i, hi), and a(j, i) equals the pivot
    if (k <= j) hi = j + 1;
    else if (k >= i) lo = i;
    else return;
  }
  insertionSort(a, lo, hi);
}

/**
 * The values of ranks r and r + 1 (capped at the last) of a group's numbers a[lo, hi), as a sort
 * would order them — zeros included: a sort puts -0 before 0, which comparisons cannot tell apart,
 * so a zero's sign is decided by counting. Reorders a[lo, hi).
 */
function ranks(a: Float64Array, lo: number, hi: number, r: number): [number, number] {
  const k = lo + r;
  selectRank(a, lo, hi, k);
  let lower = a[k];
  let upper = lower;
  if (k + 1 < hi) {
    upper = a[k + 1];
    for (let i = k + 2; i < hi; i++) if (a[i] < upper) upper = a[i];
  }
  if (lower === 0 || upper === 0) {
    let belowZero = 0; // negatives and -0s: a sort's first ranks
    for (let i = lo; i < hi; i++) if (a[i] < 0 || Object.is(a[i], -0)) belowZero++;
    if (lower === 0) lower = r < belowZero ? -0 : 0;
    if (upper === 0) upper = Math.min(r + 1, hi - lo - 1) < belowZero ? -0 : 0;
  }
  return [lower, upper];
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
  const { values: byGroup, start } = valuesByGroup(values, present, grouping);
  const n = grouping.ngroups;
  const out = new Float64Array(n);
  const valid = new Uint8Array(n);
  for (let g = 0; g < n; g++) {
    const lo = start[g], hi = start[g + 1], count = hi - lo;
    if (count === 0) continue;
    valid[g] = 1;
    if (fn === "median") {
      if (count & 1) { out[g] = ranks(byGroup, lo, hi, count >> 1)[0]; continue; }
      const [a, b] = ranks(byGroup, lo, hi, (count >> 1) - 1);
      const m = (a + b) / 2;
      out[g] = Number.isFinite(m) || !Number.isFinite(a) || !Number.isFinite(b) ? m : a / 2 + b / 2;
      continue;
    }
    const pos = q * (count - 1);
    const i = Math.floor(pos);
    const [a, b] = ranks(byGroup, lo, hi, i);
    out[g] = lerp(a, b, pos - i);
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
