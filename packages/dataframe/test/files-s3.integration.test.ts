/**
 * Reading and writing on a real S3 server (s3rver on 127.0.0.1): readCsv of a multi-file dataset in
 * byte-range partitions and gzip objects, toCsv / toParquet round trips, readParquet with pruning, errors.
 */
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { fileSystemFor } from "@dusk/io";
import { assertFrameEqual, csvText, groupByDataset, startS3Server, type S3Server } from "@dusk/testing";

const BUCKET = "dusk-read-csv";
let server: S3Server;
const url = (key: string): string => `s3://${BUCKET}/${key}`;
const put = (key: string, body: string | Uint8Array): Promise<void> =>
  fileSystemFor(url(key), server.storageOptions).write(url(key), typeof body === "string" ? new TextEncoder().encode(body) : body);

const g = groupByDataset({ rows: 6000, groups: 30, seed: 9 });
const cols = Object.keys(g.columns) as (keyof typeof g.columns)[];
const slice = (from: number, to: number) => Object.fromEntries(cols.map((c) => [c, g.columns[c].slice(from, to)]));

beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket(BUCKET);
  for (let p = 0; p < 3; p++) await put(`g1/part-${p}.csv`, csvText(slice(p * 2000, (p + 1) * 2000)));
  await put("g1/_SUCCESS", "");
  await put("gz/all.csv.gz", gzipSync(csvText(g.columns)));
});
afterAll(async () => { await server?.stop(); });

describe("readCsv on S3", () => {
  it("reads a multi-file dataset by glob and by prefix, in byte-range partitions", async () => {
    const storageOptions = server.storageOptions;
    const df = dd.readCsv(url("g1/*.csv"), { blocksize: 16_000, storageOptions });
    expect(df.npartitions).toBeGreaterThan(6);
    expect(df.dtypes).toMatchObject({ id1: "utf8", id4: "int64", v3: "float64" });
    assertFrameEqual(await df.compute(), g.columns);
    const byPrefix = dd.readCsv(url("g1/"), { storageOptions });
    expect(byPrefix.npartitions).toBe(3);
    const q = (f: dd.DataFrame) => f.groupBy("id2").agg({ v1: "sum", v3: "mean" });
    assertFrameEqual(await q(byPrefix).compute(), await q(dd.fromColumns(g.columns)).compute());
  });

  it("reads a gzip object whole", async () => {
    const df = dd.readCsv(url("gz/all.csv.gz"), { storageOptions: server.storageOptions });
    expect(df.npartitions).toBe(1);
    assertFrameEqual(await df.compute(), g.columns);
  });

  it("names the missing key, bucket or empty glob", async () => {
    const storageOptions = server.storageOptions;
    const err = (f: () => unknown): dd.DuskError => { try { f(); } catch (e) { return e as dd.DuskError; } throw new Error("expected an error"); };
    expect(err(() => dd.readCsv(url("g1/nope.csv"), { storageOptions })).code).toBe("NOT_FOUND");
    expect(err(() => dd.readCsv("s3://no-such-bucket-dusk/x.csv", { storageOptions })).message).toMatch(/no-such-bucket-dusk/);
    const e = err(() => dd.readCsv(url("g1/*.parquet"), { storageOptions }));
    expect(e.code).toBe("EMPTY_GLOB");
    expect(e.message).toContain("*.parquet");
  });
});

describe("writing to S3 and reading back", () => {
  it("toCsv then readCsv, and toParquet then readParquet, give the same frame", async () => {
    const storageOptions = server.storageOptions;
    const df = dd.fromColumns(g.columns, { npartitions: 3 });
    const csvPaths = await df.toCsv(url("out/csv/"), { storageOptions });
    expect(csvPaths).toEqual([0, 1, 2].map((i) => url(`out/csv/part-0000${i}.csv`)));
    assertFrameEqual(await dd.readCsv(url("out/csv/*.csv"), { storageOptions, dtype: df.dtypes }).compute(), g.columns);
    const pqPaths = await df.toParquet(url("out/pq/data-*.parquet"), { storageOptions, compression: "zstd" });
    expect(pqPaths).toHaveLength(3);
    const back = dd.readParquet(url("out/pq/"), { storageOptions });
    expect(back.dtypes).toEqual(df.dtypes);
    assertFrameEqual(await back.compute(), await df.compute(), { rtol: 0, atol: 0 });
    const filtered = dd.readParquet(url("out/pq/"), { storageOptions, filters: [["v1", "==", 5], ["id1", "in", ["id001", "id002"]]] });
    assertFrameEqual(await filtered.compute(), await df.filter(dd.col("v1").eq(5).and(dd.col("id1").isIn(["id001", "id002"]))).compute());
  });
});
