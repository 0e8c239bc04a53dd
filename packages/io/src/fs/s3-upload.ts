/**
 * Chunked, all-or-nothing writes of one S3 object. Chunks are buffered until a part is full
 * (`partSize`, at least 5 MiB, S3's minimum for every part but the last); the first full part starts
 * a multipart upload and each part is sent with a known Content-Length. `close()` sends the rest
 * and completes the upload (the object appears whole); `abort()` or any failure aborts it, so no
 * partial object is ever visible. A write that never fills a part ends as one PutObject.
 *
 * @example
 * ```ts
 * const sink = openS3Upload(send, "bucket", "big.bin", 8 * 1024 * 1024);
 * for (const chunk of chunks) await sink.write(chunk);
 * await sink.close();
 * ```
 */
import type { CompletedPart, S3Client } from "@aws-sdk/client-s3";
import { DuskError } from "@dusk/core";
import type { WriteSink } from "./filesystem.js";
import type { S3Sdk } from "./s3-client.js";
import { s3Url } from "./url.js";

/** S3's smallest part (all but the last part of a multipart upload must be at least this big). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/** Runs one S3 request (with retries), mapping failures to DuskErrors for `op`. */
export type S3Send = <T>(op: string, run: (client: S3Client, sdk: S3Sdk) => Promise<T>) => Promise<T>;

/** Opens an all-or-nothing write of s3://bucket/key, uploading parts of `partSize` bytes. */
export function openS3Upload(send: S3Send, bucket: string, key: string, partSize: number): WriteSink {
  const url = s3Url(bucket, key);
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new DuskError("INVALID_ARGUMENT", `part size ${partSize} for ${url} is below S3's minimum of ${MIN_PART_SIZE} bytes`, {
      path: url,
      partSize,
    });
  }
  const pending: Uint8Array[] = [];
  let buffered = 0;
  let uploadId: string | undefined;
  const parts: CompletedPart[] = [];
  let state: "open" | "closed" | "aborted" = "open";

  /** Removes the first `n` buffered bytes as one contiguous array. */
  const take = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = pending[0];
      const k = Math.min(head.byteLength, n - filled);
      out.set(head.subarray(0, k), filled);
      filled += k;
      if (k === head.byteLength) pending.shift();
      else pending[0] = head.subarray(k);
    }
    buffered -= n;
    return out;
  };

  const uploadPart = async (body: Uint8Array): Promise<void> => {
    if (uploadId === undefined) {
      const created = await send("write", (c, sdk) => c.send(new sdk.CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
      if (!created.UploadId) throw new DuskError("IO_ERROR", `S3 did not start a multipart upload for ${url}`, { path: url });
      uploadId = created.UploadId;
    }
    const id = uploadId;
    const partNumber = parts.length + 1;
    const out = await send("write", (c, sdk) =>
      c.send(
        new sdk.UploadPartCommand({ Bucket: bucket, Key: key, UploadId: id, PartNumber: partNumber, Body: body, ContentLength: body.byteLength }),
      ),
    );
    parts.push({ PartNumber: partNumber, ETag: out.ETag });
  };

  const abortUpload = async (): Promise<void> => {
    pending.length = 0;
    buffered = 0;
    const id = uploadId;
    if (id === undefined) return;
    uploadId = undefined;
    // Best effort: the object only appears on CompleteMultipartUpload, so an upload whose abort
    // fails leaves no object behind, only parts a bucket lifecycle rule cleans up.
    await send("abort the upload of", (c, sdk) => c.send(new sdk.AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id }))).catch(
      () => undefined,
    );
  };

  const failed = async (e: unknown): Promise<never> => {
    state = "aborted";
    await abortUpload();
    throw e;
  };

  const ensureOpen = (what: string): void => {
    if (state !== "open") throw new DuskError("INVALID_ARGUMENT", `cannot ${what} ${url}: the write was already ${state}`, { path: url });
  };

  return {
    async write(chunk: Uint8Array): Promise<void> {
      ensureOpen("write to");
      if (chunk.byteLength === 0) return;
      pending.push(chunk.slice()); // the caller may reuse its buffer once write() resolves
      buffered += chunk.byteLength;
      try {
        while (buffered >= partSize) await uploadPart(take(partSize));
      } catch (e) {
        await failed(e);
      }
    },
    async close(): Promise<void> {
      ensureOpen("close");
      state = "closed";
      try {
        const rest = take(buffered);
        if (uploadId === undefined) {
          await send("write", (c, sdk) =>
            c.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: rest, ContentLength: rest.byteLength })),
          );
          return;
        }
        if (rest.byteLength > 0) await uploadPart(rest);
        const id = uploadId;
        await send("write", (c, sdk) =>
          c.send(new sdk.CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id, MultipartUpload: { Parts: parts } })),
        );
      } catch (e) {
        await failed(e);
      }
    },
    async abort(): Promise<void> {
      if (state !== "open") return;
      state = "aborted";
      await abortUpload();
    },
  };
}
