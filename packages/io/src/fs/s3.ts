import type { S3Client } from "@aws-sdk/client-s3";
import { DuskError } from "@dusk/core";
import { checkRange } from "./byte-range.js";
import { comparePaths } from "./compare-paths.js";
import type { FileInfo, FileSystem, StorageOptions, WriteSink } from "./filesystem.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import { createS3Client, loadS3Sdk, type S3Sdk } from "./s3-client.js";
import { s3Error } from "./s3-errors.js";
import { MIN_PART_SIZE, openS3Upload, type S3Send } from "./s3-upload.js";
import { parseLocation, s3Url } from "./url.js";

/** Knobs beyond {@link StorageOptions}, mostly for tests and tuning. */
export interface S3Tuning {
  /** Size of multipart upload parts, and the largest `write` sent as one PutObject (default 8 MiB, minimum 5 MiB). */
  readonly partSize?: number;
  /** Backoff settings (the attempt count comes from `storageOptions.maxAttempts`). */
  readonly retry?: Omit<RetryPolicy, "maxAttempts">;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/**
 * Amazon S3 (and S3-compatible stores) as a {@link FileSystem}. Paths are `s3://bucket/key` URLs.
 *
 * - `read` sends ranged GetObjects with explicit `bytes=a-b` ranges only (never suffix ranges,
 *   which some S3-compatible servers answer wrongly), computing the end from the size when needed.
 * - `list` pages through ListObjectsV2; `info` is a HeadObject (version = ETag).
 * - `write` is one PutObject with a known Content-Length up to `partSize`, a multipart upload above;
 *   `openWrite` streams parts and aborts the upload on `abort()` or failure (see s3-upload.ts).
 * - Throttling (SlowDown, 429, 503), other 5xx and network errors are retried with exponential
 *   backoff and jitter, up to `storageOptions.maxAttempts` (default 5) attempts in all.
 * - Errors are DuskErrors naming the s3:// URL: NOT_FOUND (bucket or key), ACCESS_DENIED, IO_ERROR.
 *
 * @example
 * ```ts
 * const s3 = new S3FileSystem({ endpoint: "http://127.0.0.1:4568", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
 * await s3.write("s3://data/x.csv", new TextEncoder().encode("a\n1\n"));
 * const tail = await s3.read("s3://data/x.csv", 2);  // bytes 2..end
 * const files = await s3.list("s3://data/");          // [{ path: "s3://data/x.csv", size: 4, version: "\"…\"" }]
 * ```
 */
export class S3FileSystem implements FileSystem {
  readonly protocol = "s3" as const;
  /**
   * The SDK module and client, made on the first request (the SDK is loaded then: see loadS3Sdk);
   * one client per file system, and the registry keeps one file system per storage options.
   */
  private connection: Promise<{ client: S3Client; sdk: S3Sdk }> | null = null;
  private readonly retry: RetryPolicy;
  private readonly partSize: number;

  constructor(
    readonly storageOptions: StorageOptions = {},
    tuning: S3Tuning = {},
  ) {
    this.retry = { ...tuning.retry, maxAttempts: storageOptions.maxAttempts ?? 5 };
    this.partSize = tuning.partSize ?? DEFAULT_PART_SIZE;
    if (!Number.isSafeInteger(this.partSize) || this.partSize < MIN_PART_SIZE) {
      throw new DuskError("INVALID_ARGUMENT", `S3 part size ${this.partSize} is below S3's minimum of ${MIN_PART_SIZE} bytes`, {
        partSize: this.partSize,
      });
    }
  }

  /** Size and ETag of one object (HeadObject); NOT_FOUND names the bucket when it is the bucket that is missing. */
  async info(path: string): Promise<FileInfo> {
    const { bucket, key, url } = locate(path);
    try {
      const out = await this.request(url, "read", (c, sdk) => c.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key })));
      return { path: url, size: out.ContentLength ?? 0, ...(out.ETag === undefined ? {} : { version: out.ETag }) };
    } catch (e) {
      throw await this.explainMissing(e, bucket, url);
    }
  }

  /** Every object below the prefix `dir` (treated as a directory: `s3://b/data` lists `data/…`), sorted by key. */
  async list(dir: string): Promise<FileInfo[]> {
    const { bucket, key, url } = locate(dir);
    const prefix = key === "" || key.endsWith("/") ? key : `${key}/`;
    const out: FileInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.request(url, "list", (c, sdk) =>
        c.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const obj of page.Contents ?? []) {
        if (obj.Key === undefined || obj.Key.endsWith("/")) continue; // "directory" marker objects
        out.push({ path: s3Url(bucket, obj.Key), size: obj.Size ?? 0, ...(obj.ETag === undefined ? {} : { version: obj.ETag }) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out.sort((a, b) => comparePaths(a.path, b.path));
  }

  /** Bytes [start, end) of an object, by one ranged GetObject with an explicit `bytes=a-b` range. */
  async read(path: string, start = 0, end?: number): Promise<Uint8Array> {
    const { bucket, key, url } = locate(path);
    checkRange(url, start, end);
    if (end === start) return new Uint8Array(0);
    let last = end === undefined ? undefined : end - 1;
    if (last === undefined && start > 0) {
      const size = (await this.info(url)).size; // no open or suffix ranges: compute the end
      if (start >= size) return new Uint8Array(0);
      last = size - 1;
    }
    const range = last === undefined ? undefined : `bytes=${start}-${last}`;
    return this.request(url, "read", async (c, sdk) => {
      let out;
      try {
        out = await c.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
      } catch (e) {
        if ((e as { name?: unknown }).name === "InvalidRange") return new Uint8Array(0); // start at or past the end
        throw e;
      }
      const bytes = out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
      return last === undefined ? bytes : trimToRange(bytes, out.ContentRange, start, last);
    });
  }

  /** Writes a whole object: one PutObject with a known Content-Length, or a multipart upload above `partSize`. */
  async write(path: string, data: Uint8Array): Promise<void> {
    const { bucket, key, url } = locate(path);
    if (data.byteLength <= this.partSize) {
      await this.request(url, "write", (c, sdk) =>
        c.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentLength: data.byteLength })),
      );
      return;
    }
    const sink = openS3Upload(this.sender(url), bucket, key, this.partSize);
    await sink.write(data);
    await sink.close();
  }

  /** Opens a chunked write that appears whole on `close()` (multipart once past `partSize`) and leaves nothing on `abort()`. */
  async openWrite(path: string): Promise<WriteSink> {
    const { bucket, key, url } = locate(path);
    return openS3Upload(this.sender(url), bucket, key, this.partSize);
  }

  /** Deletes an object; deleting a missing key is not an error (S3 semantics), a missing bucket is NOT_FOUND. */
  async remove(path: string): Promise<void> {
    const { bucket, key, url } = locate(path);
    await this.request(url, "remove", (c, sdk) => c.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key })));
  }

  /** Runs one request with retries; failures become DuskErrors naming `url`. */
  private async request<T>(url: string, op: string, run: (client: S3Client, sdk: S3Sdk) => Promise<T>): Promise<T> {
    try {
      const { client, sdk } = await this.connect();
      return await withRetry(() => run(client, sdk), this.retry);
    } catch (e) {
      throw s3Error(e, url, op);
    }
  }

  private connect(): Promise<{ client: S3Client; sdk: S3Sdk }> {
    return (this.connection ??= Promise.all([createS3Client(this.storageOptions), loadS3Sdk()]).then(([client, sdk]) => ({ client, sdk })));
  }

  private sender(url: string): S3Send {
    return (op, run) => this.request(url, op, run);
  }

  /** HEAD answers carry no error body, so a 404 is checked against the bucket to say which is missing. */
  private async explainMissing(e: unknown, bucket: string, url: string): Promise<unknown> {
    if (!(e instanceof DuskError) || e.code !== "NOT_FOUND" || e.details.s3Code === "NoSuchBucket") return e;
    const { client, sdk } = await this.connect();
    const bucketMissing = await withRetry(() => client.send(new sdk.HeadBucketCommand({ Bucket: bucket })), this.retry).then(
      () => false,
      (err: { name?: unknown; $metadata?: { httpStatusCode?: unknown } }) =>
        err.name === "NotFound" || err.name === "NoSuchBucket" || err.$metadata?.httpStatusCode === 404,
    );
    if (!bucketMissing) return e;
    return s3Error({ name: "NoSuchBucket", message: `The bucket ${bucket} does not exist`, $metadata: { httpStatusCode: 404 } }, url, "read");
  }
}

function locate(path: string): { bucket: string; key: string; url: string } {
  const loc = parseLocation(path);
  if (loc.protocol !== "s3") {
    throw new DuskError("INVALID_ARGUMENT", `${path} is not an s3:// URL: use fileSystemFor(path) to pick the file system`, { path });
  }
  return { bucket: loc.bucket, key: loc.key, url: s3Url(loc.bucket, loc.key) };
}

/**
 * The bytes [start, last] out of a GetObject answer. A server that ignores (part of) the range sends
 * more than asked — some answer `bytes=0-0` with the whole object — so the answer is cut to the range,
 * using Content-Range to know where it starts.
 */
function trimToRange(bytes: Uint8Array, contentRange: string | undefined, start: number, last: number): Uint8Array {
  const want = last - start + 1;
  if (bytes.byteLength <= want) return bytes;
  const m = contentRange === undefined ? null : /^bytes (\d+)-/.exec(contentRange);
  const from = m === null ? 0 : Number(m[1]);
  const offset = Math.max(0, start - from);
  return bytes.subarray(offset, offset + want);
}
