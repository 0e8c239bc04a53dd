/**
 * Shared helpers of the CSV writer tests: batches from JS values or typed arrays, reading text
 * back through our reader (exact and fast paths) and through papaparse, and reference texts of
 * values computed independently of the writer (BigInt and Date arithmetic, `String(x)`).
 */
import { dtypes, formatDType, isDuskError, type DType, type DTypeLike, type TimeUnit } from "@dusk/core";
import {
  columnFromValues, columnToValues, type Batch, type Column, type ScalarValue,
} from "@dusk/kernels";
import Papa from "papaparse";
import { expect } from "vitest";
import { setCsvFastPathDisabled } from "../../src/csv/block-parser.js";
import { CsvBlockParser, inferCsvSchema, type CsvOptions } from "../../src/csv/index.js";

export const enc = new TextEncoder();
/** Keeps a leading U+FEFF (TextDecoder drops it by default; so does kernels' utf8Value). */
export const dec = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The values of a column as JS values; strings decoded here, keeping a leading U+FEFF, which
 * kernels' columnToValues drops (its TextDecoder strips a BOM from every value).
 */
export function valuesOf(c: Column): ScalarValue[] {
  if (c.layout !== "utf8" && c.layout !== "dict") return columnToValues(c);
  const out: ScalarValue[] = new Array(c.length);
  const d = c.layout === "dict" ? c.dictionary : c;
  for (let i = 0; i < c.length; i++) {
    if (c.validity !== null && ((c.validity[i >> 3] >> (i & 7)) & 1) === 0) { out[i] = null; continue; }
    const k = c.layout === "dict" ? c.codes[i] : i;
    out[i] = dec.decode(d.data.subarray(d.offsets[k], d.offsets[k + 1]));
  }
  return out;
}

/** A batch from named columns. */
export function batchOf(columns: Readonly<Record<string, Column>>): Batch {
  const names = Object.keys(columns);
  const cols = names.map((n) => columns[n]);
  return { names, columns: cols, length: cols.length === 0 ? 0 : cols[0].length };
}

/** A column of `dtype` from JS values (null for nulls). */
export const col = (dtype: DTypeLike | string, values: readonly unknown[]): Column =>
  columnFromValues(typeof dtype === "string" ? parseLike(dtype) : dtype, values as never);

function parseLike(name: string): DType {
  const m = /^timestamp\[(s|ms|us|ns)(?:, (.+))?\]$/.exec(name);
  if (m) return dtypes.timestamp(m[1] as TimeUnit, m[2] ?? null);
  return (dtypes as unknown as Record<string, DType>)[name];
}

/** A float column straight from values (NaN stays NaN: columnFromValues would make it null), with nulls where `nulls` says. */
export function floatColumn(values: readonly number[], nulls: readonly boolean[] = [], single = false): Column {
  const n = values.length;
  const data = single ? Float32Array.from(values) : Float64Array.from(values);
  let validity: Uint8Array | null = null;
  if (nulls.some((x) => x)) {
    validity = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (!nulls[i]) validity[i >> 3] |= 1 << (i & 7);
  }
  return { layout: "primitive", dtype: single ? dtypes.float32 : dtypes.float64, length: n, values: data, validity };
}

/** A dictionary-encoded utf8 column: row i is dictionary[codes[i]], null where codes[i] < 0. */
export function dictColumn(dictionary: readonly string[], codes: readonly number[]): Column {
  const dict = col("utf8", dictionary);
  if (dict.layout !== "utf8") throw new Error("expected a plain utf8 dictionary");
  const n = codes.length;
  const validity = new Uint8Array((n + 7) >> 3);
  codes.forEach((c, i) => { if (c >= 0) validity[i >> 3] |= 1 << (i & 7); });
  return {
    layout: "dict", dtype: dtypes.utf8, length: n, codes: Int32Array.from(codes, (c) => Math.max(c, 0)),
    dictionary: dict, validity: codes.some((c) => c < 0) ? validity : null,
  };
}

/** Text of bytes (CSV output). */
export const text = (b: Uint8Array): string => dec.decode(b);

/**
 * Reads CSV bytes back with our reader: schema from the whole text with the given dtypes, then the
 * block parser (fast path on or off), the data pushed in chunks of `chunk` bytes (0: at once).
 */
export function readBack(bytes: Uint8Array, options: CsvOptions = {}, fast = true, chunk = 0): Batch {
  const before = setCsvFastPathDisabled(!fast);
  try {
    const schema = inferCsvSchema(bytes, options, "written.csv", { wholeFile: true });
    const p = new CsvBlockParser(schema, options, { file: "written.csv", firstLine: schema.headerLines + 1 });
    const data = bytes.subarray(schema.dataStart);
    if (chunk > 0) for (let i = 0; i < data.length; i += chunk) p.push(data.subarray(i, i + chunk));
    else p.push(data);
    return p.finish();
  } finally {
    setCsvFastPathDisabled(before);
  }
}

/** The reader options naming every column's dtype of a batch. */
export function dtypeOptions(batch: Batch): Record<string, DTypeLike> {
  return Object.fromEntries(batch.names.map((n, k) => [n, batch.columns[k].dtype]));
}

/** Values equal as Object.is (NaN equals NaN, −0 differs from 0, bigints by value); reports the first difference. */
export function expectSameValues(actual: readonly ScalarValue[], expected: readonly ScalarValue[], what: string): void {
  expect(actual.length, `${what}: rows`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect.fail(`${what}, row ${i}: read back ${describe(actual[i])}, wrote ${describe(expected[i])}`);
    }
  }
}

const describe = (v: ScalarValue): string =>
  typeof v === "bigint" ? `${v}n` : typeof v === "number" && Object.is(v, -0) ? "-0" : JSON.stringify(v) ?? String(v);

/** Every column of `back` equals the one of `batch` (same names, dtypes, values). */
export function expectSameBatch(back: Batch, batch: Batch, what: string): void {
  expect(back.names, `${what}: names`).toEqual(batch.names);
  expect(back.length, `${what}: rows`).toBe(batch.length);
  batch.columns.forEach((c, k) => {
    expect(formatDType(back.columns[k].dtype), `${what}: dtype of ${batch.names[k]}`).toBe(formatDType(c.dtype));
    expectSameValues(valuesOf(back.columns[k]), valuesOf(c), `${what}, column ${batch.names[k]}`);
  });
}

/**
 * CSV text parsed by papaparse (a reference tokenizer): rows of field strings. The line break
 * after the last row does not make an extra row.
 */
export function papaRows(csv: string, sep = ",", quoteChar = '"', newline: "\n" | "\r\n" | "\r" = "\n"): string[][] {
  const r = Papa.parse<string[]>(csv, { delimiter: sep, quoteChar, newline, header: false, skipEmptyLines: false });
  expect(r.errors, "papaparse errors").toEqual([]);
  const rows = r.data;
  if (csv.endsWith(newline) && rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === "") rows.pop();
  }
  return rows;
}

/** The DuskError a call throws (fails when it does not throw one). */
export function thrown(f: () => unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    if (isDuskError(e)) return { code: e.code, message: e.message, details: { ...e.details } };
    throw e;
  }
  return expect.fail("expected a DuskError");
}

/** The seeded PRNG the reader's tests use (mulberry32). */
export { rng } from "../csv/helpers.js";

/** A double from 64 random bits: every exponent, subnormals, infinities and NaNs included. */
export function randomDouble(next: () => number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, Math.floor(next() * 2 ** 32));
  v.setUint32(4, Math.floor(next() * 2 ** 32));
  return v.getFloat64(0);
}

/** A float32 from 32 random bits. */
export function randomFloat32(next: () => number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint32(0, Math.floor(next() * 2 ** 32));
  return v.getFloat32(0);
}

// ------------------------------------------------------------------------------------------
// Reference texts, computed without the writer's code

/** A float64 as the writer must write it: String(x), "-0", "inf", "-inf", NaN as `nan`. */
export function floatText(x: number, nan = "NAN"): string {
  if (Number.isNaN(x)) return nan;
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/** Civil date of a day number by BigInt arithmetic (Hinnant's civil_from_days), as `YYYY-MM-DD` with the writer's year form. */
export function dateText(days: bigint | number): string {
  const z = BigInt(days) + 719468n;
  const era = (z >= 0n ? z : z - 146096n) / 146097n;
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  const y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
  const pad = (v: bigint, w: number): string => v.toString().padStart(w, "0");
  const year = y < 0n ? `-${pad(-y, 4)}` : y > 9999n ? `+${y}` : pad(y, 4);
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

const PER_SECOND: Readonly<Record<TimeUnit, bigint>> = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };

/** A timestamp as the writer must write it: date, time, the unit's fraction digits, "+00:00" with a zone. */
export function timestampText(v: bigint, unit: TimeUnit, tz: string | null): string {
  const per = PER_SECOND[unit];
  const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
  const secs = floorDiv(v, per);
  const frac = v - secs * per;
  const days = floorDiv(secs, 86400n);
  const sod = secs - days * 86400n;
  const pad = (x: bigint, w: number): string => x.toString().padStart(w, "0");
  const time = `${pad(sod / 3600n, 2)}:${pad((sod % 3600n) / 60n, 2)}:${pad(sod % 60n, 2)}`;
  const fraction = unit === "s" ? "" : `.${pad(frac, per.toString().length - 1)}`;
  return `${dateText(days)} ${time}${fraction}${tz === null ? "" : "+00:00"}`;
}
