// The native TypeScript Parquet decoder against parquet-wasm (arrow-rs), differentially: files
// written by parquet-wasm with chosen writer options (codec × writer version × dictionary on / off /
// falling back to PLAIN mid-chunk × page size × row-group size × null fraction) and by Dusk's own
// writer are read with DUSK_PARQUET_DECODER=native and =parquet-wasm, and every column must come
// back with the same name, dtype, length, null positions and values (utf8 layouts may differ; a
// column the Arrow hint says is a dictionary is dict-layout from both). Reads the native decoder
// does not support fall back to parquet-wasm under "auto" and are refused under "native"; corrupt
// column data is a PARQUET_ERROR naming the file and the column.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as A from "apache-arrow";
import { dtypeEquals, dtypes, formatDType, isDuskError, type DType } from "@dusk/core";
import { arrayTypeFor, arrowTypeOf, columnFromValues, dictEncode, type Batch, type Column, type Utf8Column } from "@dusk/kernels";
import { Rng, type GeneratedValue } from "@dusk/testing";
import { parquetMetadata, type FileMetaData } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { readParquetMetadata, readParquetRowGroups, writeParquet, type ParquetCompression } from "../../src/index.js";
import { chunkRange } from "../../src/parquet/chunk-range.js";
import { CompactReader, T } from "../../src/parquet/thrift-compact.js";
import { parquetWasm } from "../../src/parquet/wasm.js";
import { allDtypeValues, batchOf, decimalVector, useTempDir, withoutArrowSchema } from "./helpers.js";

const tmp = useTempDir();

// ---------------------------------------------------------------------------------------------
// Reading under a chosen decoder
// ---------------------------------------------------------------------------------------------

type Mode = "native" | "parquet-wasm" | "auto" | "unset";
type Outcome = { ok: true; batch: Batch } | { ok: false; error: unknown };

/** The read's outcome with DUSK_PARQUET_DECODER set to `mode` (unset: removed) for its duration. */
async function readWith(mode: Mode, path: string, rowGroups: readonly number[], columns: readonly string[] | null): Promise<Outcome> {
  const before = process.env.DUSK_PARQUET_DECODER;
  if (mode === "unset") delete process.env.DUSK_PARQUET_DECODER;
  else process.env.DUSK_PARQUET_DECODER = mode;
  try {
    return { ok: true, batch: await readParquetRowGroups(path, rowGroups, columns) };
  } catch (error) {
    return { ok: false, error };
  } finally {
    if (before === undefined) delete process.env.DUSK_PARQUET_DECODER;
    else process.env.DUSK_PARQUET_DECODER = before;
  }
}

function describeError(e: unknown): string {
  if (isDuskError(e)) return `DuskError ${e.code}: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ""}`;
  return String(e);
}

// ---------------------------------------------------------------------------------------------
// Dusk columns as plain JS values, checking the column invariants on the way
// ---------------------------------------------------------------------------------------------

type Val = boolean | number | bigint | string | null;

const utf8 = new TextDecoder();

function isValidAt(validity: Uint8Array | null, i: number): boolean {
  return validity === null || ((validity[i >> 3] >> (i & 7)) & 1) === 1;
}

/** The plain strings of a utf8 column (no nulls expected when `dictionary`). */
function utf8Strings(col: Utf8Column, problems: string[], where: string, dictionary: boolean): Val[] {
  const n = col.length;
  const { offsets, data, validity } = col;
  if (offsets.length < n + 1) {
    problems.push(`${where}: ${n} strings but ${offsets.length} offsets`);
    return [];
  }
  if (validity !== null && validity.byteLength < Math.ceil(n / 8)) problems.push(`${where}: validity of ${validity.byteLength} bytes for ${n} rows`);
  const out: Val[] = new Array<Val>(n);
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    const b = offsets[i + 1];
    if (a < 0 || b < a || b > data.byteLength) {
      problems.push(`${where}: row ${i} has offsets [${a}, ${b}) outside its ${data.byteLength} bytes of data`);
      return [];
    }
    if (!isValidAt(validity, i)) {
      if (dictionary) problems.push(`${where}: dictionary entry ${i} is null`);
      out[i] = null;
    } else out[i] = utf8.decode(data.subarray(a, b));
  }
  return out;
}

/** The values of a column: null for nulls, bigint for 64-bit kinds; broken invariants go to `problems`. */
function jsValues(col: Column, expectedLength: number, problems: string[], where: string): Val[] {
  const n = col.length;
  if (n !== expectedLength) problems.push(`${where}: column length ${n}, batch length ${expectedLength}`);
  const { validity } = col;
  if (validity !== null && validity.byteLength < Math.ceil(n / 8)) {
    problems.push(`${where}: validity of ${validity.byteLength} bytes for ${n} rows`);
    return [];
  }
  const out: Val[] = new Array<Val>(n);
  switch (col.layout) {
    case "bool":
      if (col.dtype.kind !== "bool") problems.push(`${where}: bool layout with dtype ${formatDType(col.dtype)}`);
      if (col.values.length < n) {
        problems.push(`${where}: ${col.values.length} bool values for ${n} rows`);
        return [];
      }
      for (let i = 0; i < n; i++) {
        if (!isValidAt(validity, i)) {
          out[i] = null;
          continue;
        }
        const v = col.values[i];
        if (v !== 0 && v !== 1) problems.push(`${where}: bool row ${i} holds byte ${v} (must be 0 or 1)`);
        out[i] = v !== 0;
      }
      return out;
    case "primitive": {
      const Want = arrayTypeFor(col.dtype);
      if (!(col.values instanceof Want)) problems.push(`${where}: ${formatDType(col.dtype)} values in a ${col.values.constructor.name}, not a ${Want.name}`);
      if (col.values.length !== n) problems.push(`${where}: ${col.values.length} values for ${n} rows (must be exactly the length)`);
      for (let i = 0; i < n; i++) out[i] = isValidAt(validity, i) ? col.values[i] : null;
      return out;
    }
    case "utf8":
      if (col.dtype.kind !== "utf8") problems.push(`${where}: utf8 layout with dtype ${formatDType(col.dtype)}`);
      return utf8Strings(col, problems, where, false);
    case "dict": {
      if (col.dtype.kind !== "utf8") problems.push(`${where}: dict layout with dtype ${formatDType(col.dtype)}`);
      if (col.dictionary.layout !== "utf8") {
        problems.push(`${where}: dictionary of layout ${String((col.dictionary as Column).layout)}`);
        return [];
      }
      const dict = utf8Strings(col.dictionary, problems, `${where} (dictionary)`, true);
      if (col.codes.length < n) {
        problems.push(`${where}: ${col.codes.length} codes for ${n} rows`);
        return [];
      }
      for (let i = 0; i < n; i++) {
        if (!isValidAt(validity, i)) {
          out[i] = null;
          continue;
        }
        const c = col.codes[i];
        if (c < 0 || c >= col.dictionary.length) {
          problems.push(`${where}: row ${i} has code ${c} outside its dictionary of ${col.dictionary.length}`);
          return [];
        }
        out[i] = dict[c];
      }
      return out;
    }
  }
}

function same(a: Val, b: Val): boolean {
  return typeof a === "number" && typeof b === "number" ? Object.is(a, b) : a === b;
}

function show(v: Val | undefined): string {
  if (v === undefined) return "(missing)";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length} chars)` : v);
  if (typeof v === "number" && Object.is(v, -0)) return "-0";
  return String(v);
}

/** A description of the first row where two value lists differ, or null. */
function firstDifference(actual: readonly Val[], expected: readonly Val[]): string | null {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (!same(actual[i], expected[i])) {
      let count = 0;
      for (let j = i; j < n; j++) if (!same(actual[j], expected[j])) count++;
      return `first differing row ${i}: ${show(actual[i])} vs ${show(expected[i])} (${count} rows differ; lengths ${actual.length} vs ${expected.length})`;
    }
  }
  return null;
}

interface CompareOptions {
  /** Columns both readers must return dict-layout (the Arrow hint says dictionary). */
  readonly dictColumns?: ReadonlySet<string>;
}

/** Problems between two batches (names, lengths, dtypes, values, invariants), as text lines. */
function compareBatches(label: string, aName: string, actual: Batch, eName: string, expected: Batch, options: CompareOptions = {}): string[] {
  const problems: string[] = [];
  if (actual.names.join("\u0000") !== expected.names.join("\u0000")) {
    problems.push(`${label}: names ${aName} ${JSON.stringify(actual.names)} vs ${eName} ${JSON.stringify(expected.names)}`);
    return problems;
  }
  if (actual.length !== expected.length) problems.push(`${label}: length ${aName} ${actual.length} vs ${eName} ${expected.length}`);
  if (actual.columns.length !== actual.names.length) problems.push(`${label}: ${aName} has ${actual.columns.length} columns for ${actual.names.length} names`);
  expected.names.forEach((name, k) => {
    const a = actual.columns[k];
    const e = expected.columns[k];
    if (a === undefined || e === undefined) return;
    const where = `${label} column "${name}"`;
    if (!dtypeEquals(a.dtype, e.dtype)) problems.push(`${where}: dtype ${aName} ${formatDType(a.dtype)} vs ${eName} ${formatDType(e.dtype)}`);
    if (options.dictColumns?.has(name) === true) {
      if (a.layout !== "dict") problems.push(`${where}: ${aName} layout ${a.layout}, expected dict (the Arrow hint says dictionary)`);
      if (e.layout !== "dict") problems.push(`${where}: ${eName} layout ${e.layout}, expected dict (the Arrow hint says dictionary)`);
    }
    const av = jsValues(a, actual.length, problems, `${where} [${aName}]`);
    const ev = jsValues(e, expected.length, problems, `${where} [${eName}]`);
    const d = firstDifference(av, ev);
    if (d !== null) problems.push(`${where}: ${aName} vs ${eName}: ${d}`);
  });
  return problems;
}

/** Invariant problems of a batch alone (for reads of corrupt files that still resolve). */
function batchInvariants(label: string, batch: Batch, names: readonly string[], length: number): string[] {
  const problems: string[] = [];
  if (batch.names.join("\u0000") !== names.join("\u0000")) problems.push(`${label}: names ${JSON.stringify(batch.names)}`);
  if (batch.length !== length) problems.push(`${label}: length ${batch.length}, the row group has ${length}`);
  batch.columns.forEach((c, k) => jsValues(c, batch.length, problems, `${label} column "${batch.names[k]}"`));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Arrow tables from plain values
// ---------------------------------------------------------------------------------------------

type Kind =
  | "bool" | "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64"
  | "float32" | "float64" | "date32"
  | "ts_ms" | "ts_ms_paris" | "ts_us" | "ts_us_utc" | "ts_ns" | "ts_ns_paris"
  | "utf8" | "dict"
  // readable by Dusk, maybe not by the native decoder
  | "ts_s" | "large_utf8" | "dict8" | "date64";

const DUSK_DTYPE: Record<Kind, DType> = {
  bool: dtypes.bool,
  int8: dtypes.int8,
  int16: dtypes.int16,
  int32: dtypes.int32,
  int64: dtypes.int64,
  uint8: dtypes.uint8,
  uint16: dtypes.uint16,
  uint32: dtypes.uint32,
  uint64: dtypes.uint64,
  float32: dtypes.float32,
  float64: dtypes.float64,
  date32: dtypes.date32,
  ts_ms: dtypes.timestamp("ms", null),
  ts_ms_paris: dtypes.timestamp("ms", "Europe/Paris"),
  ts_us: dtypes.timestamp("us", null),
  ts_us_utc: dtypes.timestamp("us", "UTC"),
  ts_ns: dtypes.timestamp("ns", null),
  ts_ns_paris: dtypes.timestamp("ns", "Europe/Paris"),
  utf8: dtypes.utf8,
  dict: dtypes.utf8,
  ts_s: dtypes.timestamp("s", null),
  large_utf8: dtypes.utf8,
  dict8: dtypes.utf8,
  date64: dtypes.date32, // Dusk reads an Arrow date64 hint as date32
};

/** The Arrow type a kind is written as: Dusk's own for its dtype, except the Arrow-only kinds. */
function arrowType(kind: Kind): A.DataType {
  switch (kind) {
    case "ts_s": return new A.Timestamp(A.TimeUnit.SECOND, null);
    case "large_utf8": return new A.LargeUtf8();
    case "dict": return new A.Dictionary(new A.Utf8(), new A.Int32());
    case "dict8": return new A.Dictionary(new A.Utf8(), new A.Int8());
    case "date64": return new A.DateMillisecond();
    default: return arrowTypeOf(DUSK_DTYPE[kind]);
  }
}

const isDictKind = (k: Kind): boolean => k === "dict" || k === "dict8";
const isStringKind = (k: Kind): boolean => k === "utf8" || k === "large_utf8" || isDictKind(k);
const isBigKind = (k: Kind): boolean => k === "int64" || k === "uint64" || k === "date64" || k.startsWith("ts_");

/** One column of a generated file. */
interface ColumnSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly nullable: boolean;
  readonly values: readonly Val[];
}

const encoder = new TextEncoder();

function utf8Data(strings: readonly string[]): { offsets: Int32Array; bytes: Uint8Array } {
  const parts = strings.map((s) => encoder.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  parts.forEach((p, i) => {
    offsets[i + 1] = offsets[i] + p.byteLength;
  });
  const bytes = new Uint8Array(offsets[strings.length]);
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  return { offsets, bytes };
}

/** Arrow data of one column, built buffer by buffer. */
function arrowData(spec: ColumnSpec, type: A.DataType): A.Data {
  const { values } = spec;
  const n = values.length;
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  if (!spec.nullable && nullCount > 0) throw new Error(`column ${spec.name} is not nullable but has nulls`);
  const nulls = nullCount > 0 ? { nullCount, nullBitmap: bitmap } : { nullCount: 0 };
  const k = spec.kind;
  if (k === "bool") {
    const bits = new Uint8Array(Math.ceil(n / 8));
    values.forEach((v, i) => {
      if (v === true) bits[i >> 3] |= 1 << (i & 7);
    });
    return A.makeData({ type: type as A.Bool, length: n, ...nulls, data: bits });
  }
  if (isDictKind(k)) {
    const dictType = type as A.Dictionary<A.Utf8, A.Int32>;
    const entries: string[] = [];
    const index = new Map<string, number>();
    const codes = k === "dict8" ? new Int8Array(n) : new Int32Array(n);
    values.forEach((v, i) => {
      if (v === null) return;
      const s = v as string;
      let c = index.get(s);
      if (c === undefined) {
        c = entries.length;
        index.set(s, c);
        entries.push(s);
      }
      codes[i] = c;
    });
    // an unused entry, so that codes do not simply count up from 0
    if (entries.length > 0 && entries.length < 100) entries.push("unused entry");
    const { offsets, bytes } = utf8Data(entries);
    const dictionary = A.makeVector(A.makeData({ type: new A.Utf8(), length: entries.length, nullCount: 0, valueOffsets: offsets, data: bytes }));
    return A.makeData({ type: dictType, length: n, ...nulls, data: codes as Int32Array, dictionary });
  }
  if (isStringKind(k)) {
    const { offsets, bytes } = utf8Data(values.map((v) => (v === null ? "" : (v as string))));
    if (k === "large_utf8") {
      return A.makeData({ type: type as A.LargeUtf8, length: n, ...nulls, valueOffsets: BigInt64Array.from(offsets, (o) => BigInt(o)), data: bytes });
    }
    return A.makeData({ type: type as A.Utf8, length: n, ...nulls, valueOffsets: offsets, data: bytes });
  }
  if (isBigKind(k)) {
    const data = k === "uint64" ? new BigUint64Array(n) : new BigInt64Array(n);
    values.forEach((v, i) => {
      if (v !== null) data[i] = v as bigint;
    });
    return A.makeData({ type: type as A.Int64, length: n, ...nulls, data: data as BigInt64Array });
  }
  const Ctor = arrayTypeFor(DUSK_DTYPE[k] as Parameters<typeof arrayTypeFor>[0]) as new (n: number) => Int32Array;
  const data = new Ctor(n);
  values.forEach((v, i) => {
    if (v !== null) data[i] = v as number;
  });
  return A.makeData({ type: type as A.Int32, length: n, ...nulls, data });
}

/** An Arrow table of the columns (non-nullable fields become REQUIRED Parquet columns). */
function arrowTable(specs: readonly ColumnSpec[]): A.Table {
  const types = specs.map((s) => arrowType(s.kind));
  const fields = specs.map((s, i) => new A.Field(s.name, types[i], s.nullable));
  const schema = new A.Schema(fields);
  const children = specs.map((s, i) => arrowData(s, types[i]));
  const length = specs[0]?.values.length ?? 0;
  return new A.Table([new A.RecordBatch(schema, A.makeData({ type: new A.Struct(fields), length, nullCount: 0, children }))]);
}

interface WriterOptions {
  readonly codec: Codec;
  readonly version?: "V1" | "V2";
  /** "on": default dictionary; "off": no dictionary; "fallback": a tiny dictionary page limit. */
  readonly dictionary?: "on" | "off" | "fallback";
  readonly dictionaryPageLimit?: number;
  readonly pageSize?: number;
  readonly writeBatchSize?: number;
  readonly rowGroupSize?: number;
  /** Encoding when not dictionary-encoded (default: the writer's, DELTA_* for V2). */
  readonly encoding?: "PLAIN" | "DELTA_BINARY_PACKED" | "DELTA_BYTE_ARRAY" | "DELTA_LENGTH_BYTE_ARRAY" | "BYTE_STREAM_SPLIT";
  readonly columnEncodings?: Readonly<Record<string, "PLAIN" | "DELTA_BINARY_PACKED" | "DELTA_BYTE_ARRAY" | "DELTA_LENGTH_BYTE_ARRAY" | "BYTE_STREAM_SPLIT">>;
  readonly columnCodecs?: Readonly<Record<string, Codec>>;
  readonly columnsWithoutDictionary?: readonly string[];
}

type Codec = "UNCOMPRESSED" | "SNAPPY" | "GZIP" | "BROTLI" | "ZSTD" | "LZ4_RAW";

/** Parquet bytes of an Arrow table written by parquet-wasm with the given options. */
function writeArrow(table: A.Table, o: WriterOptions): Uint8Array {
  const pw = parquetWasm();
  let b = new pw.WriterPropertiesBuilder().setCompression(pw.Compression[o.codec]);
  b = b.setWriterVersion(o.version === "V2" ? pw.WriterVersion.V2 : pw.WriterVersion.V1);
  if (o.dictionary === "off") b = b.setDictionaryEnabled(false);
  if (o.dictionary === "fallback") b = b.setDictionaryPageSizeLimit(o.dictionaryPageLimit ?? 256);
  if (o.pageSize !== undefined) b = b.setDataPageSizeLimit(o.pageSize);
  if (o.writeBatchSize !== undefined) b = b.setWriteBatchSize(o.writeBatchSize);
  if (o.rowGroupSize !== undefined) b = b.setMaxRowGroupSize(o.rowGroupSize);
  if (o.encoding !== undefined) b = b.setEncoding(pw.Encoding[o.encoding]);
  for (const [c, e] of Object.entries(o.columnEncodings ?? {})) b = b.setColumnEncoding(c, pw.Encoding[e]);
  for (const [c, z] of Object.entries(o.columnCodecs ?? {})) b = b.setColumnCompression(c, pw.Compression[z]);
  for (const c of o.columnsWithoutDictionary ?? []) b = b.setColumnDictionaryEnabled(c, false);
  return pw.writeParquet(pw.Table.fromIPCStream(A.tableToIPC(table, "stream")), b.build());
}

function footerOf(bytes: Uint8Array): FileMetaData {
  return parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

let fileCounter = 0;
async function saveFile(stem: string, bytes: Uint8Array): Promise<string> {
  const p = join(tmp.dir, `${stem.replace(/[^A-Za-z0-9_.-]+/g, "_")}-${fileCounter++}.parquet`);
  await writeFile(p, bytes);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Generated values
// ---------------------------------------------------------------------------------------------

const INT_RANGE: Partial<Record<Kind, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  date32: [-719162, 2932896],
};

const STRING_EDGES = ["", "日本語", "🙂 emoji", "é", "a\u0000b", "x".repeat(300), "Ünïcödé ✓", " "];
const ALPHABET = ["a", "b", "z", "é", "ß", "日", "本", "🙂", "\u0000", " ", "Q", "0"];

function randomBig(rng: Rng, signed: boolean): bigint {
  const raw = (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
  return signed ? BigInt.asIntN(64, raw) : raw;
}

function randomString(rng: Rng): string {
  const len = rng.chance(0.1) ? 0 : rng.int(1, 14);
  let s = "";
  for (let i = 0; i < len; i++) s += rng.pick(ALPHABET);
  return s;
}

/** One random non-null value of a kind (edge values now and then). */
function randomValue(kind: Kind, rng: Rng): Val {
  const edge = rng.chance(0.04);
  switch (kind) {
    case "bool":
      return rng.chance(0.5);
    case "int64":
    case "ts_ms":
    case "ts_ms_paris":
    case "ts_us":
    case "ts_us_utc":
    case "ts_ns":
    case "ts_ns_paris":
    case "ts_s":
      if (edge) return rng.pick([-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 3n]);
      // timestamps: mostly near the present, so that dictionary pages and deltas look realistic
      if (kind !== "int64" && rng.chance(0.7)) return 1_700_000_000_000n + BigInt(rng.int(-1_000_000, 1_000_000));
      return randomBig(rng, true);
    case "date64":
      return BigInt(rng.int(-719162, 2932896)) * 86_400_000n;
    case "uint64":
      if (edge) return rng.pick([2n ** 64n - 1n, 0n, 2n ** 63n, 2n ** 63n - 1n]);
      return randomBig(rng, false);
    case "float32":
      if (edge) return rng.pick([NaN, -0, 0, Infinity, -Infinity, Math.fround(1e-45), Math.fround(3.4e38), Math.fround(-1.1)]);
      return Math.fround((rng.float() - 0.5) * 10 ** rng.int(-6, 12));
    case "float64":
      if (edge) return rng.pick([NaN, -0, 0, Infinity, -Infinity, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, -Number.MIN_VALUE]);
      return (rng.float() - 0.5) * 10 ** rng.int(-20, 20);
    case "utf8":
    case "large_utf8":
    case "dict":
    case "dict8":
      return edge ? rng.pick(STRING_EDGES) : randomString(rng);
    default: {
      const [lo, hi] = INT_RANGE[kind]!;
      if (edge) return rng.pick([lo, hi, 0]);
      return rng.int(lo, hi);
    }
  }
}

type NullPattern = "none" | "all" | "random" | "runs";

/** Which rows are null: random with probability p, or in runs averaging that fraction. */
function nullMask(rng: Rng, n: number, p: number, pattern: NullPattern): boolean[] {
  if (pattern === "none" || p === 0) return new Array<boolean>(n).fill(false);
  if (pattern === "all" || p === 1) return new Array<boolean>(n).fill(true);
  if (pattern === "random") return Array.from({ length: n }, () => rng.chance(p));
  const out: boolean[] = [];
  let isNull = rng.chance(p);
  while (out.length < n) {
    const mean = (isNull ? p : 1 - p) * 60;
    const len = 1 + Math.floor(-Math.log(1 - rng.float()) * mean);
    for (let i = 0; i < len && out.length < n; i++) out.push(isNull);
    isNull = !isNull;
  }
  return out;
}

/** Values of a column: `cardinality` distinct values at most (0: unbounded), nulls per the mask. */
function columnValues(kind: Kind, rng: Rng, n: number, mask: readonly boolean[], cardinality: number): Val[] {
  const pool = cardinality > 0 ? Array.from({ length: cardinality }, () => randomValue(kind, rng)) : null;
  // long runs of one value now and then (RLE-encoded dictionary indices and booleans)
  const runs = rng.chance(0.3);
  const out: Val[] = new Array<Val>(n);
  let last: Val = null;
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      out[i] = null;
      continue;
    }
    if (runs && last !== null && rng.chance(0.9)) out[i] = last;
    else out[i] = pool !== null ? rng.pick(pool) : randomValue(kind, rng);
    last = out[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The matrix of files
// ---------------------------------------------------------------------------------------------

const MAIN_KINDS: readonly Kind[] = [
  "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64", "date32",
  "ts_ms", "ts_ms_paris", "ts_us", "ts_us_utc", "ts_ns", "ts_ns_paris", "utf8", "dict",
];

/** The columns of a matrix file: every supported kind nullable, several REQUIRED, all-null and no-null ones. */
function matrixColumns(rng: Rng, n: number, nullFraction: number, dictionary: "on" | "off" | "fallback"): ColumnSpec[] {
  const specs: ColumnSpec[] = [];
  for (const kind of MAIN_KINDS) {
    const pattern: NullPattern = rng.pick(["random", "runs"] as const);
    // low cardinality makes dictionaries pay off; a fallback needs enough distinct values to overflow
    const cardinality = kind === "bool" ? 0 : dictionary === "fallback" ? rng.pick([0, 0, 200]) : rng.pick([0, 3, 40, 0]);
    specs.push({ name: kind, kind, nullable: true, values: columnValues(kind, rng, n, nullMask(rng, n, nullFraction, pattern), cardinality) });
  }
  const none = new Array<boolean>(n).fill(false);
  const all = new Array<boolean>(n).fill(true);
  specs.push(
    { name: "req_i64", kind: "int64", nullable: false, values: columnValues("int64", rng, n, none, rng.pick([0, 30])) },
    { name: "req_b", kind: "bool", nullable: false, values: columnValues("bool", rng, n, none, 0) },
    { name: "req_s", kind: "utf8", nullable: false, values: columnValues("utf8", rng, n, none, rng.pick([0, 25])) },
    { name: "req_dict", kind: "dict", nullable: false, values: columnValues("dict", rng, n, none, 7) },
    { name: "req_f32", kind: "float32", nullable: false, values: columnValues("float32", rng, n, none, 0) },
    { name: "req_date", kind: "date32", nullable: false, values: columnValues("date32", rng, n, none, 12) },
    { name: "nonull_i32", kind: "int32", nullable: true, values: columnValues("int32", rng, n, none, 0) },
    { name: "nonull_ts_ns", kind: "ts_ns", nullable: true, values: columnValues("ts_ns", rng, n, none, 0) },
    { name: "allnull_f64", kind: "float64", nullable: true, values: columnValues("float64", rng, n, all, 0) },
    { name: "allnull_s", kind: "utf8", nullable: true, values: columnValues("utf8", rng, n, all, 0) },
    { name: "allnull_dict", kind: "dict", nullable: true, values: columnValues("dict", rng, n, all, 0) },
    { name: "allnull_b", kind: "bool", nullable: true, values: columnValues("bool", rng, n, all, 0) },
    { name: "allnull_u64", kind: "uint64", nullable: true, values: columnValues("uint64", rng, n, all, 0) },
    // mostly empty strings: zero-length values among non-empty ones
    { name: "empty_s", kind: "utf8", nullable: true, values: Array.from({ length: n }, (_, i) => (i % 11 === 5 ? null : i % 3 === 0 ? "e" : "")) },
  );
  return specs;
}

interface MatrixCase {
  readonly label: string;
  readonly index: number;
  readonly codec: "UNCOMPRESSED" | "SNAPPY" | "GZIP" | "BROTLI";
  readonly version: "V1" | "V2";
  readonly dictionary: "on" | "off" | "fallback";
  readonly pageSize: number;
  readonly writeBatchSize: number;
  readonly rowGroupSize: number;
  readonly nullFraction: number;
  readonly rows: number;
}

const PAGE_SIZES = [
  { pageSize: 96, writeBatchSize: 7 },
  { pageSize: 2048, writeBatchSize: 64 },
  { pageSize: 1 << 20, writeBatchSize: 1024 },
] as const;
const ROW_GROUP_SIZES = [1 << 20, 333, 97] as const;
const NULL_FRACTIONS = [0, 0.1, 0.5, 0.97] as const;

const MATRIX: MatrixCase[] = [];
for (const codec of ["UNCOMPRESSED", "SNAPPY", "GZIP", "BROTLI"] as const) {
  for (const version of ["V1", "V2"] as const) {
    for (const dictionary of ["on", "off", "fallback"] as const) {
      const i = MATRIX.length;
      const d = i % 3;
      const g = Math.floor(i / 3);
      // rotations chosen so that every pair of dimensions meets in every combination: each page
      // size and row-group size with each dictionary mode, codec, writer version and each other,
      // each null fraction with each codec, writer version, dictionary mode and page size
      const page = PAGE_SIZES[(d + g) % 3];
      const rowGroupSize = ROW_GROUP_SIZES[(d + 2 * g + Math.floor(g / 3)) % 3];
      const nullFraction = NULL_FRACTIONS[(i * 3 + Math.floor(i / 6)) % 4];
      const rows = 500 + ((i * 137) % 700);
      // the writer checks its dictionary's size after each write batch: several per chunk for a fallback mid-chunk
      const writeBatchSize = dictionary === "fallback" ? Math.min(page.writeBatchSize, 40) : page.writeBatchSize;
      const label = `${codec} ${version} dict=${dictionary} page=${page.pageSize}B/batch=${writeBatchSize} rg=${rowGroupSize} nulls=${nullFraction} rows=${rows}`;
      MATRIX.push({ label, index: i, codec, version, dictionary, pageSize: page.pageSize, writeBatchSize, rowGroupSize, nullFraction, rows });
    }
  }
}

/** Row groups and columns to read from a file: singly, several, out of order, subsets in other orders. */
function selections(rng: Rng, rowGroups: number, names: readonly string[]): { rowGroups: number[]; columns: string[] | null }[] {
  const all = Array.from({ length: rowGroups }, (_, i) => i);
  const last = rowGroups - 1;
  const mid = Math.floor(rowGroups / 2);
  const shuffled = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const subset = (k: number): string[] => shuffled(names).slice(0, k);
  const out: { rowGroups: number[]; columns: string[] | null }[] = [{ rowGroups: all, columns: null }];
  for (const rg of [...new Set([0, mid, last])]) out.push({ rowGroups: [rg], columns: null });
  out.push({ rowGroups: [...all].reverse(), columns: subset(rng.int(3, 10)) });
  out.push({ rowGroups: shuffled(all), columns: shuffled(names) });
  out.push({ rowGroups: [last, 0], columns: subset(1) });
  out.push({ rowGroups: rowGroups > 1 ? [mid, mid] : [0, 0], columns: subset(rng.int(2, 6)) });
  out.push({ rowGroups: [mid], columns: [] });
  return out;
}

/** The source values of a selection: the rows of the given row groups, in that order. */
function expectedBatch(specs: readonly ColumnSpec[], starts: readonly number[], counts: readonly number[], rowGroups: readonly number[], columns: readonly string[] | null, dtypeOf: (s: ColumnSpec) => DType): Batch {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const names = columns ?? specs.map((s) => s.name);
  const cols = names.map((n) => {
    const s = byName.get(n)!;
    const values = rowGroups.flatMap((rg) => s.values.slice(starts[rg], starts[rg] + counts[rg]));
    return valuesColumn(dtypeOf(s), values);
  });
  return { names, columns: cols, length: rowGroups.reduce((a, rg) => a + counts[rg], 0) };
}

/** A Dusk column of plain values (floats kept bit for bit, NaN included). */
function valuesColumn(dtype: DType, values: readonly Val[]): Column {
  return batchOf({ c: values as GeneratedValue[] }, { c: dtype }).columns[0];
}

/** Facts of a file's column chunks from its footer: codecs, page types and data-page encodings. */
function chunkFacts(meta: FileMetaData): { codecs: Set<string>; pageTypes: Set<string>; mixedDictPlain: number; multiPage: number } {
  const codecs = new Set<string>();
  const pageTypes = new Set<string>();
  let mixedDictPlain = 0;
  let multiPage = 0;
  for (const rg of meta.row_groups) {
    for (const c of rg.columns) {
      const md = c.meta_data!;
      codecs.add(md.codec);
      const stats = md.encoding_stats ?? [];
      const data = stats.filter((s) => s.page_type === "DATA_PAGE" || s.page_type === "DATA_PAGE_V2");
      data.forEach((s) => pageTypes.add(s.page_type));
      const encodings = new Set(data.map((s) => s.encoding));
      if ((encodings.has("RLE_DICTIONARY") || encodings.has("PLAIN_DICTIONARY")) && encodings.has("PLAIN")) mixedDictPlain++;
      if (data.reduce((a, s) => a + s.count, 0) > 1) multiPage++;
    }
  }
  return { codecs, pageTypes, mixedDictPlain, multiPage };
}

describe("the comparison itself", () => {
  it("notices NaN against null, -0 against 0, one bigint unit, a changed string, a dtype and a layout", () => {
    const f = (v: Val[]): Batch => ({ names: ["x"], columns: [valuesColumn(dtypes.float64, v)], length: v.length });
    expect(compareBatches("t", "a", f([NaN, -0, 1]), "b", f([NaN, -0, 1]))).toEqual([]);
    expect(compareBatches("t", "a", f([NaN, 0]), "b", f([null, 0]))[0]).toContain("first differing row 0: NaN vs null");
    expect(compareBatches("t", "a", f([1, 0]), "b", f([1, -0]))[0]).toContain("first differing row 1: 0 vs -0");
    const big = (v: Val[], t: DType = dtypes.int64): Batch => ({ names: ["x"], columns: [valuesColumn(t, v)], length: v.length });
    expect(compareBatches("t", "a", big([2n ** 63n - 1n]), "b", big([2n ** 63n - 2n]))[0]).toContain("9223372036854775807n vs 9223372036854775806n");
    expect(compareBatches("t", "a", big([1n]), "b", big([1n], dtypes.timestamp("ms", "UTC")))[0]).toContain("dtype a int64 vs b timestamp[ms, UTC]");
    const plain = valuesColumn(dtypes.utf8, ["é", null, ""]) as Utf8Column;
    const s = (c: Column): Batch => ({ names: ["x"], columns: [c], length: 3 });
    expect(compareBatches("t", "a", s(dictEncode(plain)), "b", s(plain))).toEqual([]);
    expect(compareBatches("t", "a", s(plain), "b", s(valuesColumn(dtypes.utf8, ["e", null, ""])))[0]).toContain('row 0: "é" vs "e"');
    expect(compareBatches("t", "a", s(plain), "b", s(dictEncode(plain)), { dictColumns: new Set(["x"]) })[0]).toContain("a layout utf8, expected dict");
    const bad = { ...dictEncode(plain), codes: Int32Array.of(5, 0, 0) };
    expect(compareBatches("t", "a", s(bad), "b", s(plain)).join()).toContain("code 5 outside its dictionary");
  });
});

describe("native decoder = parquet-wasm over a matrix of writer options", () => {
  it.each(MATRIX)("$label", async (c) => {
    const rng = new Rng(1000 + c.index);
    const specs = matrixColumns(rng, c.rows, c.nullFraction, c.dictionary);
    const table = arrowTable(specs);
    // with dictionaries on, a column or two without one among the others
    const noDictionary = c.dictionary === "on" ? ["int32", "utf8"].slice(0, 1 + (c.index % 2)) : [];
    const bytes = writeArrow(table, {
      codec: c.codec,
      version: c.version,
      dictionary: c.dictionary,
      dictionaryPageLimit: rng.pick([64, 512, 1024]),
      pageSize: c.pageSize,
      writeBatchSize: c.writeBatchSize,
      rowGroupSize: c.rowGroupSize,
      // V2 writes DELTA_* pages when not dictionary-encoded unless told PLAIN (those are covered
      // below, as reads the native decoder may refuse); with dictionaries on, V2 booleans stay RLE
      encoding: c.version === "V2" && c.dictionary !== "on" ? "PLAIN" : undefined,
      columnEncodings: c.version === "V2" ? Object.fromEntries(noDictionary.map((n) => [n, "PLAIN" as const])) : {},
      columnsWithoutDictionary: noDictionary,
    });
    const path = await saveFile(`matrix-${c.index}`, bytes);

    // the file is what the case says it is
    const footer = footerOf(bytes);
    const facts = chunkFacts(footer);
    expect([...facts.codecs]).toEqual([c.codec]);
    expect([...facts.pageTypes]).toEqual([c.version === "V2" ? "DATA_PAGE_V2" : "DATA_PAGE"]);
    if (c.dictionary === "fallback") expect(facts.mixedDictPlain, "chunks whose dictionary falls back to PLAIN").toBeGreaterThan(0);
    if (c.pageSize < 1000) expect(facts.multiPage, "chunks of several data pages").toBeGreaterThan(0);
    const boolEncodings = new Set(footer.row_groups[0].columns[specs.findIndex((s) => s.name === "bool")].meta_data!.encoding_stats!.map((s) => s.encoding));
    expect([...boolEncodings], "encodings of the bool pages").toEqual([c.version === "V2" && c.dictionary === "on" ? "RLE" : "PLAIN"]);
    const counts = footer.row_groups.map((rg) => Number(rg.num_rows));
    const starts = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(c.rows);
    expect(counts.length).toBe(Math.ceil(c.rows / c.rowGroupSize));

    const names = specs.map((s) => s.name);
    const dictColumns = new Set(specs.filter((s) => isDictKind(s.kind)).map((s) => s.name));
    const problems: string[] = [];
    const sels = selections(rng, counts.length, names);
    for (const [k, sel] of sels.entries()) {
      const label = `rowGroups=${JSON.stringify(sel.rowGroups)} columns=${sel.columns === null ? "all" : JSON.stringify(sel.columns)}`;
      const wasm = await readWith("parquet-wasm", path, sel.rowGroups, sel.columns);
      const native = await readWith("native", path, sel.rowGroups, sel.columns);
      if (!wasm.ok) {
        problems.push(`${label}: parquet-wasm failed: ${describeError(wasm.error)}`);
        continue;
      }
      if (!native.ok) {
        problems.push(`${label}: native failed: ${describeError(native.error)}`);
        continue;
      }
      problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns }));
      // the reference itself against the values written (a failure here is the fixture's, not the decoder's)
      const source = expectedBatch(specs, starts, counts, sel.rowGroups, sel.columns, (s) => DUSK_DTYPE[s.kind]);
      problems.push(...compareBatches(label, "parquet-wasm", wasm.batch, "source", source).map((p) => `(fixture) ${p}`));
      if (k < 2) {
        // "auto" picks the native decoder here and gives the same
        const auto = await readWith("auto", path, sel.rowGroups, sel.columns);
        if (!auto.ok) problems.push(`${label}: auto failed: ${describeError(auto.error)}`);
        else problems.push(...compareBatches(label, "auto", auto.batch, "parquet-wasm", wasm.batch, { dictColumns }));
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Dusk's own writer
// ---------------------------------------------------------------------------------------------

describe("native decoder = parquet-wasm on files from writeParquet", () => {
  const values = allDtypeValues(700, 7);
  const plain = columnFromValues(dtypes.utf8, Array.from({ length: 700 }, (_, i) => (i % 13 === 0 ? null : ["日本", "Ünïcödé", "🙂", "", "plain"][(i * 7) % 5]))) as Utf8Column;
  const base = batchOf(values);
  const batch: Batch = { names: [...base.names, "k"], columns: [...base.columns, dictEncode(plain)], length: 700 };
  // seconds timestamps are stored as milliseconds and divided back by the Arrow reader: the native
  // decoder may or may not take them on, so they are read separately
  const seconds = ["ts_s", "ts_s_tz"];
  const strict = batch.names.filter((n) => !seconds.includes(n));

  it.each(["uncompressed", "snappy", "gzip", "brotli"] as const)("every dtype, 3 row groups, under %s", async (compression: ParquetCompression) => {
    const path = join(tmp.dir, `dusk-${compression}.parquet`);
    await writeParquet(batch, path, { compression, rowGroupSize: 256 });
    const problems: string[] = [];
    for (const [rowGroups, columns] of [
      [[0, 1, 2], strict],
      [[2], ["k", "s", "i64", "u64", "ts_ns_tz", "f32", "b"]],
      [[1, 0], ["f64", "d", "k"]],
    ] as const) {
      const label = `rowGroups=${JSON.stringify(rowGroups)} columns=${JSON.stringify(columns)}`;
      const wasm = await readWith("parquet-wasm", path, rowGroups, columns);
      const native = await readWith("native", path, rowGroups, columns);
      if (!wasm.ok || !native.ok) {
        problems.push(`${label}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
        continue;
      }
      problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: new Set(["k"]) }));
    }
    problems.push(...(await supportedOrRefused(`${compression} seconds`, path, [0, 2], ["ts_s", "i32", "ts_s_tz"], false)));
    expect(problems).toEqual([]);
  });

  it("an empty file reads the same", async () => {
    const path = join(tmp.dir, "dusk-empty.parquet");
    const empty = batchOf(Object.fromEntries(Object.entries(values).map(([n, v]) => [n, v.slice(0, 0)])));
    await writeParquet(empty, path, { compression: "snappy" });
    const meta = await readParquetMetadata(path);
    const rgs = meta.rowGroups.map((_, i) => i);
    const wasm = await readWith("parquet-wasm", path, rgs, null);
    const native = await readWith("native", path, rgs, null);
    expect(wasm.ok && native.ok).toBe(true);
    if (wasm.ok && native.ok) expect(compareBatches("empty", "native", native.batch, "parquet-wasm", wasm.batch)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reads the native decoder does not support
// ---------------------------------------------------------------------------------------------

/**
 * Problems of a read the native decoder may not support: "auto" (and the default, unset) must equal
 * parquet-wasm; "native" must either refuse with a "native decoder" UNSUPPORTED_TYPE / PARQUET_ERROR
 * or (unless `mustRefuse`) equal parquet-wasm too.
 */
async function supportedOrRefused(label: string, path: string, rowGroups: readonly number[], columns: readonly string[] | null, mustRefuse: boolean, dictColumns: ReadonlySet<string> = new Set()): Promise<string[]> {
  const problems: string[] = [];
  const wasm = await readWith("parquet-wasm", path, rowGroups, columns);
  if (!wasm.ok) return [`${label}: parquet-wasm failed: ${describeError(wasm.error)}`];
  for (const mode of ["auto", "unset"] as const) {
    const r = await readWith(mode, path, rowGroups, columns);
    if (!r.ok) problems.push(`${label}: ${mode} failed: ${describeError(r.error)}`);
    else problems.push(...compareBatches(`${label} [${mode}]`, mode, r.batch, "parquet-wasm", wasm.batch, { dictColumns }));
  }
  const native = await readWith("native", path, rowGroups, columns);
  if (native.ok) {
    if (mustRefuse) problems.push(`${label}: native read succeeded but must refuse`);
    else problems.push(...compareBatches(`${label} [native]`, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns }));
  } else {
    const e = native.error;
    if (!isDuskError(e) || !["UNSUPPORTED_TYPE", "PARQUET_ERROR"].includes(e.code) || !e.message.includes("native decoder")) {
      problems.push(`${label}: native must refuse with an UNSUPPORTED_TYPE/PARQUET_ERROR naming the "native decoder", got ${describeError(e)}`);
    }
  }
  return problems;
}

describe("reads the native decoder does not support", () => {
  let specs: ColumnSpec[];
  let table: A.Table;
  beforeAll(() => {
    const rng = new Rng(77);
    specs = matrixColumns(rng, 600, 0.2, "on").filter((s) => ["int32", "int64", "utf8", "dict", "float64", "bool", "ts_us_utc", "req_s"].includes(s.name));
    table = arrowTable(specs);
  });
  const dict = new Set(["dict"]);

  it.each(["ZSTD", "LZ4_RAW"] as const)("%s: auto falls back to parquet-wasm, native refuses", async (codec) => {
    const path = await saveFile(`codec-${codec}`, writeArrow(table, { codec, rowGroupSize: 250 }));
    expect([...chunkFacts(footerOf(await readFile(path))).codecs]).toEqual([codec]);
    const problems = [
      ...(await supportedOrRefused(`${codec} all`, path, [0, 1, 2], null, true, dict)),
      ...(await supportedOrRefused(`${codec} subset`, path, [2, 0], ["utf8", "int32"], true, dict)),
    ];
    expect(problems).toEqual([]);
  });

  it("one ZSTD column among SNAPPY ones: refused when selected, native when left out", async () => {
    const path = await saveFile("codec-mixed", writeArrow(table, { codec: "SNAPPY", rowGroupSize: 250, columnCodecs: { int64: "ZSTD" } }));
    const problems = await supportedOrRefused("with the ZSTD column", path, [1], ["utf8", "int64"], true, dict);
    const wasm = await readWith("parquet-wasm", path, [0, 1, 2], ["dict", "utf8", "int32", "float64"]);
    const native = await readWith("native", path, [0, 1, 2], ["dict", "utf8", "int32", "float64"]);
    if (!wasm.ok || !native.ok) problems.push(`without the ZSTD column: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
    else problems.push(...compareBatches("without the ZSTD column", "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: dict }));
    expect(problems).toEqual([]);
  });

  it("V2 pages with the writer's DELTA_* encodings, BYTE_STREAM_SPLIT and DELTA_LENGTH_BYTE_ARRAY: auto equals parquet-wasm", async () => {
    const problems: string[] = [];
    const delta = await saveFile("v2-delta", writeArrow(table, { codec: "SNAPPY", version: "V2", dictionary: "off", rowGroupSize: 250, pageSize: 512, writeBatchSize: 50 }));
    const encodings = new Set(footerOf(await readFile(delta)).row_groups.flatMap((rg) => rg.columns.flatMap((c) => c.meta_data!.encodings)));
    expect(encodings.has("DELTA_BINARY_PACKED") && encodings.has("DELTA_BYTE_ARRAY")).toBe(true);
    problems.push(...(await supportedOrRefused("DELTA_BINARY_PACKED", delta, [0, 2], ["int64", "int32", "ts_us_utc"], false, dict)));
    problems.push(...(await supportedOrRefused("DELTA_BYTE_ARRAY", delta, [1], ["utf8", "dict", "req_s"], false, dict)));
    // a dictionary that falls back to DELTA_* mid-chunk
    const fallback = await saveFile("v2-delta-fallback", writeArrow(table, { codec: "GZIP", version: "V2", dictionary: "fallback", dictionaryPageLimit: 64, rowGroupSize: 600, writeBatchSize: 20 }));
    problems.push(...(await supportedOrRefused("dictionary falling back to DELTA_*", fallback, [0], null, false, dict)));
    const split = await saveFile("byte-stream-split", writeArrow(table, {
      codec: "UNCOMPRESSED",
      dictionary: "off",
      rowGroupSize: 300,
      columnEncodings: { float64: "BYTE_STREAM_SPLIT", utf8: "DELTA_LENGTH_BYTE_ARRAY", req_s: "DELTA_LENGTH_BYTE_ARRAY" },
    }));
    problems.push(...(await supportedOrRefused("BYTE_STREAM_SPLIT", split, [1, 0], ["float64", "int32"], false, dict)));
    problems.push(...(await supportedOrRefused("DELTA_LENGTH_BYTE_ARRAY", split, [0, 1], ["req_s", "utf8"], false, dict)));
    // the PLAIN columns of that file are the native decoder's
    const wasm = await readWith("parquet-wasm", split, [0, 1], ["int64", "bool", "dict"]);
    const native = await readWith("native", split, [0, 1], ["int64", "bool", "dict"]);
    if (!wasm.ok || !native.ok) problems.push(`PLAIN columns next to others: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
    else problems.push(...compareBatches("PLAIN columns next to others", "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: dict }));
    expect(problems).toEqual([]);
  });

  it("seconds timestamps, large_utf8, dictionary<int8, utf8> and date64 columns: auto equals parquet-wasm", async () => {
    const rng = new Rng(5);
    const n = 400;
    const extra: ColumnSpec[] = (["ts_s", "large_utf8", "dict8", "date64"] as const).map((kind) => ({
      name: kind,
      kind,
      nullable: true,
      values: columnValues(kind, rng, n, nullMask(rng, n, 0.2, "random"), kind === "dict8" ? 20 : 0),
    }));
    extra.push({ name: "id", kind: "int32", nullable: false, values: Array.from({ length: n }, (_, i) => i) });
    const path = await saveFile("extra-kinds", writeArrow(arrowTable(extra), { codec: "SNAPPY", rowGroupSize: 150 }));
    const problems: string[] = [];
    for (const col of ["ts_s", "large_utf8", "dict8", "date64"]) {
      problems.push(...(await supportedOrRefused(col, path, [2, 0], [col, "id"], false, col === "dict8" ? new Set(["dict8"]) : new Set())));
    }
    const checked = ["ts_s", "large_utf8", "dict8", "id"];
    const wasm = await readWith("parquet-wasm", path, [0, 1, 2], checked);
    if (wasm.ok) {
      const counts = [150, 150, 100];
      const source = expectedBatch(extra, [0, 150, 300], counts, [0, 1, 2], checked, (s) => DUSK_DTYPE[s.kind]);
      problems.push(...compareBatches("extra kinds", "parquet-wasm", wasm.batch, "source", source).map((p) => `(fixture) ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it("DECIMAL, list and struct columns: every decoder refuses them alike; the flat columns after them read natively", async () => {
    const n = 5;
    const t = new A.Table({
      tags: A.vectorFromArray([[1, 2], [], [3], null, [4, 5, 6]], new A.List(new A.Field("item", new A.Int32(), true))),
      price: decimalVector([1999, -5, 0, 7, 123456]),
      point: A.vectorFromArray([{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }, { x: 7, y: 8 }, { x: 9, y: 10 }], new A.Struct([new A.Field("x", new A.Int32()), new A.Field("y", new A.Int32())])),
      id: A.makeVector(Int32Array.from({ length: n }, (_, i) => i * 10)),
      name: A.vectorFromArray(["a", null, "日本", "", "z"], new A.Utf8()),
      when: A.makeVector(A.makeData({ type: new A.Timestamp(A.TimeUnit.MILLISECOND, "Europe/Paris"), length: n, nullCount: 0, data: BigInt64Array.of(0n, 1n, -1n, 2n ** 62n, -(2n ** 62n)) })),
    });
    const path = await saveFile("nested", writeArrow(t, { codec: "SNAPPY" }));
    const problems: string[] = [];
    for (const columns of [["id", "price"], ["tags"], ["point", "name"], null]) {
      const label = `columns=${JSON.stringify(columns)}`;
      const outcomes: (readonly [Mode, Outcome])[] = [];
      for (const m of ["parquet-wasm", "auto", "native"] as const) outcomes.push([m, await readWith(m, path, [0], columns)]); // one at a time: the mode is process-wide
      const [, wasm] = outcomes[0];
      if (wasm.ok || !isDuskError(wasm.error) || wasm.error.code !== "UNSUPPORTED_TYPE") {
        problems.push(`${label}: parquet-wasm must refuse with UNSUPPORTED_TYPE, got ${wasm.ok ? "a batch" : describeError(wasm.error)}`);
        continue;
      }
      for (const [mode, r] of outcomes.slice(1)) {
        if (r.ok) problems.push(`${label}: ${mode} read succeeded`);
        else if (!isDuskError(r.error) || !["UNSUPPORTED_TYPE", "PARQUET_ERROR"].includes(r.error.code)) problems.push(`${label}: ${mode} refused with ${describeError(r.error)}`);
        else if (mode === "auto" && (r.error.code !== wasm.error.code || r.error.message !== wasm.error.message)) {
          problems.push(`${label}: auto refused differently from parquet-wasm: ${describeError(r.error)} vs ${describeError(wasm.error)}`);
        } else if (mode === "native" && !r.error.message.includes("native decoder") && r.error.message !== wasm.error.message) {
          problems.push(`${label}: native refused with neither parquet-wasm's message nor one naming the native decoder: ${describeError(r.error)}`);
        }
      }
    }
    // the flat columns come after nested ones: their leaf chunks are not numbered like their fields
    for (const columns of [["name", "id"], ["when"], ["id", "when", "name"]]) {
      const label = `flat columns ${JSON.stringify(columns)}`;
      const wasm = await readWith("parquet-wasm", path, [0], columns);
      const native = await readWith("native", path, [0], columns);
      if (!wasm.ok || !native.ok) problems.push(`${label}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
      else problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch));
    }
    expect(problems).toEqual([]);
  });

  it("a file without an Arrow schema hint (types from the Parquet schema alone) reads natively the same", async () => {
    const rng = new Rng(99);
    const all = matrixColumns(rng, 500, 0.3, "on");
    const bytes = withoutArrowSchema(writeArrow(arrowTable(all), { codec: "SNAPPY", rowGroupSize: 200, pageSize: 1024, writeBatchSize: 50 }));
    const path = await saveFile("no-hint", bytes);
    const problems: string[] = [];
    for (const [rowGroups, columns] of [[[0, 1, 2], null], [[2, 1], ["dict", "ts_ns_paris", "uint64", "int8", "req_dict"]]] as const) {
      const label = `rowGroups=${JSON.stringify(rowGroups)} columns=${JSON.stringify(columns)}`;
      const wasm = await readWith("parquet-wasm", path, rowGroups, columns);
      const native = await readWith("native", path, rowGroups, columns);
      if (!wasm.ok || !native.ok) problems.push(`${label}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
      else problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch));
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Corrupt column data
// ---------------------------------------------------------------------------------------------

/** One page of a column chunk: where its header and data lie and where its size fields are. */
interface PageInfo {
  readonly start: number;
  readonly dataStart: number;
  readonly end: number;
  readonly type: number;
  readonly numValues: number;
  /** Byte spans of the uncompressed_page_size (2) and compressed_page_size (3) varints. */
  readonly sizeFields: ReadonlyMap<number, readonly [number, number]>;
  /** Byte span of the values' encoding varint (data, dictionary or v2 data page header). */
  readonly encodingField: readonly [number, number] | null;
  /** DATA_PAGE_V2: the file offset of the is_compressed field's header byte (the value is in its type) and the value. */
  readonly isCompressed: { readonly at: number; readonly value: boolean } | null;
}

/** The pages of the chunk at [start, end) of the file, from their Thrift headers. */
function pagesOf(bytes: Uint8Array, start: number, end: number): PageInfo[] {
  const pages: PageInfo[] = [];
  let at = start;
  while (at < end) {
    const r = new CompactReader(bytes.subarray(at, end));
    const sizeFields = new Map<number, readonly [number, number]>();
    let type = -1;
    let compressed = -1;
    let numValues = -1;
    let encodingField: readonly [number, number] | null = null;
    let isCompressed: { at: number; value: boolean } | null = null;
    for (let f = r.field(); f !== null; f = r.field()) {
      if (f.id === 1 && f.type === T.I32) type = Number(r.int());
      else if ((f.id === 2 || f.id === 3) && f.type === T.I32) {
        const from = r.pos;
        const v = Number(r.int());
        sizeFields.set(f.id, [at + from, at + r.pos]);
        if (f.id === 3) compressed = v;
      } else if ((f.id === 5 || f.id === 8 || f.id === 7) && f.type === T.STRUCT) {
        r.enter();
        const encodingId = f.id === 8 ? 4 : 2;
        for (let g = r.field(); g !== null; g = r.field()) {
          if (g.id === 1 && g.type === T.I32) numValues = Number(r.int());
          else if (g.id === encodingId && g.type === T.I32) {
            const from = r.pos;
            r.int();
            encodingField = [at + from, at + r.pos];
          } else if (f.id === 8 && g.id === 7 && (g.type === T.TRUE || g.type === T.FALSE)) {
            isCompressed = { at: at + r.pos - 1, value: g.type === T.TRUE };
          } else r.skip(g.type);
        }
        r.leave();
      } else r.skip(f.type);
    }
    const dataStart = at + r.pos;
    pages.push({ start: at, dataStart, end: dataStart + compressed, type, numValues, sizeFields, encodingField, isCompressed });
    at = dataStart + compressed;
  }
  if (at !== end) throw new Error(`pages end at ${at}, the chunk at ${end}`);
  return pages;
}

/** File offsets of every column chunk's codec value (ColumnMetaData field 4) in the footer. */
function codecFields(bytes: Uint8Array): number[] {
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.byteLength - 8, true);
  const base = bytes.byteLength - 8 - footerLength;
  const r = new CompactReader(bytes.subarray(base, bytes.byteLength - 8));
  const out: number[] = [];
  const structs = (count: number, each: () => void): void => {
    for (let i = 0; i < count; i++) {
      r.enter();
      each();
      r.leave();
    }
  };
  for (let f = r.field(); f !== null; f = r.field()) {
    if (f.id !== 4 || f.type !== T.LIST) { r.skip(f.type); continue; } // FileMetaData.row_groups
    structs(r.listHeader().size, () => {
      for (let g = r.field(); g !== null; g = r.field()) {
        if (g.id !== 1 || g.type !== T.LIST) { r.skip(g.type); continue; } // RowGroup.columns
        structs(r.listHeader().size, () => {
          for (let h = r.field(); h !== null; h = r.field()) {
            if (h.id !== 3 || h.type !== T.STRUCT) { r.skip(h.type); continue; } // ColumnChunk.meta_data
            r.enter();
            for (let m = r.field(); m !== null; m = r.field()) {
              if (m.id === 4 && m.type === T.I32) { // ColumnMetaData.codec
                out.push(base + r.pos);
                r.int();
              } else r.skip(m.type);
            }
            r.leave();
          }
        });
      }
    });
  }
  return out;
}

const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;

describe("corrupt column data read natively", () => {
  const n = 1200;
  let good: Uint8Array;
  let meta: FileMetaData;
  let names: string[];
  let specs: ColumnSpec[];

  beforeAll(() => {
    const rng = new Rng(4242);
    const mask = (): boolean[] => nullMask(rng, n, 0.15, "random");
    specs = [
      { name: "price_cents", kind: "int64", nullable: true, values: columnValues("int64", rng, n, mask(), 0) },
      { name: "label_text", kind: "utf8", nullable: true, values: columnValues("utf8", rng, n, mask(), 30) },
      { name: "ratio_double", kind: "float64", nullable: true, values: columnValues("float64", rng, n, mask(), 0) },
      { name: "flag_bool", kind: "bool", nullable: true, values: columnValues("bool", rng, n, mask(), 0) },
      { name: "category_dict", kind: "dict", nullable: true, values: columnValues("dict", rng, n, mask(), 9) },
      { name: "level_required", kind: "int32", nullable: false, values: columnValues("int32", rng, n, new Array<boolean>(n).fill(false), 3) },
    ];
    names = specs.map((s) => s.name);
    good = writeArrow(arrowTable(specs), { codec: "SNAPPY", rowGroupSize: 600, pageSize: 2048, writeBatchSize: 100, columnsWithoutDictionary: ["price_cents"] });
    meta = footerOf(good);
  });

  const chunkOf = (rg: number, column: string): { start: number; end: number; pages: PageInfo[] } => {
    const k = names.indexOf(column);
    const { start, end } = chunkRange(meta.row_groups[rg].columns[k].meta_data!);
    return { start, end, pages: pagesOf(good, start, end) };
  };

  /** The native read of row group `rg` of the damaged bytes must be a PARQUET_ERROR naming the file and `column`. */
  async function expectNativeRejects(stem: string, bytes: Uint8Array, rg: number, column: string): Promise<void> {
    const path = await saveFile(stem, bytes);
    await readParquetMetadata(path); // the footer is intact
    const r = await readWith("native", path, [rg], null);
    expect(r.ok, `${stem}: the native read of the damaged row group must fail`).toBe(false);
    if (r.ok) return;
    expect(isDuskError(r.error), describeError(r.error)).toBe(true);
    if (!isDuskError(r.error)) return;
    expect(r.error.code, r.error.message).toBe("PARQUET_ERROR");
    expect(r.error.message).toContain(path);
    expect(r.error.message).toContain(column);
    // "auto" rejects it too (whichever decoder notices)
    const auto = await readWith("auto", path, [rg], null);
    expect(auto.ok, `${stem}: the auto read of the damaged row group must fail`).toBe(false);
    if (!auto.ok) {
      expect(isDuskError(auto.error, "PARQUET_ERROR"), describeError(auto.error)).toBe(true);
      expect((auto.error as Error).message).toContain(path);
    }
    // the other row group is intact and reads the same as with parquet-wasm
    const other = 1 - rg;
    const wasm = await readWith("parquet-wasm", path, [other], null);
    const native = await readWith("native", path, [other], null);
    expect(wasm.ok && native.ok).toBe(true);
    if (wasm.ok && native.ok) expect(compareBatches(`${stem} other row group`, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: new Set(["category_dict"]) })).toEqual([]);
  }

  it("the intact file reads the same natively", async () => {
    const path = await saveFile("corrupt-base", good);
    const wasm = await readWith("parquet-wasm", path, [0, 1], null);
    const native = await readWith("native", path, [0, 1], null);
    expect(wasm.ok && native.ok).toBe(true);
    if (wasm.ok && native.ok) expect(compareBatches("intact", "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: new Set(["category_dict"]) })).toEqual([]);
    // the fixture has what the cases below damage
    expect(chunkOf(1, "label_text").pages[0].type).toBe(DICTIONARY_PAGE);
    expect(chunkOf(1, "price_cents").pages.filter((p) => p.type === DATA_PAGE).length).toBeGreaterThan(1);
  });

  it("a garbage page header", async () => {
    const { start } = chunkOf(1, "ratio_double");
    const bytes = Uint8Array.from(good);
    bytes.fill(0xff, start, start + 12);
    await expectNativeRejects("corrupt-header", bytes, 1, "ratio_double");
  });

  it("a garbage dictionary page header", async () => {
    const { start, pages } = chunkOf(0, "category_dict");
    expect(pages[0].type).toBe(DICTIONARY_PAGE);
    const bytes = Uint8Array.from(good);
    bytes.fill(0xff, start + 2, pages[0].dataStart);
    await expectNativeRejects("corrupt-dict-header", bytes, 0, "category_dict");
  });

  it("a snappy length prefix that disagrees with the page", async () => {
    const page = chunkOf(1, "price_cents").pages.find((p) => p.type === DATA_PAGE)!;
    const bytes = Uint8Array.from(good);
    bytes[page.dataStart] ^= 0x01; // the low bits of the uncompressed length snappy announces
    await expectNativeRejects("corrupt-snappy-length", bytes, 1, "price_cents");
  });

  it("snappy data with a copy reaching before the start of the output", async () => {
    const page = chunkOf(0, "label_text").pages.find((p) => p.type === DATA_PAGE)!;
    const bytes = Uint8Array.from(good);
    // skip the length prefix, then a 2-byte-offset copy of 4 bytes from 60000 bytes back
    let at = page.dataStart;
    while ((bytes[at] & 0x80) !== 0) at++;
    at++;
    bytes.set([0x0e, 0x60, 0xea], at); // tag: copy with 2-byte offset, length 4; offset 60000
    await expectNativeRejects("corrupt-snappy-copy", bytes, 0, "label_text");
  });

  it("a page whose compressed size runs past the end of its chunk (a truncated page)", async () => {
    const { pages } = chunkOf(1, "label_text");
    const last = pages[pages.length - 1];
    const [from, to] = last.sizeFields.get(3)!;
    const bytes = Uint8Array.from(good);
    // the largest value of the same varint length, so nothing else moves
    const width = to - from;
    const max = 2 ** (7 * width - 1) - 1;
    expect(max).toBeGreaterThan(last.end - last.dataStart);
    let z = max * 2;
    for (let i = from; i < to; i++) {
      bytes[i] = (z & 0x7f) | (i < to - 1 ? 0x80 : 0);
      z = Math.floor(z / 128);
    }
    await expectNativeRejects("corrupt-truncated-page", bytes, 1, "label_text");
  });

  it("an uncompressed page size that disagrees with the data (when parquet-wasm notices, so must the native decoder)", async () => {
    const page = chunkOf(0, "flag_bool").pages.find((p) => p.type === DATA_PAGE)!;
    const [from] = page.sizeFields.get(2)!;
    const bytes = Uint8Array.from(good);
    // +8 to the zigzag varint's first byte, kept below the continuation bit
    bytes[from] = (bytes[from] & 0x80) | (((bytes[from] & 0x7f) + 8) & 0x7f);
    const path = await saveFile("corrupt-uncompressed-size", bytes);
    const wasm = await readWith("parquet-wasm", path, [0], null);
    if (!wasm.ok) await expectNativeRejects("corrupt-uncompressed-size-native", bytes, 0, "flag_bool");
  });

  it("an encoding number that is no Parquet encoding at all is corrupt data, not an unsupported encoding", async () => {
    for (const [rg, column, pageType] of [[0, "label_text", DICTIONARY_PAGE], [1, "ratio_double", DATA_PAGE]] as const) {
      const page = chunkOf(rg, column).pages.find((p) => p.type === pageType)!;
      const [from, to] = page.encodingField!;
      expect(to - from).toBe(1);
      const bytes = Uint8Array.from(good);
      bytes[from] = 2 * 50; // zigzag 50: the Parquet encodings are numbered 0 to 9
      await expectNativeRejects(`corrupt-encoding-${column}`, bytes, rg, column);
    }
  });

  it("dictionary indices beyond the dictionary (uncompressed file)", async () => {
    // REQUIRED columns of 3 distinct values: V1 data pages hold the bit width (2) and RLE runs only
    const req = specs.filter((s) => !s.nullable || s.name === "category_dict").map((s) =>
      s.name === "category_dict" ? { ...s, name: "category_required", nullable: false, values: s.values.map((v, i) => v ?? `filler ${i % 3}`) } : s,
    );
    const rng = new Rng(3);
    req.push({ name: "word_required", kind: "utf8", nullable: false, values: Array.from({ length: n }, () => rng.pick(["alpha", "βeta", "ga🙂"])) });
    const bytes0 = writeArrow(arrowTable(req), { codec: "UNCOMPRESSED", rowGroupSize: 600 });
    const meta0 = footerOf(bytes0);
    for (const [k, s] of req.entries()) {
      const { start, end } = chunkRange(meta0.row_groups[0].columns[k].meta_data!);
      const pages = pagesOf(bytes0, start, end);
      expect(pages[0].type).toBe(DICTIONARY_PAGE);
      const dictionarySize = pages[0].numValues;
      const page = pages.find((p) => p.type === DATA_PAGE)!;
      const width = bytes0[page.dataStart];
      expect(dictionarySize).toBeLessThan(2 ** width);
      const bytes = Uint8Array.from(bytes0);
      // one RLE run of every value of the page, all equal to the dictionary's size (one past its end)
      const run = page.numValues * 2;
      bytes.set([width, (run & 0x7f) | 0x80, run >> 7, dictionarySize], page.dataStart);
      const path = await saveFile(`corrupt-index-${s.name}`, bytes);
      const r = await readWith("native", path, [0], [s.name]);
      if (r.ok) {
        const values = r.batch.columns[0].layout === "primitive" ? Array.from(r.batch.columns[0].values.slice(0, 5) as Int32Array) : [];
        const invariants = batchInvariants(`corrupt-index-${s.name}`, r.batch, [s.name], 600);
        expect.fail(`${s.name}: dictionary index ${dictionarySize} of a ${dictionarySize}-entry dictionary was accepted; first values ${JSON.stringify(values)}; ${invariants.join("; ")}`);
      }
      expect(isDuskError(r.error, "PARQUET_ERROR"), describeError(r.error)).toBe(true);
      expect((r.error as Error).message).toContain(path);
      expect((r.error as Error).message).toContain(s.name);
    }
  });

  it("strings that are not UTF-8 (alone, or a character split across two values): refused like parquet-wasm refuses them", async () => {
    // written valid, then marker bytes inside the data pages replaced (same lengths, so the pages stay well formed)
    const words = ["plain", "mark§§ZQ", "x", "mid§§ZQdle", "§§ZQ", "head§§ZS", "§§ZTtail"];
    const t = new A.Table({
      s: A.vectorFromArray(words, new A.Utf8()),
      d: A.vectorFromArray(words, new A.Dictionary(new A.Utf8(), new A.Int32())),
    });
    const enc = (x: string): Uint8Array => new TextEncoder().encode(x);
    const cases: { what: string; patches: [Uint8Array, number[]][] }[] = [
      { what: "a 0xff byte", patches: [[enc("§§ZQ"), [0x41, 0x41, 0x41, 0x41, 0x41, 0xff]]] },
      { what: "a lone lead byte at the end", patches: [[enc("§§ZQ"), [0x41, 0x41, 0x41, 0x41, 0x41, 0xc3]]] },
      { what: "é split across two values", patches: [[enc("§§ZS"), [0x41, 0x41, 0x41, 0x41, 0x41, 0xc3]], [enc("§§ZT"), [0xa9, 0x41, 0x41, 0x41, 0x41, 0x41]]] },
    ];
    const problems: string[] = [];
    for (const { what, patches } of cases) {
      for (const dictionary of ["on", "off"] as const) {
        const file = writeArrow(t, { codec: "UNCOMPRESSED", dictionary });
        const footerStart = file.length - 8 - new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
        let patched = 0;
        for (const [marker, replacement] of patches) {
          for (let i = 0; i + marker.length <= footerStart; i++) {
            if (marker.every((b, k) => file[i + k] === b)) {
              file.set(replacement, i);
              patched++;
            }
          }
        }
        expect(patched).toBeGreaterThan(0);
        const path = await saveFile("bad-utf8", file);
        for (const column of ["s", "d"]) {
          const label = `${what}, dictionary ${dictionary}, column ${column}`;
          const wasm = await readWith("parquet-wasm", path, [0], [column]);
          const native = await readWith("native", path, [0], [column]);
          if (wasm.ok && native.ok) problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch));
          else if (wasm.ok !== native.ok) problems.push(`${label}: parquet-wasm ${wasm.ok ? "reads it" : describeError(wasm.error)}; native ${native.ok ? "reads it" : describeError(native.error)}`);
          else if (!native.ok && (!isDuskError(native.error, "PARQUET_ERROR") || !native.error.message.includes(path) || !native.error.message.includes(`"${column}"`))) {
            problems.push(`${label}: native must give a PARQUET_ERROR naming the file and the column, got ${describeError(native.error)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("random byte damage inside chunks: a PARQUET_ERROR naming file and column, or a well-formed batch, never another error", async () => {
    const rng = new Rng(2024);
    const problems: string[] = [];
    let rejected = 0;
    for (let trial = 0; trial < 40; trial++) {
      const rg = rng.int(0, 1);
      const column = rng.pick(names);
      const { start, end } = chunkOf(rg, column);
      const bytes = Uint8Array.from(good);
      const flips = rng.int(1, 4);
      const at: number[] = [];
      for (let f = 0; f < flips; f++) {
        const p = rng.int(start, end - 1);
        at.push(p);
        bytes[p] ^= rng.int(1, 255);
      }
      const path = await saveFile(`fuzz-${trial}`, bytes);
      const label = `trial ${trial} (row group ${rg}, column "${column}", bytes ${at.join(", ")})`;
      const r = await readWith("native", path, [rg], null);
      if (r.ok) {
        problems.push(...batchInvariants(label, r.batch, names, 600));
        // the untouched columns are untouched
        const wasmGood = await readWith("parquet-wasm", await saveFile(`fuzz-good-${trial}`, good), [rg], names.filter((x) => x !== column));
        const nativeRest = await readWith("native", path, [rg], names.filter((x) => x !== column));
        if (wasmGood.ok && nativeRest.ok) problems.push(...compareBatches(`${label} other columns`, "native", nativeRest.batch, "parquet-wasm", wasmGood.batch));
        continue;
      }
      rejected++;
      const e = r.error;
      // a flipped encoding can turn into a valid one the native decoder does not read: a refusal
      // naming the native decoder is right then (and "auto" hands the row group to parquet-wasm)
      // (an encoding number that is no Parquet encoding at all is checked on its own below)
      const refusal = isDuskError(e, "UNSUPPORTED_TYPE") && e.message.includes("native decoder");
      if (!isDuskError(e, "PARQUET_ERROR") && !refusal) problems.push(`${label}: ${describeError(e)}`);
      else if (!e.message.includes(path) || !e.message.includes(`${column}`)) problems.push(`${label}: the message does not name the file and the column: ${e.message}`);
      const auto = await readWith("auto", path, [rg], null);
      if (auto.ok) problems.push(...batchInvariants(`${label} [auto]`, auto.batch, names, 600));
      else if (!isDuskError(auto.error, "PARQUET_ERROR") || !auto.error.message.includes(path)) problems.push(`${label} [auto]: ${describeError(auto.error)}`);
    }
    expect(problems).toEqual([]);
    expect(rejected).toBeGreaterThan(5);
  });
});

// ---------------------------------------------------------------------------------------------
// Rarer shapes of valid files
// ---------------------------------------------------------------------------------------------

describe("native decoder = parquet-wasm on rarer valid files", () => {
  it("PLAIN_DICTIONARY pages (as older V1 writers mark them) read like RLE_DICTIONARY ones", async () => {
    const rng = new Rng(31);
    const specs = matrixColumns(rng, 900, 0.3, "on");
    const bytes = writeArrow(arrowTable(specs), { codec: "SNAPPY", rowGroupSize: 400, pageSize: 1024, writeBatchSize: 50 });
    const meta = footerOf(bytes);
    let rewritten = 0;
    for (const rg of meta.row_groups) {
      for (const c of rg.columns) {
        const { start, end } = chunkRange(c.meta_data!);
        for (const p of pagesOf(bytes, start, end)) {
          if (p.encodingField === null) continue;
          const [from, to] = p.encodingField;
          expect(to - from).toBe(1);
          // PLAIN dictionary pages (zigzag 0) and RLE_DICTIONARY data pages (zigzag 16) become PLAIN_DICTIONARY (zigzag 4)
          if ((p.type === DICTIONARY_PAGE && bytes[from] === 0) || (p.type === DATA_PAGE && bytes[from] === 16)) {
            bytes[from] = 4;
            rewritten++;
          }
        }
      }
    }
    expect(rewritten).toBeGreaterThan(40);
    const path = await saveFile("plain-dictionary", bytes);
    const dictColumns = new Set(specs.filter((s) => isDictKind(s.kind)).map((s) => s.name));
    const problems: string[] = [];
    for (const rowGroups of [[0, 1, 2], [2, 0]]) {
      const wasm = await readWith("parquet-wasm", path, rowGroups, null);
      const native = await readWith("native", path, rowGroups, null);
      if (!wasm.ok || !native.ok) problems.push(`parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
      else problems.push(...compareBatches(`rowGroups=${JSON.stringify(rowGroups)}`, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns }));
    }
    expect(problems).toEqual([]);
  });

  it("V2 pages stored uncompressed (is_compressed = false) in SNAPPY and GZIP chunks", async () => {
    const rng = new Rng(61);
    const specs = matrixColumns(rng, 700, 0.25, "off");
    const original = writeArrow(arrowTable(specs), { codec: "UNCOMPRESSED", version: "V2", dictionary: "off", encoding: "PLAIN", rowGroupSize: 300, pageSize: 1024, writeBatchSize: 64 });
    const meta = footerOf(original);
    const problems: string[] = [];
    for (const codec of ["SNAPPY", "GZIP"] as const) {
      const bytes = Uint8Array.from(original);
      let pages = 0;
      for (const rg of meta.row_groups) {
        for (const c of rg.columns) {
          const { start, end } = chunkRange(c.meta_data!);
          for (const p of pagesOf(bytes, start, end)) {
            expect(p.type).toBe(3); // DATA_PAGE_V2
            if (p.isCompressed === null) continue; // absent means compressed: leave such a page out of the count
            if (p.isCompressed.value) bytes[p.isCompressed.at] = (bytes[p.isCompressed.at] & 0xf0) | T.FALSE;
            pages++;
          }
        }
      }
      // every page must say it is stored uncompressed, else the file would be invalid under its new codec
      const total = meta.row_groups.reduce((a, rg) => a + rg.columns.reduce((b, c) => b + c.meta_data!.encoding_stats!.reduce((x, s) => x + s.count, 0), 0), 0);
      expect(pages).toBe(total);
      for (const at of codecFields(bytes)) {
        expect(bytes[at]).toBe(0); // UNCOMPRESSED
        bytes[at] = 2 * (codec === "SNAPPY" ? 1 : 2); // zigzag SNAPPY (1) / GZIP (2)
      }
      expect([...chunkFacts(footerOf(bytes)).codecs]).toEqual([codec]);
      const path = await saveFile(`v2-uncompressed-pages-${codec}`, bytes);
      for (const rowGroups of [[0, 1, 2], [1]]) {
        const wasm = await readWith("parquet-wasm", path, rowGroups, null);
        const native = await readWith("native", path, rowGroups, null);
        if (!wasm.ok || !native.ok) problems.push(`${codec}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
        else problems.push(...compareBatches(`${codec} rowGroups=${JSON.stringify(rowGroups)}`, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: new Set(specs.filter((s) => isDictKind(s.kind)).map((s) => s.name)) }));
      }
    }
    expect(problems).toEqual([]);
  });

  it("many tiny row groups, and column names with dots, spaces and non-ASCII letters", async () => {
    const rng = new Rng(12);
    const n = 200;
    const mask = (p: number): boolean[] => nullMask(rng, n, p, "random");
    const specs: ColumnSpec[] = [
      { name: "prix €.total", kind: "dict", nullable: true, values: columnValues("dict", rng, n, mask(0.3), 4) },
      { name: "日本 語", kind: "utf8", nullable: true, values: columnValues("utf8", rng, n, mask(0.5), 0) },
      { name: "a.b", kind: "int64", nullable: true, values: columnValues("int64", rng, n, mask(0.1), 5) },
      { name: "Ünïcödé", kind: "bool", nullable: false, values: columnValues("bool", rng, n, mask(0), 0) },
      { name: "ts utc", kind: "ts_us_utc", nullable: true, values: columnValues("ts_us_utc", rng, n, mask(0.9), 0) },
    ];
    const path = await saveFile("tiny-row-groups", writeArrow(arrowTable(specs), { codec: "BROTLI", rowGroupSize: 3 }));
    const groups = footerOf(await readFile(path)).row_groups.length;
    expect(groups).toBe(67);
    const all = Array.from({ length: groups }, (_, i) => i);
    const problems: string[] = [];
    for (const [rowGroups, columns] of [[all, null], [[...all].reverse(), ["ts utc", "prix €.total"]], [[66, 3, 66, 0], ["a.b", "日本 語", "Ünïcödé"]]] as const) {
      const wasm = await readWith("parquet-wasm", path, rowGroups, columns);
      const native = await readWith("native", path, rowGroups, columns);
      const label = `rowGroups=${rowGroups.length} columns=${JSON.stringify(columns)}`;
      if (!wasm.ok || !native.ok) problems.push(`${label}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
      else problems.push(...compareBatches(label, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns: new Set(["prix €.total"]) }));
    }
    expect(problems).toEqual([]);
  });

  it("dictionaries of 70,000 entries (17-bit indices), pages of 20,000 rows and pages over 1 MB", async () => {
    const n = 140_000;
    const rng = new Rng(8);
    const ids = Array.from({ length: n }, (_, i) => (i * 7919) % 70_000);
    const specs: ColumnSpec[] = [
      { name: "id64", kind: "int64", nullable: true, values: ids.map((v, i) => (i % 97 === 0 ? null : BigInt(v) * 1_000_003n - 2n ** 40n)) },
      { name: "id_text", kind: "utf8", nullable: false, values: ids.map((v) => `id${String(v).padStart(9, "0")}`) },
      { name: "id_dict", kind: "dict", nullable: true, values: ids.map((v, i) => (i % 89 === 0 ? null : `k${v}`)) },
      { name: "flag", kind: "bool", nullable: true, values: ids.map((v, i) => (i % 1001 === 0 ? null : v % 3 === 0)) },
      { name: "x32", kind: "float32", nullable: false, values: ids.map((v) => Math.fround(v / 7)) },
    ];
    const big = await saveFile("big-dictionary", writeArrow(arrowTable(specs), { codec: "SNAPPY", version: "V2", rowGroupSize: 100_000, dictionaryPageLimit: 16 << 20, dictionary: "fallback" }));
    const footer = footerOf(await readFile(big));
    const stats = footer.row_groups[0].columns[0].meta_data!.encoding_stats!;
    expect(stats.filter((s) => s.page_type === "DATA_PAGE_V2").map((s) => s.encoding)).toEqual(["RLE_DICTIONARY"]);
    const long = Array.from({ length: 1200 }, (_, i) => `${i}:` + Array.from({ length: 1500 }, () => rng.pick(ALPHABET)).join(""));
    const wide = await saveFile("big-pages", writeArrow(arrowTable([
      { name: "long_text", kind: "utf8", nullable: true, values: long.map((s, i) => (i % 10 === 3 ? null : s)) },
      { name: "n", kind: "int32", nullable: false, values: long.map((_, i) => i) },
    ]), { codec: "SNAPPY", dictionary: "off" }));
    const problems: string[] = [];
    for (const [path, rowGroups, dictColumns] of [[big, [1, 0], new Set(["id_dict"])], [wide, [0], new Set<string>()]] as const) {
      const wasm = await readWith("parquet-wasm", path, rowGroups, null);
      const native = await readWith("native", path, rowGroups, null);
      if (!wasm.ok || !native.ok) problems.push(`${path}: parquet-wasm ${wasm.ok ? "ok" : describeError(wasm.error)}; native ${native.ok ? "ok" : describeError(native.error)}`);
      else problems.push(...compareBatches(path, "native", native.batch, "parquet-wasm", wasm.batch, { dictColumns }));
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Selection of the decoder
// ---------------------------------------------------------------------------------------------

describe("DUSK_PARQUET_DECODER", () => {
  it("is read at each call: native refuses a ZSTD file, parquet-wasm and auto read it, one after the other", async () => {
    const values = { id: Array.from({ length: 50 }, (_, i) => BigInt(i)), s: Array.from({ length: 50 }, (_, i) => `v${i % 7}`) };
    const path = join(tmp.dir, "switch.parquet");
    await writeParquet(batchOf(values, { id: dtypes.int64, s: dtypes.utf8 }), path, { compression: "zstd" });
    for (const mode of ["native", "parquet-wasm", "native", "auto", "native"] as const) {
      const r = await readWith(mode, path, [0], null);
      if (mode === "native") {
        expect(r.ok, "native must refuse ZSTD").toBe(false);
        if (!r.ok) expect(describeError(r.error)).toMatch(/^DuskError (UNSUPPORTED_TYPE|PARQUET_ERROR): .*native decoder/s);
      } else {
        expect(r.ok, mode).toBe(true);
        if (r.ok) expect(r.batch.length).toBe(50);
      }
    }
  });
});
