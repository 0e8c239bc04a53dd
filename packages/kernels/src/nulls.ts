/**
 * Null tests and null filling: `isNull`, `isNotNull` (never null themselves) and `fillNull`.
 *
 * @example
 * ```ts
 * const c = columnFromValues(dtypes.int32, [1, null, 3]);
 * isNull(c);                                       // [false, true, false]
 * fillNull(c, { dtype: dtypes.int32, value: 0 });  // [1, 0, 3]
 * ```
 */
import { DuskError, dtypes, formatDType } from "@dusk/core";
import { allocValues, int64Words, type BoolColumn, type Column, type PrimitiveColumn, type Validity } from "./column.js";
import { fillNullUtf8Column, fillNullUtf8Scalar } from "./fill-null-utf8.js";
import { orValidity, zeroNullSlots } from "./null-slots.js";
import { numberView, wordView, type NumberArray } from "./numeric-view.js";
import { isScalar, type Operand } from "./operand.js";
import { specialize } from "./specialize.js";

function nullBytes(c: Column, valid: number): BoolColumn {
  const n = c.length;
  const out = new Uint8Array(n);
  const v = c.validity;
  if (v === null) out.fill(valid);
  else for (let i = 0; i < n; i++) out[i] = ((v[i >> 3] >> (i & 7)) & 1) === valid ? 1 : 0;
  return { layout: "bool", dtype: dtypes.bool, length: n, values: out, validity: null };
}

/**
 * True where the row is null. Never null.
 *
 * @example
 * ```ts
 * isNull(columnFromValues(dtypes.utf8, ["a", null])); // [false, true]
 * ```
 */
export function isNull(c: Column): BoolColumn {
  return nullBytes(c, 0);
}

/**
 * True where the row is not null. Never null.
 *
 * @example
 * ```ts
 * isNotNull(columnFromValues(dtypes.utf8, ["a", null])); // [true, false]
 * ```
 */
export function isNotNull(c: Column): BoolColumn {
  return nullBytes(c, 1);
}

/** dst[i] = src[i & sm] for every null row i of `validity`. */
function fillLoop(dst: NumberArray, validity: Uint8Array, src: NumberArray, sm: number, n: number): void {
  for (let i = 0; i < n; i++) if (((validity[i >> 3] >> (i & 7)) & 1) === 0) dst[i] = src[i & sm];
}

function fillWordsLoop(dst: Int32Array, validity: Uint8Array, src: Int32Array, sm: number, n: number): void {
  for (let i = 0; i < n; i++) {
    if (((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      const j = 2 * (i & sm);
      dst[2 * i] = src[j];
      dst[2 * i + 1] = src[j + 1];
    }
  }
}

/**
 * `c` with its nulls replaced by `fill`: a scalar (already of c's dtype) or a column of c's dtype
 * (row by row; rows null in both stay null). The result has c's dtype. A dictionary column filled
 * with a string keeps its dictionary, extended by one entry when the string is new.
 *
 * @example
 * ```ts
 * fillNull(names, { dtype: dtypes.utf8, value: "n/a" });
 * fillNull(price, fallbackPrice); // elementwise
 * ```
 */
export function fillNull(c: Column, fill: Operand, where = "fillNull"): Column {
  const cd = c.dtype, fd = fill.dtype;
  if (cd.kind !== fd.kind || (cd.kind === "timestamp" && fd.kind === "timestamp" && cd.unit !== fd.unit)) {
    throw new DuskError("TYPE_MISMATCH", `${where}: fill value of dtype ${formatDType(fill.dtype)} for a column of ${formatDType(c.dtype)}; cast the fill value first`);
  }
  const n = c.length;
  const validity = c.validity;
  if (validity === null) return c;
  const scalar = isScalar(fill);
  if (scalar && fill.value === null) return c;
  if (!scalar && fill.length !== n) {
    throw new DuskError("INTERNAL", `${where}: fill column has ${fill.length} rows, expected ${n}`);
  }
  const outValidity: Validity = scalar ? null : orValidity(validity, (fill as Column).validity, n);
  if (c.layout === "utf8" || c.layout === "dict") {
    if (scalar) {
      if (typeof fill.value !== "string") throw new DuskError("TYPE_MISMATCH", `${where}: expected a string fill value, got ${String(fill.value)}`);
      return fillNullUtf8Scalar(c, fill.value);
    }
    const f = fill as Column;
    if (f.layout !== "utf8" && f.layout !== "dict") throw new DuskError("TYPE_MISMATCH", `${where}: expected a utf8 fill column`);
    return fillNullUtf8Column(c, f, outValidity);
  }
  if (c.layout === "bool") {
    const out = c.values.slice();
    const src = numberView(fill, where, c);
    fillLoop(out, validity, src.values, src.mask, n);
    zeroNullSlots(out, outValidity, n);
    return { layout: "bool", dtype: c.dtype, length: n, values: out, validity: outValidity } satisfies BoolColumn;
  }
  const values = allocValues(c.dtype, n);
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    values.set(c.values as typeof values);
    const src = wordView(fill, where);
    fillWordsLoop(int64Words(values), validity, src.words, src.mask, n);
  } else {
    values.set(c.values as NumberArray);
    const src = numberView(fill, where, c);
    specialize(fillLoop, values, src.values)(values, validity, src.values, src.mask, n);
  }
  zeroNullSlots(values, outValidity, n);
  return { layout: "primitive", dtype: c.dtype, length: n, values, validity: outValidity } satisfies PrimitiveColumn;
}
