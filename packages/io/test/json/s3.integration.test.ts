// The JSON reader and writer against a real S3-compatible server (the testing package's, on
// 127.0.0.1): byte-range blocks, gzip, errors naming the s3:// file and line, and atomic writes.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { gzipSync } from "node:zlib";
import { dtypes } from "@dusk/core";
import { columnFromValues } from "@dusk/kernels";
import { startS3Server, type S3Server } from "@dusk/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fileSystemFor, writeJsonFile } from "../../src/index.js";
import { readAll, rejection } from "./helpers.js";

const BUCKET = "dusk-json";
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket(BUCKET);
});
afterAll(async () => {
  await server?.stop();
});

const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, user: { name: `ü${i}`, id: 2 ** 60 + i }, tags: [i % 3] }).replace(/"id":(\d{16,})/, (_, d: string) => `"id":${BigInt(2) ** 60n + BigInt(i)}`));

it("reads byte ranges and gzip objects from S3, the same rows as the text", async () => {
  const fs = fileSystemFor(`s3://${BUCKET}/x`, server.storageOptions);
  const text = `${lines.join("\n")}\n`;
  await fs.write(`s3://${BUCKET}/in/a.ndjson`, Buffer.from(text));
  await fs.write(`s3://${BUCKET}/in/b.ndjson.gz`, gzipSync(text));
  const got = await readAll(`s3://${BUCKET}/in/`, { blocksize: 10_000, storageOptions: server.storageOptions });
  expect(Object.keys(got)).toEqual(["id", "user.name", "user.id", "tags"]);
  expect(got.id.length).toBe(6000);
  expect(got["user.id"].slice(2999, 3001)).toEqual([2n ** 60n + 2999n, 2n ** 60n]);
  expect(got.tags[4]).toBe("[1]");
}, 120_000);

it("names the s3:// file and the true line of a bad record", async () => {
  const fs = fileSystemFor(`s3://${BUCKET}/x`, server.storageOptions);
  const bad = lines.map((l, i) => (i === 2500 ? '{"id": 2500, "user": {"name": "x", "id": 1}, "tags": [}' : l));
  await fs.write(`s3://${BUCKET}/bad/a.ndjson`, Buffer.from(`${bad.join("\n")}\n`));
  const e = await rejection(readAll(`s3://${BUCKET}/bad/a.ndjson`, { blocksize: 10_000, storageOptions: server.storageOptions }));
  expect(e.message).toContain(`s3://${BUCKET}/bad/a.ndjson line 2501: not valid JSON`);
}, 120_000);

it("writes NDJSON objects to S3 that read back", async () => {
  const batch = { names: ["k", "v"], length: 3, columns: [columnFromValues(dtypes.utf8, ["a", null, "c"]), columnFromValues(dtypes.int64, [1n, 2n ** 62n, null])] };
  const url = `s3://${BUCKET}/out/part-00000.json`;
  await writeJsonFile(batch, url, {}, server.storageOptions);
  expect(await readAll(url, { storageOptions: server.storageOptions })).toEqual({ k: ["a", null, "c"], v: [1n, 2n ** 62n, null] });
}, 120_000);
