// readParquetMetadata / readParquetMetadataSync on real files: schema dtypes (with and without the
// footer's Arrow schema), statistics decoded per dtype, nulls-only row groups, and the footer cache.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as A from "apache-arrow";
import { dtypes } from "@dusk/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  LocalFileSystem,
  clearParquetMetadataCache,
  readParquetMetadata,
  readParquetMetadataMany,
  readParquetMetadataSync,
  readParquetRowGroups,
  writeParquet,
  type ParquetMetadata,
} from "../../src/index.js";
import { ALL_DTYPES, batchOf, parquetBytesOfArrow, rejection, useTempDir, thrown, withoutArrowSchema } from "./helpers.js";

const tmp = useTempDir();

// Row group 0: known values; row group 1: nulls only.
const ROWS: Record<string, unknown[]> = {
  b: [true, true, null, true],
  i8: [-3, 7, null, 1],
  i32: [5, -2147483648, null, 3],
  i64: [2n ** 53n + 1n, -5n, null, 7n],
  u32: [4294967295, 1, null, 2],
  u64: [2n ** 64n - 1n, 1n, null, 2n ** 63n],
  f32: [NaN, 1.5, -2.25, null],
  f64: [NaN, 0.5, -1e300, null],
  s: ["b", "\u{1F642}", "\uFFFD", null],
  d: [10, 20, null, -5],
  ts_s: [1_700_000_000n, 1_600_000_000n, null, 1_650_000_000n],
  ts_ms_tz: [1_700_000_000_123n, -1n, null, 0n],
  ts_ns_tz: [2n ** 62n, 5n, null, -(2n ** 62n)],
};
const TYPES = {
  b: dtypes.bool, i8: dtypes.int8, i32: dtypes.int32, i64: dtypes.int64, u32: dtypes.uint32, u64: dtypes.uint64,
  f32: dtypes.float32, f64: dtypes.float64, s: dtypes.utf8, d: dtypes.date32,
  ts_s: ALL_DTYPES.ts_s, ts_ms_tz: ALL_DTYPES.ts_ms_tz, ts_ns_tz: ALL_DTYPES.ts_ns_tz,
};
const withNullGroup = Object.fromEntries(Object.entries(ROWS).map(([n, v]) => [n, [...v, null, null, null, null]]));

describe("readParquetMetadata", () => {
  let path: string;
  let meta: ParquetMetadata;
  beforeAll(async () => {
    path = join(tmp.dir, "stats.parquet");
    await writeParquet(batchOf(withNullGroup as never, TYPES), path, { compression: "zstd", rowGroupSize: 4 });
    meta = await readParquetMetadata(path);
  });

  it("describes the file: path, size, version, rows, schema", async () => {
    const info = await new LocalFileSystem().info(path);
    expect(meta.path).toBe(info.path);
    expect(meta.size).toBe(info.size);
    expect(meta.version).toBe(info.version);
    expect(meta.numRows).toBe(8);
    expect(meta.rowGroups.map((rg) => rg.numRows)).toEqual([4, 4]);
    expect(meta.schema.names).toEqual(Object.keys(TYPES));
    expect(meta.schema.dtypes).toEqual(Object.values(TYPES));
    expect(meta.footerLength).toBeGreaterThan(100);
    expect(meta.createdBy).toMatch(/parquet/);
    for (const rg of meta.rowGroups) {
      expect(rg.compressedSize).toBeGreaterThan(0);
      expect(rg.totalByteSize).toBeGreaterThan(0);
    }
  });

  it("decodes statistics into Dusk scalar values of each dtype", () => {
    const c = meta.rowGroups[0].columns;
    expect(c.b).toEqual({ min: true, max: true, nullCount: 1, exact: true });
    expect(c.i8).toEqual({ min: -3, max: 7, nullCount: 1, exact: true });
    expect(c.i32).toEqual({ min: -2147483648, max: 5, nullCount: 1, exact: true });
    expect(c.i64).toEqual({ min: -5n, max: 2n ** 53n + 1n, nullCount: 1, exact: true });
    expect(c.u32).toEqual({ min: 1, max: 4294967295, nullCount: 1, exact: true });
    expect(c.u64).toEqual({ min: 1n, max: 2n ** 64n - 1n, nullCount: 1, exact: true });
    // NaN is left out of float statistics by the writer
    expect(c.f32).toEqual({ min: -2.25, max: 1.5, nullCount: 1, exact: true });
    expect(c.f64).toEqual({ min: -1e300, max: 0.5, nullCount: 1, exact: true });
    // UTF-8 byte order: U+1F642 sorts above U+FFFD (JavaScript's UTF-16 order says the opposite)
    expect(c.s).toEqual({ min: "b", max: "\u{1F642}", nullCount: 1, exact: true });
    expect(c.d).toEqual({ min: -5, max: 20, nullCount: 1, exact: true });
    // timestamps: bigint counts of the column's own unit
    expect(c.ts_s).toEqual({ min: 1_600_000_000n, max: 1_700_000_000n, nullCount: 1, exact: true });
    expect(c.ts_ms_tz).toEqual({ min: -1n, max: 1_700_000_000_123n, nullCount: 1, exact: true });
    expect(c.ts_ns_tz).toEqual({ min: -(2n ** 62n), max: 2n ** 62n, nullCount: 1, exact: true });
  });

  it("gives nulls-only row groups no bounds and a full null count", () => {
    for (const name of Object.keys(TYPES)) {
      expect(meta.rowGroups[1].columns[name], name).toEqual({ min: null, max: null, nullCount: 4, exact: false });
    }
  });

  it("keeps truncated string statistics as bounds, marked inexact", async () => {
    const p = join(tmp.dir, "long-strings.parquet");
    const long = ["a".repeat(100) + "b", "a".repeat(100) + "c", "é".repeat(70)];
    await writeParquet(batchOf({ s: long }, { s: dtypes.utf8 }), p);
    const s = (await readParquetMetadata(p)).rowGroups[0].columns.s!;
    expect(s.exact).toBe(false);
    expect(typeof s.min === "string" && typeof s.max === "string").toBe(true);
    const utf8 = (x: unknown): Buffer => Buffer.from(x as string);
    expect(utf8(s.min).byteLength).toBeLessThan(100); // truncated by the writer
    for (const v of long) {
      expect(Buffer.compare(utf8(s.min), utf8(v))).toBeLessThanOrEqual(0);
      expect(Buffer.compare(utf8(s.max), utf8(v))).toBeGreaterThanOrEqual(0);
    }
  });

  it("is plain data: it survives a structured clone unchanged", () => {
    expect(structuredClone(meta)).toEqual(meta);
    expect(Object.isFrozen(meta.rowGroups[0].columns.i64)).toBe(true);
  });

  it("reads the dtypes from the Parquet types when the footer has no Arrow schema, as the reader does", async () => {
    const p = join(tmp.dir, "no-arrow-schema.parquet");
    const table = new A.Table({
      ts_s: A.makeVector({ type: new A.TimestampSecond(), data: BigInt64Array.of(1n, 2n) } as never),
      ts_ns_tz: A.makeVector({ type: new A.TimestampNanosecond("Europe/Paris"), data: BigInt64Array.of(3n, 4n) } as never),
      ts_ms: A.makeVector({ type: new A.TimestampMillisecond(), data: BigInt64Array.of(5n, 6n) } as never),
      k: A.vectorFromArray(["x", "y"], new A.Dictionary(new A.Utf8(), new A.Int32())),
      u16: A.makeVector(Uint16Array.of(1, 65535)),
    });
    await writeFile(p, withoutArrowSchema(await parquetBytesOfArrow(table)));
    const m = await readParquetMetadata(p);
    expect(m.schema.dtypes).toEqual([dtypes.int64, dtypes.timestamp("ns", "UTC"), dtypes.timestamp("ms", null), dtypes.utf8, dtypes.uint16]);
    expect(m.rowGroups[0].columns.ts_ns_tz).toEqual({ min: 3n, max: 4n, nullCount: 0, exact: true });
    const back = await readParquetRowGroups(p, [0], null);
    expect(back.columns.map((c) => c.dtype)).toEqual(m.schema.dtypes);
  });
});

describe("the footer cache", () => {
  it("answers a second read of the same file version from memory, and rereads a changed file", async () => {
    const p = join(tmp.dir, "cached.parquet");
    await writeParquet(batchOf({ a: [1, 2, 3] }, { a: dtypes.int32 }), p);
    const first = await readParquetMetadata(p);
    const again = await readParquetMetadata(p);
    expect(again).toBe(first);
    await writeParquet(batchOf({ a: [1, 2, 3, 4, 5, 6, 7] }, { a: dtypes.int32 }), p);
    const changed = await readParquetMetadata(p);
    expect(changed).not.toBe(first);
    expect(changed.numRows).toBe(7);
    clearParquetMetadataCache();
    const cleared = await readParquetMetadata(p);
    expect(cleared).not.toBe(changed);
    expect(cleared).toEqual(changed);
  });
});

describe("readParquetMetadataMany / readParquetMetadataSync", () => {
  let paths: string[];
  beforeAll(async () => {
    paths = [];
    for (let i = 0; i < 5; i++) {
      const p = join(tmp.dir, `many-${i}.parquet`);
      await writeParquet(batchOf({ a: Array.from({ length: i + 1 }, (_, k) => k) }, { a: dtypes.int64 }), p);
      paths.push(p);
    }
  });

  it("reads many footers in the order given", async () => {
    const metas = await readParquetMetadataMany(paths, undefined, 2);
    expect(metas.map((m) => m.numRows)).toEqual([1, 2, 3, 4, 5]);
  });

  it("throws the error of the first failing file in that order", async () => {
    const bad = join(tmp.dir, "not-parquet.txt");
    await writeFile(bad, "hello, this is text and not a Parquet file at all");
    const e = await rejection(readParquetMetadataMany([paths[0], join(tmp.dir, "missing.parquet"), bad], undefined, 3));
    expect(e.code).toBe("NOT_FOUND");
  });

  it("blocks for footers read in the helper thread, and answers known file versions from this thread's cache", async () => {
    const fs = new LocalFileSystem();
    const infos = await Promise.all(paths.map((p) => fs.info(p)));
    const expected = await readParquetMetadataMany(infos);
    clearParquetMetadataCache();
    const metas = readParquetMetadataSync(infos);
    expect(metas).toEqual(expected);
    const again = readParquetMetadataSync(infos);
    again.forEach((m, i) => expect(m).toBe(metas[i]));
    // strings are resolved in the helper thread too
    expect(readParquetMetadataSync([paths[2]])[0]).toEqual(expected[2]);
  });

  it("carries PARQUET_ERROR and NOT_FOUND across the thread boundary", async () => {
    const bad = join(tmp.dir, "sync-bad.parquet");
    await writeFile(bad, "PAR1 but nothing else of a Parquet file");
    const e = thrown(() => readParquetMetadataSync([paths[0], bad]));
    expect(e.code).toBe("PARQUET_ERROR");
    expect(e.message).toContain(bad);
    expect(e.message).toContain("missing PAR1 magic at end");
    expect(thrown(() => readParquetMetadataSync([join(tmp.dir, "nope.parquet")])).code).toBe("NOT_FOUND");
  });
});
