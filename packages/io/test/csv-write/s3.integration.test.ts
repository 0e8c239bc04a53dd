// writeCsvFile against a real S3-compatible server (the testing package's s3rver, on 127.0.0.1):
// one PutObject for small output, a multipart upload for large output, gzip, and a failure after a
// part was uploaded that leaves no object. Credentials are passed explicitly.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { gunzipSync } from "node:zlib";
import { dtypes, isDuskError } from "@dusk/core";
import { columnFromValues, type Batch } from "@dusk/kernels";
import { startS3Server, type S3Server } from "@dusk/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeCsvFile } from "../../src/csv/index.js";
import { formatCsv } from "../../src/csv/write-format.js";
import { fileSystemFor } from "../../src/fs/registry.js";
import { batchOf, floatColumn } from "./helpers.js";

const BUCKET = "dusk-csv-write";
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket(BUCKET);
});
afterAll(async () => {
  await server?.stop();
});

/** `n` rows of about 45 bytes; under quoting "none" row `bad` cannot be written. */
function batch(n: number, bad = -1): Batch {
  return batchOf({
    s: columnFromValues(dtypes.utf8, Array.from({ length: n }, (_, i) => (i === bad ? "a,b" : `row ${i} ü`))),
    v: columnFromValues(dtypes.int64, Array.from({ length: n }, (_, i) => BigInt(i) * 1000000007n)),
    f: floatColumn(Array.from({ length: n }, (_, i) => i / 7)),
  });
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

it("writes small and multipart objects, plain and gzip, that read back byte for byte", async () => {
  const s3 = fileSystemFor(`s3://${BUCKET}/x`, server.storageOptions);
  const large = batch(300000); // ~15 MB of text: more than one 8 MiB part
  const cases: [Batch, string][] = [[batch(100), "small.csv"], [large, "large.csv"], [large, "large.csv.gz"]];
  for (const [b, key] of cases) {
    const url = `s3://${BUCKET}/out/${key}`;
    const r = await writeCsvFile(b, url, { chunkBytes: 1 << 20 }, server.storageOptions);
    const stored = await s3.read(url);
    expect(r).toEqual({ path: url, rows: b.length, bytes: stored.length });
    expect(same(key.endsWith(".gz") ? gunzipSync(stored) : stored, formatCsv(b)), key).toBe(true);
  }
}, 120_000);

it("leaves no object when a value fails after a part was uploaded", async () => {
  const url = `s3://${BUCKET}/out/failed.csv`;
  const b = batch(300000, 250000); // the bad row comes after ~11 MB, past the first part
  let error: unknown;
  try {
    await writeCsvFile(b, url, { quoting: "none", chunkBytes: 1 << 20 }, server.storageOptions);
  } catch (e) {
    error = e;
  }
  expect(isDuskError(error, "INVALID_ARGUMENT")).toBe(true);
  expect((error as Error).message).toContain(`toCsv ${url}: column "s", row 250000`);
  const s3 = fileSystemFor(url, server.storageOptions);
  await expect(s3.info(url)).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect((await s3.list(`s3://${BUCKET}/out/`)).map((f) => f.path)).not.toContain(url);
}, 120_000);
