/**
 * `min` and `max` per group, for every dtype (numbers, bool, utf8 in byte order, date32, timestamp),
 * giving the input dtype. Nulls and NaN are skipped; a group without values gives null. The state is
 * the result itself, so combining is the same kernel run over the states.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "b", "a"])]);
 * columnToValues(maxKernel.finalize(maxKernel.partial(columnFromValues(dtypes.utf8, ["x", null, "y"]), g))); // ["y", null]
 * ```
 */
import type { BoolColumn, Column, DictColumn, PrimitiveColumn, Utf8Column, Validity } from "../column.js";
import { allocValues, int64Words } from "../column.js";
import type { Grouping } from "../group-ids.js";
import { dictionaryRanks } from "../sort.js";
import { take } from "../take.js";
import { compareBytes } from "../utf8.js";
import { pickKernel, type AggKernel } from "./spec.js";
import { widenNarrow } from "./widen.js";

type Extreme = "min" | "max";

/** A validity bitmap from one byte per group (1 = has a value), or null when every group has one. */
function validityFromSeen(seen: Uint8Array): Validity {
  const n = seen.length;
  let missing = false;
  const bits = new Uint8Array((n + 7) >> 3);
  for (let g = 0; g < n; g++) {
    if (seen[g] !== 0) bits[g >> 3] |= 1 << (g & 7);
    else missing = true;
  }
  return missing ? bits : null;
}

/** The per-group extreme of a column, as a column of the same dtype with ngroups rows. */
function extremes(col: Column, grouping: Grouping, which: Extreme): Column {
  switch (col.layout) {
    case "bool": return boolExtremes(col, grouping, which);
    case "utf8": return utf8Extremes(col, grouping, which);
    case "dict": return dictExtremes(col, grouping, which);
    case "primitive": {
      const v = col.values;
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) return wideExtremes(col, grouping, which);
      return numberExtremes(col, grouping, which);
    }
  }
}

function boolExtremes(col: BoolColumn, grouping: Grouping, which: Extreme): BoolColumn {
  const { ids, ngroups } = grouping;
  const { values, validity } = col;
  const best = new Uint8Array(ngroups).fill(2); // 2 = no value yet
  const isMax = which === "max";
  for (let i = 0; i < values.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const v = values[i], b = best[g];
    if (b === 2 || (isMax ? v > b : v < b)) best[g] = v;
  }
  const seen = new Uint8Array(ngroups);
  for (let g = 0; g < ngroups; g++) {
    if (best[g] === 2) best[g] = 0;
    else seen[g] = 1;
  }
  return { layout: "bool", dtype: col.dtype, length: ngroups, values: best, validity: validityFromSeen(seen) };
}

/** Types of at most 32 bits and floats: compared as doubles; NaN in `best` means "no value yet". */
function numberExtremes(col: PrimitiveColumn, grouping: Grouping, which: Extreme): PrimitiveColumn {
  const { ids, ngroups } = grouping;
  const v = widenNarrow(col.values as Int8Array | Int16Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array);
  const validity = col.validity;
  const best = new Float64Array(ngroups).fill(NaN);
  const n = v.length;
  if (which === "min") {
    for (let i = 0; i < n; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const x = v[i];
      if (x !== x) continue;
      if (!(x >= best[g])) best[g] = x; // true when best is NaN (unset) or x is smaller
    }
  } else {
    for (let i = 0; i < n; i++) {
      const g = ids[i];
      if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
      const x = v[i];
      if (x !== x) continue;
      if (!(x <= best[g])) best[g] = x;
    }
  }
  const out = allocValues(col.dtype, ngroups) as Exclude<PrimitiveColumn["values"], BigInt64Array | BigUint64Array>;
  const seen = new Uint8Array(ngroups);
  for (let g = 0; g < ngroups; g++) {
    const b = best[g];
    if (b === b) { out[g] = b; seen[g] = 1; }
  }
  return { layout: "primitive", dtype: col.dtype, length: ngroups, values: out, validity: validityFromSeen(seen) };
}

/** int64, uint64 and timestamp: compared as word pairs (high word signed or unsigned, low word unsigned). */
function wideExtremes(col: PrimitiveColumn, grouping: Grouping, which: Extreme): PrimitiveColumn {
  const { ids, ngroups } = grouping;
  const src = col.values as BigInt64Array | BigUint64Array;
  const w = int64Words(src);
  const validity = col.validity;
  const out = allocValues(col.dtype, ngroups) as BigInt64Array | BigUint64Array;
  const bw = int64Words(out);
  const seen = new Uint8Array(ngroups);
  // compare (hi ^ bias) as signed and (lo ^ SIGN) as signed: bias flips unsigned high words into signed order
  const bias = src instanceof BigUint64Array ? -2147483648 : 0;
  const sign = which === "max" ? 1 : -1; // replace when sign * compare(x, best) > 0
  const n = src.length;
  for (let i = 0; i < n; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const lo = w[2 * i], hi = w[2 * i + 1];
    if (seen[g] === 0) { seen[g] = 1; bw[2 * g] = lo; bw[2 * g + 1] = hi; continue; }
    const bhi = bw[2 * g + 1];
    let c: number;
    if (hi !== bhi) c = (hi ^ bias) < (bhi ^ bias) ? -1 : 1;
    else {
      const blo = bw[2 * g];
      c = lo === blo ? 0 : (lo ^ -2147483648) < (blo ^ -2147483648) ? -1 : 1;
    }
    if (c * sign > 0) { bw[2 * g] = lo; bw[2 * g + 1] = hi; }
  }
  return { layout: "primitive", dtype: col.dtype, length: ngroups, values: out, validity: validityFromSeen(seen) };
}

/** Plain strings: the best row per group by byte comparison, gathered at the end. */
function utf8Extremes(col: Utf8Column, grouping: Grouping, which: Extreme): Column {
  const { ids, ngroups } = grouping;
  const { offsets, data, validity } = col;
  const bestRow = new Int32Array(ngroups).fill(-1);
  const sign = which === "max" ? 1 : -1;
  for (let i = 0; i < col.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const b = bestRow[g];
    if (b < 0 || sign * compareBytes(data, offsets[i], offsets[i + 1], data, offsets[b], offsets[b + 1]) > 0) bestRow[g] = i;
  }
  return take(col, bestRow);
}

/** Dictionary strings: entries ranked once, then compared by rank; the result stays dictionary-encoded. */
function dictExtremes(col: DictColumn, grouping: Grouping, which: Extreme): Column {
  const { ids, ngroups } = grouping;
  const { codes, validity } = col;
  const ranks = dictionaryRanks(col.dictionary);
  const bestRow = new Int32Array(ngroups).fill(-1);
  const bestRank = new Int32Array(ngroups);
  const isMax = which === "max";
  for (let i = 0; i < col.length; i++) {
    const g = ids[i];
    if (g < 0 || (validity !== null && ((validity[i >> 3] >> (i & 7)) & 1) === 0)) continue;
    const r = ranks[codes[i]];
    if (bestRow[g] < 0 || (isMax ? r > bestRank[g] : r < bestRank[g])) { bestRow[g] = i; bestRank[g] = r; }
  }
  return take(col, bestRow);
}

/**
 * The `min` kernel; also `aggKernels.min`.
 *
 * @example
 * ```ts
 * minKernel.resultType(dtypes.date32); // date32
 * ```
 */
export const minKernel: AggKernel = pickKernel("min", (col, g) => extremes(col, g, "min"));

/**
 * The `max` kernel; also `aggKernels.max`.
 *
 * @example
 * ```ts
 * maxKernel.stateTypes(dtypes.utf8); // [utf8]: the state is the running maximum
 * ```
 */
export const maxKernel: AggKernel = pickKernel("max", (col, g) => extremes(col, g, "max"));
