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
 * const client = await createS3Client({ endpoint: "http://127.0.0.1:4568", credentials: { accessKeyId: "k", secretAccessKey: "s" } });
 * ```
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { StorageOptions } from "./filesystem.js";

/** The AWS SDK's S3 module: its client and command classes. */
export type S3Sdk = typeof import("@aws-sdk/client-s3");

let sdk: Promise<S3Sdk> | null = null;

/**
 * The SDK's S3 module, imported on first use: loading it takes ~170 ms (on every worker thread, as
 * each imports the io package), and a job that never touches s3:// should not pay that.
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  return (sdk ??= import("@aws-sdk/client-s3"));
}

/** A new S3 client for the given storage options (see the module doc for the defaults). */
export async function createS3Client(options: StorageOptions = {}): Promise<S3Client> {
  const { S3Client } = await loadS3Sdk();
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
