/**
 * Set membership with pandas semantics: `isIn(c, values)` is true where the row's value is one of
 * `values`. A null row is true only when `values` holds a null; the result is never null. Float
 * NaN matches a NaN in `values` and 0 matches −0 (pandas' hash-table equality).
 *
 * A handful of values (≤ 8) is scanned linearly per row; more go through the hash interners
 * (Int32Interner for 8–32-bit ints and date32, Int64Interner for 64-bit values and float bit
 * patterns, BytesInterner for strings). A dictionary column is tested once per dictionary entry.
 *
 * @example
 * ```ts
 * const c = columnFromValues(dtypes.utf8, ["a", "b", null]);
 * isIn(c, [{ dtype: dtypes.utf8, value: "a" }]);                                    // [true, false, false]
 * isIn(c, [{ dtype: dtypes.utf8, value: "a" }, { dtype: dtypes.utf8, value: null }]); // [true, false, true]
 * ```
 */
import { DuskError, assertNever, dtypes, formatDType } from "@dusk/core";
import { int64Words, type BoolColumn, type Column, type Scalar, type Utf8Column } from "./column.js";
import { BytesInterner } from "./hash/bytes-interner.js";
import { Int32Interner } from "./hash/int32-interner.js";
import { Int64Interner } from "./hash/int64-interner.js";
import { storageRange, type NumberArray } from "./numeric-view.js";
import { specialize } from "./specialize.js";
import { encodeUtf8 } from "./utf8.js";

/** Up to this many values are scanned linearly instead of hashed. */
const LINEAR_MAX = 8;

function linearNumbers(src: NumberArray, set: Float64Array, m: number, nan: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = src[i];
    let hit = x !== x ? nan : 0;
    for (let k = 0; k < m; k++) if (x === set[k]) { hit = 1; break; }
    out[i] = hit;
  }
}

function hashedInt32(src: NumberArray, set: Int32Interner, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = set.find(src[i] | 0) >= 0 ? 1 : 0;
}

/** Floats hashed by the bit pattern of their float64 value, with −0 → 0 and every NaN → one NaN. */
function hashedFloat(src: NumberArray, set: Int64Interner, nan: number, scratch: Float64Array, bits: Int32Array, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = src[i];
    if (x !== x) { out[i] = nan; continue; }
    scratch[0] = x === 0 ? 0 : x;
    out[i] = set.find(bits[0], bits[1]) >= 0 ? 1 : 0;
  }
}

function linearWords(w: Int32Array, set: Int32Array, m: number, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const lo = w[2 * i], hi = w[2 * i + 1];
    let hit = 0;
    for (let k = 0; k < m; k++) if (set[2 * k] === lo && set[2 * k + 1] === hi) { hit = 1; break; }
    out[i] = hit;
  }
}

function hashedWords(w: Int32Array, set: Int64Interner, out: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = set.find(w[2 * i], w[2 * i + 1]) >= 0 ? 1 : 0;
}

/** Membership of each value of a plain utf8 column (or dictionary) in a set of strings. */
function stringsIn(col: Utf8Column, values: readonly string[], out: Uint8Array): void {
  const { data, offsets } = col;
  const n = col.length;
  if (values.length <= LINEAR_MAX) {
    const enc = values.map(encodeUtf8);
    for (let i = 0; i < n; i++) {
      const s = offsets[i], len = offsets[i + 1] - s;
      let hit = 0;
      for (let k = 0; k < enc.length && hit === 0; k++) {
        const e = enc[k];
        if (e.length !== len) continue;
        let j = 0;
        while (j < len && data[s + j] === e[j]) j++;
        if (j === len) hit = 1;
      }
      out[i] = hit;
    }
    return;
  }
  const set = new BytesInterner(values.length);
  for (const v of values) { const e = encodeUtf8(v); set.intern(e, 0, e.length); }
  for (let i = 0; i < n; i++) out[i] = set.find(data, offsets[i], offsets[i + 1]) >= 0 ? 1 : 0;
}

function numbersIn(src: NumberArray, isFloat: boolean, values: readonly number[], out: Uint8Array, n: number): void {
  let nan = 0;
  const distinct: number[] = [];
  for (const v of values) {
    if (v !== v) nan = 1;
    else if (!distinct.includes(v)) distinct.push(v);
  }
  if (distinct.length <= LINEAR_MAX) {
    const set = Float64Array.from(distinct);
    specialize(linearNumbers, src)(src, set, set.length, nan, out, n);
  } else if (!isFloat) {
    const set = new Int32Interner(distinct.length);
    for (const v of distinct) set.intern(v | 0);
    specialize(hashedInt32, src)(src, set, out, n);
  } else {
    const set = new Int64Interner(distinct.length);
    const scratch = new Float64Array(1);
    const bits = new Int32Array(scratch.buffer);
    for (const v of distinct) { scratch[0] = v === 0 ? 0 : v; set.intern(bits[0], bits[1]); }
    specialize(hashedFloat, src)(src, set, nan, scratch, bits, out, n);
  }
}

function wideIn(values: BigInt64Array | BigUint64Array, unsigned: boolean, set: readonly bigint[], out: Uint8Array): void {
  const [lo, hi] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
  const inRange = set.filter((v) => v >= lo && v <= hi);
  const arr = unsigned ? BigUint64Array.from(inRange) : BigInt64Array.from(inRange);
  const setWords = int64Words(arr);
  const w = int64Words(values);
  if (arr.length <= LINEAR_MAX) linearWords(w, setWords, arr.length, out, values.length);
  else {
    const interner = new Int64Interner(arr.length);
    for (let k = 0; k < arr.length; k++) interner.intern(setWords[2 * k], setWords[2 * k + 1]);
    hashedWords(w, interner, out, values.length);
  }
}

function typed<T>(values: readonly Scalar[], type: string, where: string): T[] {
  const out: T[] = [];
  for (const s of values) {
    if (s.value === null) continue;
    if (typeof s.value !== type) throw new DuskError("TYPE_MISMATCH", `${where}: value ${String(s.value)} (${formatDType(s.dtype)}) is not a ${type}`);
    out.push(s.value as T);
  }
  return out;
}

/**
 * True where the row's value is in `values` (scalars of c's dtype); null rows are true only when
 * `values` contains a null. Never null.
 *
 * @example
 * ```ts
 * isIn(columnFromValues(dtypes.int32, [1, 2, null]), [1, 5].map((value) => ({ dtype: dtypes.int32, value })));
 * // [true, false, false]
 * ```
 */
export function isIn(c: Column, values: readonly Scalar[]): BoolColumn {
  const where = "isIn";
  const n = c.length;
  const out = new Uint8Array(n);
  switch (c.layout) {
    case "bool": {
      const bs = typed<boolean>(values, "boolean", where);
      const t = bs.includes(true) ? 1 : 0, f = bs.includes(false) ? 1 : 0;
      const v = c.values;
      for (let i = 0; i < n; i++) out[i] = v[i] === 0 ? f : t;
      break;
    }
    case "primitive": {
      const v = c.values;
      if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
        const set = values.map((s) => (typeof s.value === "number" && Number.isInteger(s.value) ? { ...s, value: BigInt(s.value) } : s));
        wideIn(v, v instanceof BigUint64Array, typed<bigint>(set, "bigint", where), out);
      } else if (v instanceof Float32Array || v instanceof Float64Array) {
        numbersIn(v, true, typed<number>(values, "number", where), out, n);
      } else {
        // values that the column cannot hold never match (and must not alias through `| 0`)
        const [lo, hi] = storageRange(c.dtype);
        const ints = typed<number>(values, "number", where).filter((x) => Number.isInteger(x) && x >= Number(lo) && x <= Number(hi));
        numbersIn(v, false, ints, out, n);
      }
      break;
    }
    case "utf8":
      stringsIn(c, typed<string>(values, "string", where), out);
      break;
    case "dict": {
      const d = c.dictionary;
      const per = new Uint8Array(d.length);
      stringsIn(d, typed<string>(values, "string", where), per);
      const codes = c.codes;
      for (let i = 0; i < n; i++) out[i] = per[codes[i]];
      break;
    }
    default:
      return assertNever(c);
  }
  const validity = c.validity;
  if (validity !== null) {
    const nullValue = values.some((s) => s.value === null) ? 1 : 0;
    for (let i = 0; i < n; i++) if (((validity[i >> 3] >> (i & 7)) & 1) === 0) out[i] = nullValue;
  }
  return { layout: "bool", dtype: dtypes.bool, length: n, values: out, validity: null };
}
