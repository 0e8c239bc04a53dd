// Shared fixtures of the Parquet tests: a batch of every dtype with nulls and edge values, batch
// comparison through plain JS values, files written with parquet-wasm straight from Arrow tables
// (for types Dusk itself cannot write), and error capture.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "apache-arrow";
import { dtypes, isDuskError, type DType, type DuskError, type FloatType } from "@dusk/core";
import { columnFromValues, columnToValues, type Batch, type PrimitiveColumn } from "@dusk/kernels";
import { column, type GeneratedValue } from "@dusk/testing";
import { afterAll, beforeAll, expect } from "vitest";
import { parquetWasm } from "../../src/parquet/wasm.js";

/**
 * A temporary directory for a test file's tests: made before them (by a beforeAll registered here,
 * so later beforeAll hooks can use it) and removed after them. Call at the file's top level.
 */
export function useTempDir(): { readonly dir: string } {
  let dir: string | null = null;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "dusk-parquet-")); });
  afterAll(async () => { if (dir !== null) await rm(dir, { recursive: true, force: true }); });
  return {
    get dir(): string {
      if (dir === null) throw new Error("useTempDir: the directory exists only while the file's tests run");
      return dir;
    },
  };
}

/** Every Dusk dtype, by column name. */
export const ALL_DTYPES: Readonly<Record<string, DType>> = {
  b: dtypes.bool,
  i8: dtypes.int8,
  i16: dtypes.int16,
  i32: dtypes.int32,
  i64: dtypes.int64,
  u8: dtypes.uint8,
  u16: dtypes.uint16,
  u32: dtypes.uint32,
  u64: dtypes.uint64,
  f32: dtypes.float32,
  f64: dtypes.float64,
  s: dtypes.utf8,
  d: dtypes.date32,
  ts_s: dtypes.timestamp("s", null),
  ts_ms: dtypes.timestamp("ms", null),
  ts_us: dtypes.timestamp("us", null),
  ts_ns: dtypes.timestamp("ns", null),
  ts_s_tz: dtypes.timestamp("s", "Asia/Tokyo"),
  ts_ms_tz: dtypes.timestamp("ms", "Europe/Paris"),
  ts_us_tz: dtypes.timestamp("us", "UTC"),
  ts_ns_tz: dtypes.timestamp("ns", "America/New_York"),
};

/** Values that must survive exactly, put at the start of each column (then generated values with ~20 % nulls). */
const EDGES: Readonly<Record<string, readonly GeneratedValue[]>> = {
  b: [true, false, null],
  i8: [-128, 127, null],
  i16: [-32768, 32767, null],
  i32: [-2147483648, 2147483647, null],
  i64: [2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, null, -(2n ** 53n) - 3n],
  u8: [0, 255, null],
  u16: [0, 65535, null],
  u32: [0, 4294967295, null],
  u64: [2n ** 64n - 1n, 0n, 2n ** 63n, null],
  f32: [NaN, -0, Infinity, -Infinity, null, Math.fround(1.1)],
  f64: [NaN, -0, Infinity, 5e-324, null, 0.1 + 0.2],
  s: ["", "日本語", "🙂 emoji", "é", null, "a\u0000b", "x".repeat(300)],
  d: [0, -719162, 2932896, null],
  ts_ns: [2n ** 62n + 7n, -(2n ** 62n) - 1n, null],
  ts_ns_tz: [1_700_000_000_123_456_789n, null],
  ts_us: [-62135596800000000n, 253402300799999999n, null],
};

/** Plain values of every dtype: edge values first, then `rows` generated ones. */
export function allDtypeValues(rows: number, seed = 1): Record<string, GeneratedValue[]> {
  const out: Record<string, GeneratedValue[]> = {};
  Object.entries(ALL_DTYPES).forEach(([name, dtype], k) => {
    const edges = EDGES[name] ?? [];
    out[name] = [...edges, ...column(dtype, { length: rows - Math.min(rows, edges.length), nullFraction: 0.2, seed: seed * 100 + k, edges: true })].slice(0, rows);
  });
  return out;
}

/** A batch of the given plain values and dtypes (float NaN stays NaN; only null is null). */
export function batchOf(values: Readonly<Record<string, readonly GeneratedValue[]>>, types: Readonly<Record<string, DType>> = ALL_DTYPES): Batch {
  const names = Object.keys(values);
  const columns = names.map((n) => {
    const t = types[n];
    return t.kind === "float32" || t.kind === "float64" ? floatColumn(t, values[n]) : columnFromValues(t, values[n] as GeneratedValue[], n);
  });
  return { names, columns, length: columns[0]?.length ?? 0 };
}

/** A float column holding exactly these numbers (columnFromValues reads NaN as null, as pandas does). */
function floatColumn(dtype: FloatType, values: readonly GeneratedValue[]): PrimitiveColumn {
  const n = values.length;
  const out = dtype.kind === "float32" ? new Float32Array(n) : new Float64Array(n);
  const validity = new Uint8Array(Math.ceil(n / 8));
  values.forEach((v, i) => {
    if (v === null) return;
    out[i] = v as number;
    validity[i >> 3] |= 1 << (i & 7);
  });
  return { layout: "primitive", dtype, length: n, values: out, validity: values.includes(null) ? validity : null };
}

/** The batch as plain values by column name (names in order). */
export function valuesOf(batch: Batch): { names: readonly string[]; values: Record<string, unknown[]> } {
  const values: Record<string, unknown[]> = {};
  batch.names.forEach((n, i) => {
    values[n] = columnToValues(batch.columns[i]);
  });
  return { names: batch.names, values };
}

/** Asserts two batches hold the same names, dtypes and values (NaN equal to NaN, -0 distinct from 0). */
export function expectSameBatch(actual: Batch, expected: Batch): void {
  expect(actual.names).toEqual(expected.names);
  expect(actual.length).toBe(expected.length);
  expect(actual.columns.map((c) => c.dtype)).toEqual(expected.columns.map((c) => c.dtype));
  const a = valuesOf(actual).values;
  const e = valuesOf(expected).values;
  for (const n of expected.names) expect(a[n], `column ${n}`).toEqual(e[n]);
}

/** Rows [start, end) of plain values. */
export function sliceValues(values: Readonly<Record<string, readonly GeneratedValue[]>>, start: number, end: number): Record<string, GeneratedValue[]> {
  return Object.fromEntries(Object.entries(values).map(([n, v]) => [n, v.slice(start, end)]));
}

/** Parquet bytes of an Arrow table written directly by parquet-wasm (to make files with types Dusk cannot write). */
export async function parquetBytesOfArrow(table: A.Table, rowGroupSize = 1024): Promise<Uint8Array> {
  const pw = parquetWasm();
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(rowGroupSize).build();
  return pw.writeParquet(pw.Table.fromIPCStream(A.tableToIPC(table, "stream")), props);
}

/** A Decimal128(10, 2) column of small values (the low 32-bit word carries the unscaled value). */
export function decimalVector(unscaled: readonly number[]): A.Vector {
  const words = new Uint32Array(unscaled.length * 4);
  unscaled.forEach((v, i) => {
    words[i * 4] = v >>> 0;
    const fill = v < 0 ? 0xffffffff : 0;
    words[i * 4 + 1] = fill;
    words[i * 4 + 2] = fill;
    words[i * 4 + 3] = fill;
  });
  return A.makeVector(A.makeData({ type: new A.Decimal(2, 10, 128), length: unscaled.length, data: words }));
}

/** The DuskError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(p: Promise<unknown>): Promise<DuskError> {
  try {
    await p;
  } catch (e) {
    if (isDuskError(e)) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

/** The DuskError a call throws. */
export function thrown(f: () => unknown): DuskError {
  try {
    f();
  } catch (e) {
    if (isDuskError(e)) return e;
    throw e;
  }
  throw new Error("expected an error");
}

/** The bytes with the footer's "ARROW:schema" key renamed, so readers fall back to the Parquet types. */
export function withoutArrowSchema(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  const key = Buffer.from("ARROW:schema");
  const at = Buffer.from(out.buffer).lastIndexOf(key);
  if (at < 0) throw new Error("no ARROW:schema in the footer");
  out[at + key.length - 1] = "X".charCodeAt(0);
  return out;
}
