// writeParquet → readParquetRowGroups on local files: every dtype with nulls and edge values, under
// every codec; several row groups, column subsets in any order, empty batches, dictionary columns.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { dtypes } from "@dusk/core";
import { columnFromValues, dictEncode, type Batch, type Utf8Column } from "@dusk/kernels";
import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import {
  PARQUET_COMPRESSIONS,
  readParquetMetadata,
  readParquetRowGroups,
  writeParquet,
  type ParquetCompression,
} from "../../src/index.js";
import { ALL_DTYPES, allDtypeValues, batchOf, expectSameBatch, sliceValues, useTempDir, valuesOf } from "./helpers.js";

const tmp = useTempDir();

const CODEC_IDS: Record<ParquetCompression, string> = {
  snappy: "SNAPPY",
  zstd: "ZSTD",
  gzip: "GZIP",
  brotli: "BROTLI",
  lz4: "LZ4_RAW",
  uncompressed: "UNCOMPRESSED",
};

describe("writeParquet → readParquetRowGroups", () => {
  const values = allDtypeValues(300);
  const batch = batchOf(values);

  it.each(PARQUET_COMPRESSIONS)("round-trips every dtype with nulls exactly under %s", async (compression) => {
    const path = join(tmp.dir, `all-${compression}.parquet`);
    await writeParquet(batch, path, { compression, rowGroupSize: 128 });
    const meta = await readParquetMetadata(path);
    expect(meta.numRows).toBe(300);
    expect(meta.rowGroups.map((rg) => rg.numRows)).toEqual([128, 128, 44]);
    expect(meta.schema.names).toEqual(batch.names);
    expect(meta.schema.dtypes).toEqual(Object.values(ALL_DTYPES));
    expect(meta.schema.unsupported).toEqual([]);
    // the codec really is the one asked for (column chunk metadata in the footer)
    const bytes = await readFile(path);
    const { parquetMetadata } = await import("hyparquet");
    const codecs = new Set(parquetMetadata(bytes).row_groups.flatMap((rg) => rg.columns.map((c) => c.meta_data?.codec)));
    expect([...codecs]).toEqual([CODEC_IDS[compression]]);

    const back = await readParquetRowGroups(path, [0, 1, 2], null);
    expectSameBatch(back, batch);
  });

  it("keeps int64 above 2^53, uint64 above 2^63 and nanosecond timestamps as bigints", async () => {
    const path = join(tmp.dir, "wide.parquet");
    await writeParquet(batch, path, { compression: "zstd" });
    const back = await readParquetRowGroups(path, [0], ["i64", "u64", "ts_ns"]);
    const v = valuesOf(back).values;
    expect(v.i64.slice(0, 5)).toEqual([2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, null, -(2n ** 53n) - 3n]);
    expect(v.u64.slice(0, 4)).toEqual([2n ** 64n - 1n, 0n, 2n ** 63n, null]);
    expect(v.ts_ns.slice(0, 3)).toEqual([2n ** 62n + 7n, -(2n ** 62n) - 1n, null]);
    expect(back.columns[0].layout === "primitive" && back.columns[0].values).toBeInstanceOf(BigInt64Array);
    expect(back.columns[1].layout === "primitive" && back.columns[1].values).toBeInstanceOf(BigUint64Array);
  });

  it("reads chosen row groups and columns, in the order asked", async () => {
    const path = join(tmp.dir, "groups.parquet");
    await writeParquet(batch, path, { compression: "snappy", rowGroupSize: 100 });
    const back = await readParquetRowGroups(path, [2, 0], ["ts_ms_tz", "s", "i64"]);
    const expected = batchOf({
      ts_ms_tz: [...values.ts_ms_tz.slice(200, 300), ...values.ts_ms_tz.slice(0, 100)],
      s: [...values.s.slice(200, 300), ...values.s.slice(0, 100)],
      i64: [...values.i64.slice(200, 300), ...values.i64.slice(0, 100)],
    });
    expectSameBatch(back, expected);
    const one = await readParquetRowGroups(path, [1], ["d"]);
    expectSameBatch(one, batchOf(sliceValues({ d: values.d }, 100, 200)));
  });

  it("gives no rows for no row groups, and row counts for no columns", async () => {
    const path = join(tmp.dir, "groups-empty-read.parquet");
    await writeParquet(batch, path, { rowGroupSize: 100 });
    const none = await readParquetRowGroups(path, [], ["s", "f64"]);
    expect(none.length).toBe(0);
    expect(none.names).toEqual(["s", "f64"]);
    expect(none.columns.map((c) => [c.dtype, c.length])).toEqual([[dtypes.utf8, 0], [dtypes.float64, 0]]);
    const counts = await readParquetRowGroups(path, [0, 2], []);
    expect(counts).toEqual({ names: [], columns: [], length: 200 });
  });

  it("writes and reads an empty batch with its schema", async () => {
    const path = join(tmp.dir, "empty.parquet");
    const empty = batchOf(sliceValues(values, 0, 0));
    expect(empty.length).toBe(0);
    await writeParquet(empty, path, { compression: "zstd" });
    const meta = await readParquetMetadata(path);
    expect(meta.numRows).toBe(0);
    expect(meta.schema.dtypes).toEqual(Object.values(ALL_DTYPES));
    const rowGroups = meta.rowGroups.map((_, i) => i);
    const back = await readParquetRowGroups(path, rowGroups, null);
    expectSameBatch(back, empty);
  });

  it("keeps dictionary-encoded strings dictionary-encoded, with multibyte text and nulls", async () => {
    const path = join(tmp.dir, "dict.parquet");
    const words = ["日本", "Ünïcödé", "🙂", "", null, "plain"];
    const plain = columnFromValues(dtypes.utf8, Array.from({ length: 500 }, (_, i) => words[(i * 7) % words.length])) as Utf8Column;
    const dict = dictEncode(plain);
    const b: Batch = { names: ["k", "n"], columns: [dict, columnFromValues(dtypes.int32, Array.from({ length: 500 }, (_, i) => i))], length: 500 };
    await writeParquet(b, path, { compression: "lz4", rowGroupSize: 200 });
    const back = await readParquetRowGroups(path, [0, 1, 2], ["k"]);
    expect(back.columns[0].layout).toBe("dict");
    expect(valuesOf(back).values.k).toEqual(valuesOf({ names: ["k"], columns: [plain], length: 500 }).values.k);
  });

  it("writes float columns of nearly all distinct values as plain pages, and floats of few values, ints and strings with a dictionary", async () => {
    const path = join(tmp.dir, "float-encodings.parquet");
    const n = 50_000;
    const rows = Array.from({ length: n }, (_, i) => i);
    const batch = batchOf(
      {
        unique: rows.map((i) => (i === 7 ? null : Math.sin(i) * 1000)),
        prices: rows.map((i) => [9.99, 19.99, 4.5, 100][i % 4]),
        ids: rows.map((i) => BigInt(i % 1000)),
        names: rows.map((i) => `n${i % 50}`),
      },
      { unique: dtypes.float64, prices: dtypes.float64, ids: dtypes.int64, names: dtypes.utf8 },
    );
    await writeParquet(batch, path);
    const bytes = await readFile(path);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const encodings = meta.row_groups[0].columns.map((c) =>
      (c.meta_data!.encoding_stats ?? []).filter((s) => s.page_type === "DATA_PAGE").map((s) => s.encoding));
    expect(encodings[0].every((e) => e === "PLAIN")).toBe(true);
    expect(meta.row_groups[0].columns[0].meta_data!.dictionary_page_offset).toBeUndefined();
    for (const k of [1, 2, 3]) expect(encodings[k].every((e) => e === "RLE_DICTIONARY")).toBe(true);
    expectSameBatch(await readParquetRowGroups(path, [0], null), batch);
  });

  it("keeps a dictionary of 100,000 distinct values in one dictionary page: no data page falls back to plain", async () => {
    const path = join(tmp.dir, "big-dict.parquet");
    const n = 300_000;
    const ids = Array.from({ length: n }, (_, i) => `id${String((i * 7919) % 100_000).padStart(10, "0")}`);
    const plain = columnFromValues(dtypes.utf8, ids) as Utf8Column;
    await writeParquet({ names: ["id3"], columns: [dictEncode(plain)], length: n }, path);
    const bytes = await readFile(path);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const stats = meta.row_groups[0].columns[0].meta_data!.encoding_stats ?? [];
    expect(stats.filter((s) => s.page_type === "DATA_PAGE").map((s) => s.encoding)).toEqual(["RLE_DICTIONARY"]);
    const back = await readParquetRowGroups(path, [0], ["id3"]);
    expect(back.columns[0].layout).toBe("dict");
    expect(valuesOf(back).values.id3).toEqual(ids);
  });

  it("replaces an existing file whole", async () => {
    const path = join(tmp.dir, "replace.parquet");
    await writeParquet(batch, path, { compression: "gzip" });
    const small = batchOf({ x: [1, 2, 3] }, { x: dtypes.int16 });
    await writeParquet(small, path, { compression: "brotli" });
    expectSameBatch(await readParquetRowGroups(path, [0], null), small);
  });
});
