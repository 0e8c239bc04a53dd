/**
 * `nunique`: the number of distinct non-null values per group, as int64 (0 for a group of nulls),
 * for any column type; NaN counts as missing, as pandas' nunique skips it. Exact: the (group, value)
 * pairs are interned by the same hashing that groups keys, and each distinct pair adds one to its
 * group.
 *
 * @example
 * ```ts
 * const g = groupIds([columnFromValues(dtypes.utf8, ["a", "a", "b", "a"])]);
 * columnToValues(nuniqueKernel.whole(columnFromValues(dtypes.int32, [1, 1, 2, null]), g, "nunique(v)")); // [1n, 1n]
 * ```
 */
import { dtypes } from "@dusk/core";
import type { Column, PrimitiveColumn } from "../column.js";
import { groupIds, type Grouping } from "../group-ids.js";
import { bitmapFromBytes } from "../validity.js";
import { int64Column } from "./counts.js";
import { requireInput, type HolisticKernel } from "./spec.js";

/** `col` with NaN values marked null (float columns only; others unchanged). */
function nanAsNull(col: Column): Column {
  if (col.layout !== "primitive" || (col.dtype.kind !== "float32" && col.dtype.kind !== "float64")) return col;
  const values = col.values as Float32Array | Float64Array;
  const validity = col.validity;
  let nan = false;
  for (let i = 0; i < values.length && !nan; i++) nan = values[i] !== values[i];
  if (!nan) return col;
  const bytes = new Uint8Array(col.length);
  for (let i = 0; i < col.length; i++) {
    bytes[i] = values[i] === values[i] && (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) ? 1 : 0;
  }
  return { ...col, validity: bitmapFromBytes(bytes) };
}

/** The group ids as an int32 key column, null where a row belongs to no group. */
function groupColumn(grouping: Grouping): PrimitiveColumn {
  const { ids } = grouping;
  let outside = false;
  for (let i = 0; i < ids.length && !outside; i++) outside = ids[i] < 0;
  let validity: Uint8Array | null = null;
  if (outside) {
    const bytes = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i++) bytes[i] = ids[i] >= 0 ? 1 : 0;
    validity = bitmapFromBytes(bytes);
  }
  return { layout: "primitive", dtype: dtypes.int32, length: ids.length, values: ids, validity };
}

/** The exact `nunique` kernel; also `holisticKernels.nunique`. @example `nuniqueKernel.resultType(dtypes.utf8) // int64` */
export const nuniqueKernel: HolisticKernel = {
  fn: "nunique",
  resultType: () => dtypes.int64,
  whole(input, grouping, where = "nunique") {
    const col = nanAsNull(requireInput("nunique", input, grouping, where));
    const pairs = groupIds([groupColumn(grouping), col], { dropna: true });
    const counts = new Float64Array(grouping.ngroups);
    const ids = grouping.ids;
    for (let p = 0; p < pairs.ngroups; p++) counts[ids[pairs.firstRow[p]]]++;
    return int64Column(counts);
  },
};
