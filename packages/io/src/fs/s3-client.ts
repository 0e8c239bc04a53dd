/**
 * The AWS SDK client behind {@link S3FileSystem}, configured from {@link StorageOptions}.
 *
 * - Credentials: `storageOptions.credentials`, else the SDK's default chain (environment, profile,
 *   SSO, container/instance metadata).
 * - Region: `storageOptions.region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`, else us-east-1 (the
 *   client follows S3's region redirects, so a bucket elsewhere still works).
 * - A custom `endpoint` (MinIO, a local test server) implies path-style URLs unless
 *   `forcePathStyle` says otherwise.
 * - The SDK's own retries are off (`maxAttempts: 1`): Dusk retries in `withRetry`, once, with its
 *   own backoff. Checksums are sent and validated only where S3 requires them, so uploads carry a
 *   plain known Content-Length (no aws-chunked streaming encoding).
 *
 * @example
 * ```ts
 * const client = createS3Client({ endpoint: "http://127.0.0.1:4568", credentials: { accessKeyId: "k", secretAccessKey: "s" } });
 * ```
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { StorageOptions } from "./filesystem.js";

/** A new S3 client for the given storage options (see the module doc for the defaults). */
export function createS3Client(options: StorageOptions = {}): S3Client {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const credentials = options.credentials
    ? {
        accessKeyId: options.credentials.accessKeyId,
        secretAccessKey: options.credentials.secretAccessKey,
        ...(options.credentials.sessionToken === undefined ? {} : { sessionToken: options.credentials.sessionToken }),
      }
    : undefined;
  return new S3Client({
    region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    ...(credentials === undefined ? {} : { credentials }),
    followRegionRedirects: true,
    maxAttempts: 1,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
}
