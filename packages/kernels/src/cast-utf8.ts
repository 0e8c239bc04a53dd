/**
 * Casts to and from utf8.
 *
 * To utf8: every value written as format.ts writes it, straight into the bytes of a plain utf8
 * column (bool becomes a two-entry dictionary column, "false" / "true").
 *
 * From utf8: the byte parsers of parse.ts and parse-temporal.ts, in place, with no string per row:
 * integers (strict, range-checked), floats (`inf`, `nan` accepted), bool (`true` / `false` in any
 * case, `1` / `0`), date32 (`YYYY-MM-DD`) and timestamps (ISO 8601). A dictionary column parses
 * each dictionary entry once and gathers by code; an entry that fails is an error only if a
 * non-null row uses it.
 *
 * @example
 * ```ts
 * castToUtf8(columnFromValues(dtypes.float64, [1, 0.1]), "cast");         // ["1.0", "0.1"]
 * castFromUtf8(columnFromValues(dtypes.utf8, [" 42 "]) as Utf8Column, dtypes.int8, "cast"); // [42]
 * ```
 */
import { DuskError, assertNever, dtypes, formatDType, type DType } from "@dusk/core";
import {
  allocValues, int64Words,
  type Column, type DictColumn, type PrimitiveColumn, type PrimitiveDType, type Utf8Column, type Validity,
} from "./column.js";
import { castError } from "./cast-error.js";
import { MAX_TEXT_BYTES, formatFloat32, formatFloat64, writeAscii, writeDateAscii, writeInt64Ascii, writeTimestampAscii } from "./format.js";
import { nullColumn } from "./build.js";
import { zeroNullSlots } from "./null-slots.js";
import { storageRange, type NumberArray } from "./numeric-view.js";
import { isNanLiteral, parseFloatBytes, parseInt64Bytes, parseIntBytes, parseUint64Bytes, isAsciiSpace } from "./parse.js";
import { parseDateBytes, parseTimestampBytes } from "./parse-temporal.js";
import { specialize } from "./specialize.js";
import { take } from "./take.js";
import { utf8FromStrings, utf8Value } from "./utf8.js";
import { isValid } from "./validity.js";

// ---------------------------------------------------------------------------------------------
// to utf8

/** Writes 8–32-bit integers (or date32 raw days) in decimal; returns the bytes used. */
function intsToAscii(src: NumberArray, validity: Validity, data: Uint8Array, offsets: Int32Array, n: number): number {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) {
      let v = src[i];
      if (v < 0) { data[pos++] = 45; v = -v; }
      let len = 1;
      for (let t = v; t >= 10; t = (t / 10) >>> 0) len++;
      let p = pos + len;
      for (let k = 0; k < len; k++) {
        const q = (v / 10) >>> 0;
        data[--p] = 48 + (v - q * 10);
        v = q;
      }
      pos += len;
    }
    offsets[i + 1] = pos;
  }
  return pos;
}

function plain(n: number, offsets: Int32Array, data: Uint8Array, used: number, validity: Validity): Utf8Column {
  return { layout: "utf8", dtype: dtypes.utf8, length: n, offsets, data: data.slice(0, used), validity };
}

/** Any column as utf8 text. */
export function castToUtf8(c: Column): Column {
  const n = c.length;
  const validity = c.validity;
  const offsets = new Int32Array(n + 1);
  switch (c.layout) {
    case "utf8": case "dict": return c;
    case "bool": {
      const codes = new Int32Array(n);
      codes.set(c.values);
      zeroNullSlots(codes, validity, n);
      const dictionary = utf8FromStrings(["false", "true"]);
      return { layout: "dict", dtype: dtypes.utf8, length: n, codes, dictionary, validity } satisfies DictColumn;
    }
    case "primitive": {
      const d = c.dtype;
      const v = c.values;
      switch (d.kind) {
        case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": {
          const data = new Uint8Array(n * 11);
          const used = specialize(intsToAscii, v)(v as NumberArray, validity, data, offsets, n);
          return plain(n, offsets, data, used, validity);
        }
        case "int64": case "uint64": {
          const data = new Uint8Array(n * MAX_TEXT_BYTES.int);
          const w = int64Words(v as BigInt64Array);
          const unsigned = d.kind === "uint64";
          let pos = 0;
          for (let i = 0; i < n; i++) {
            if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) pos = writeInt64Ascii(data, pos, w[2 * i], w[2 * i + 1], unsigned);
            offsets[i + 1] = pos;
          }
          return plain(n, offsets, data, pos, validity);
        }
        case "float32": case "float64": {
          const data = new Uint8Array(n * MAX_TEXT_BYTES.float);
          const f = v as Float32Array | Float64Array;
          const format = d.kind === "float32" ? formatFloat32 : formatFloat64;
          let pos = 0;
          for (let i = 0; i < n; i++) {
            if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) pos = writeAscii(data, pos, format(f[i]));
            offsets[i + 1] = pos;
          }
          return plain(n, offsets, data, pos, validity);
        }
        case "date32": {
          const data = new Uint8Array(n * MAX_TEXT_BYTES.date);
          const days = v as Int32Array;
          let pos = 0;
          for (let i = 0; i < n; i++) {
            if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) pos = writeDateAscii(data, pos, days[i]);
            offsets[i + 1] = pos;
          }
          return plain(n, offsets, data, pos, validity);
        }
        case "timestamp": {
          const data = new Uint8Array(n * MAX_TEXT_BYTES.timestamp);
          const w = int64Words(v as BigInt64Array);
          const utc = d.tz !== null;
          let pos = 0;
          for (let i = 0; i < n; i++) {
            if (validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1) pos = writeTimestampAscii(data, pos, w[2 * i], w[2 * i + 1], d.unit, utc);
            offsets[i + 1] = pos;
          }
          return plain(n, offsets, data, pos, validity);
        }
        default:
          return assertNever(d);
      }
    }
    default:
      return assertNever(c);
  }
}

// ---------------------------------------------------------------------------------------------
// from utf8

/** 1 / 0 for true / false (any case) or 1 / 0; −1 otherwise. */
function parseBoolBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isAsciiSpace(bytes[start])) start++;
  while (end > start && isAsciiSpace(bytes[end - 1])) end--;
  const len = end - start;
  if (len === 1) return bytes[start] === 49 ? 1 : bytes[start] === 48 ? 0 : -1;
  const word = len === 4 ? "true" : len === 5 ? "false" : "";
  if (word === "") return -1;
  for (let k = 0; k < len; k++) if ((bytes[start + k] | 0x20) !== word.charCodeAt(k)) return -1;
  return len === 4 ? 1 : 0;
}

/**
 * Parses rows [from, n) of (data, offsets) into `values` (a primitive array of `to`, or bool bytes);
 * returns the first row that fails, or −1. Dispatches once on the target.
 */
function parseRows(data: Uint8Array, offsets: Int32Array, to: DType, values: NumberArray | BigInt64Array | BigUint64Array, from: number, n: number): number {
  switch (to.kind) {
    case "bool": {
      const out = values as Uint8Array;
      for (let i = from; i < n; i++) {
        const b = parseBoolBytes(data, offsets[i], offsets[i + 1]);
        if (b < 0) return i;
        out[i] = b;
      }
      return -1;
    }
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32": {
      const [blo, bhi] = storageRange(to);
      const lo = Number(blo), hi = Number(bhi);
      const out = values as NumberArray;
      for (let i = from; i < n; i++) {
        const x = parseIntBytes(data, offsets[i], offsets[i + 1]);
        if (!(x >= lo && x <= hi)) return i;
        out[i] = x;
      }
      return -1;
    }
    case "int64": case "uint64": {
      const w = int64Words(values as BigInt64Array);
      const parse = to.kind === "int64" ? parseInt64Bytes : parseUint64Bytes;
      for (let i = from; i < n; i++) if (!parse(data, offsets[i], offsets[i + 1], w, i)) return i;
      return -1;
    }
    case "float32": case "float64": {
      const out = values as Float32Array | Float64Array;
      for (let i = from; i < n; i++) {
        const x = parseFloatBytes(data, offsets[i], offsets[i + 1]);
        if (x !== x && !isNanLiteral(data, offsets[i], offsets[i + 1])) return i;
        out[i] = x;
      }
      return -1;
    }
    case "date32": {
      const out = values as Int32Array;
      for (let i = from; i < n; i++) {
        const d = parseDateBytes(data, offsets[i], offsets[i + 1]);
        if (!(d >= -2147483648 && d <= 2147483647)) return i;
        out[i] = d;
      }
      return -1;
    }
    case "timestamp": {
      const w = int64Words(values as BigInt64Array);
      for (let i = from; i < n; i++) if (!parseTimestampBytes(data, offsets[i], offsets[i + 1], to.unit, w, i)) return i;
      return -1;
    }
    case "utf8":
      throw new DuskError("INTERNAL", "parseRows: utf8");
  }
}

function whyNot(to: DType): string {
  switch (to.kind) {
    case "bool": return "not true, false, 1 or 0";
    case "float32": case "float64": return "not a number";
    case "date32": return "not a valid YYYY-MM-DD date";
    case "timestamp": return `not an ISO 8601 date-time that fits ${formatDType(to)}`;
    default: {
      const [lo, hi] = storageRange(to);
      return `not an integer in ${lo}..${hi}`;
    }
  }
}

function allocFor(to: DType, n: number): NumberArray | BigInt64Array | BigUint64Array {
  return to.kind === "bool" ? new Uint8Array(n) : allocValues(to as PrimitiveDType, n);
}

function build(to: DType, n: number, values: NumberArray | BigInt64Array | BigUint64Array, validity: Validity): Column {
  zeroNullSlots(values, validity, n);
  if (to.kind === "bool") return { layout: "bool", dtype: dtypes.bool, length: n, values: values as Uint8Array, validity };
  return { layout: "primitive", dtype: to as PrimitiveDType, length: n, values, validity } satisfies PrimitiveColumn;
}

/** A utf8 column (plain or dictionary) parsed as `to`. */
export function castFromUtf8(c: Utf8Column | DictColumn, to: DType, where: string): Column {
  const n = c.length;
  const validity = c.validity;
  if (n === 0) return nullColumn(to, 0);
  if (c.layout === "utf8") {
    const values = allocFor(to, n);
    for (let from = 0; from < n;) {
      const i = parseRows(c.data, c.offsets, to, values, from, n);
      if (i < 0) break;
      if (isValid(validity, i)) throw castError(where, i, JSON.stringify(utf8Value(c, i)), c.dtype, to, whyNot(to));
      from = i + 1;
    }
    return build(to, n, values, validity);
  }
  const d = c.dictionary;
  const values = allocFor(to, d.length);
  const bad = new Uint8Array(d.length);
  for (let from = 0; from < d.length;) {
    const k = parseRows(d.data, d.offsets, to, values, from, d.length);
    if (k < 0) break;
    bad[k] = 1;
    from = k + 1;
  }
  const parsed = build(to, d.length, values, null);
  const indices = new Int32Array(n);
  const codes = c.codes;
  for (let i = 0; i < n; i++) {
    if (!isValid(validity, i)) { indices[i] = -1; continue; }
    const k = codes[i];
    if (bad[k] === 1) throw castError(where, i, JSON.stringify(utf8Value(d, k)), c.dtype, to, whyNot(to));
    indices[i] = k;
  }
  return take(parsed, indices);
}
