// Parquet on a real S3-compatible server (s3rver in a child process, from @dusk/testing): writes
// (single PUT and multipart), footers (async and blocking, through the helper thread), row-group
// reads, and the errors of missing, non-Parquet, truncated and unsupported objects.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import * as A from "apache-arrow";
import { dtypes } from "@dusk/core";
import { startS3Server, type S3Server } from "@dusk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  discoverFilesSync,
  fileSystemFor,
  readParquetMetadata,
  readParquetMetadataSync,
  readParquetRowGroups,
  writeParquet,
  type StorageOptions,
} from "../../src/index.js";
import {
  ALL_DTYPES,
  allDtypeValues,
  batchOf,
  decimalVector,
  expectSameBatch,
  parquetBytesOfArrow,
  rejection,
  sliceValues,
  thrown,
} from "./helpers.js";

const BUCKET = "dusk-parquet";
const url = (key: string): string => `s3://${BUCKET}/${key}`;
let server: S3Server;
let options: StorageOptions;

beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket(BUCKET);
  options = server.storageOptions;
});
afterAll(async () => {
  await server?.stop();
});

describe("Parquet on S3", () => {
  const values = allDtypeValues(400, 3);
  const batch = batchOf(values);

  it("writes, describes and reads back every dtype", async () => {
    const path = url("all/part-0.parquet");
    await writeParquet(batch, path, { compression: "zstd", rowGroupSize: 150 }, options);
    const meta = await readParquetMetadata(path, options);
    expect(meta.path).toBe(path);
    expect(meta.version).toMatch(/^"/); // the ETag
    expect(meta.numRows).toBe(400);
    expect(meta.rowGroups.map((rg) => rg.numRows)).toEqual([150, 150, 100]);
    expect(meta.schema.dtypes).toEqual(Object.values(ALL_DTYPES));
    expectSameBatch(await readParquetRowGroups(path, [0, 1, 2], null, options), batch);
    const some = await readParquetRowGroups({ path: meta.path, size: meta.size }, [2], ["ts_ns_tz", "s", "u64"], options);
    expectSameBatch(some, batchOf(sliceValues({ ts_ns_tz: values.ts_ns_tz, s: values.s, u64: values.u64 }, 300, 400)));
  });

  it("reads footers blocking, in the helper thread, from discovered files", async () => {
    for (let i = 0; i < 3; i++) {
      await writeParquet(batchOf(sliceValues(values, 0, 10 * (i + 1))), url(`many/part-${i}.parquet`), { compression: "snappy" }, options);
    }
    const files = discoverFilesSync(url("many/"), { storageOptions: options });
    expect(files.map((f) => f.path)).toEqual([0, 1, 2].map((i) => url(`many/part-${i}.parquet`)));
    const metas = readParquetMetadataSync(files, options);
    expect(metas.map((m) => m.numRows)).toEqual([10, 20, 30]);
    expect(metas[1].rowGroups[0].columns.i64).toEqual(
      expect.objectContaining({ min: expect.any(BigInt), max: expect.any(BigInt) }),
    );
    // known versions are answered from this thread's cache
    readParquetMetadataSync(files, options).forEach((m, i) => expect(m).toBe(metas[i]));
    const e = thrown(() => readParquetMetadataSync([url("many/nope.parquet")], options));
    expect(e.code).toBe("NOT_FOUND");
  });

  it("writes a large file as a multipart upload and reads one row group of it", async () => {
    const rows = 1_400_000; // ~11 MB of incompressible doubles: more than one 8 MiB part
    const x = new Float64Array(rows);
    for (let i = 0; i < rows; i++) x[i] = Math.sin(i) * 1e9 + i;
    const big = { names: ["x"], columns: [{ layout: "primitive" as const, dtype: dtypes.float64, length: rows, values: x, validity: null }], length: rows };
    const path = url("big/x.parquet");
    await writeParquet(big, path, { compression: "uncompressed", rowGroupSize: 400_000 }, options);
    const info = await fileSystemFor(path, options).info(path);
    expect(info.size).toBeGreaterThan(8 * 1024 * 1024);
    const meta = await readParquetMetadata(info, options);
    expect(meta.rowGroups.map((rg) => rg.numRows)).toEqual([400_000, 400_000, 400_000, 200_000]);
    const back = await readParquetRowGroups(info, [2], null, options);
    expect(back.length).toBe(400_000);
    const got = back.columns[0].layout === "primitive" ? back.columns[0].values : null;
    expect(got).toEqual(x.subarray(800_000, 1_200_000));
  });

  it("names the object in errors: missing, not Parquet, truncated, unsupported column", async () => {
    const missing = url("errors/missing.parquet");
    expect((await rejection(readParquetMetadata(missing, options))).code).toBe("NOT_FOUND");
    expect((await rejection(readParquetRowGroups(missing, [0], null, options))).code).toBe("NOT_FOUND");

    const s3 = fileSystemFor(url("x"), options);
    const text = url("errors/text.parquet");
    await s3.write(text, new TextEncoder().encode("id,v\n1,a\n2,b\n3,c\n4,d\n"));
    const notParquet = await rejection(readParquetMetadata(text, options));
    expect(notParquet.code).toBe("PARQUET_ERROR");
    expect(notParquet.message).toContain(text);
    expect(notParquet.message).toContain("not a Parquet file");

    const good = await s3.read(url("all/part-0.parquet"));
    const truncated = url("errors/truncated.parquet");
    await s3.write(truncated, good.subarray(0, good.byteLength - 100));
    const cut = await rejection(readParquetMetadata(truncated, options));
    expect(cut.code).toBe("PARQUET_ERROR");
    expect(cut.message).toContain("truncated");

    const decimal = url("errors/decimal.parquet");
    await s3.write(decimal, await parquetBytesOfArrow(new A.Table({ id: A.makeVector(Int32Array.of(1, 2)), price: decimalVector([150, -7]) })));
    const unsupported = await rejection(readParquetRowGroups(decimal, [0], null, options));
    expect(unsupported.code).toBe("UNSUPPORTED_TYPE");
    expect(unsupported.message).toContain(decimal);
    expect(unsupported.message).toContain('column "price"');
    expect(unsupported.message).toContain("DECIMAL(10, 2)");
    const ids = await readParquetRowGroups(decimal, [0], ["id"], options);
    expectSameBatch(ids, batchOf({ id: [1, 2] }, { id: dtypes.int32 }));
  });
});
