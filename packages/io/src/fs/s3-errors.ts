/**
 * Turns AWS SDK errors into DuskErrors that name the s3:// URL and say what to do:
 * NoSuchBucket → NOT_FOUND naming the bucket; NoSuchKey/404 → NOT_FOUND; AccessDenied, 403,
 * InvalidAccessKeyId, SignatureDoesNotMatch and missing credentials → ACCESS_DENIED with a hint to
 * check the credentials; everything else (after retries) → IO_ERROR.
 *
 * @example
 * ```ts
 * try { await client.send(cmd); } catch (e) { throw s3Error(e, "s3://b/k.csv", "read"); }
 * ```
 */
import { DuskError, isDuskError } from "@dusk/core";
import { RetriesExhausted } from "./retry.js";
import { parseLocation } from "./url.js";

const DENIED = new Set([
  "AccessDenied",
  "Forbidden",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "InvalidToken",
  "ExpiredToken",
  "TokenRefreshRequired",
  "AllAccessDisabled",
  "AccountProblem",
]);

const CREDENTIALS_HINT =
  "check the credentials: pass storageOptions.credentials, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or an AWS profile, " +
  "and make sure they may access this bucket (and that storageOptions.endpoint points at the right store)";

/** The DuskError for a failed S3 operation `op` ("read", "list", "write", ...) on the s3:// `url`. */
export function s3Error(e: unknown, url: string, op: string): DuskError {
  if (isDuskError(e)) return e;
  let attempts = 1;
  let err = e;
  if (e instanceof RetriesExhausted) {
    attempts = e.attempts;
    err = e.lastError;
  }
  const { name, status, message } = describe(err);
  const details = { path: url, op, s3Code: name, httpStatus: status, attempts };
  const options = { cause: err };
  if (name === "NoSuchBucket") {
    const loc = parseLocation(url);
    const bucket = loc.protocol === "s3" ? loc.bucket : url;
    return new DuskError(
      "NOT_FOUND",
      `bucket "${bucket}" does not exist (${url}): check the bucket name, or storageOptions.endpoint/region if it lives elsewhere`,
      { ...details, bucket },
      options,
    );
  }
  if (name === "NoSuchKey" || name === "NotFound" || status === 404) {
    return new DuskError("NOT_FOUND", `no such object: ${url} (check the key; S3 keys are case-sensitive)`, details, options);
  }
  if (DENIED.has(name) || status === 403 || name === "CredentialsProviderError") {
    const why = name === "CredentialsProviderError" ? "no AWS credentials were found" : name || "HTTP 403";
    return new DuskError("ACCESS_DENIED", `access denied to ${url} (${why}): ${CREDENTIALS_HINT}`, details, options);
  }
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  const what = [name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(", ");
  return new DuskError(
    "IO_ERROR",
    `S3 ${op} of ${url} failed${tries}${what ? ` (${what})` : ""}: ${message}`,
    details,
    options,
  );
}

function describe(e: unknown): { name: string; status: number | undefined; message: string } {
  if (typeof e !== "object" || e === null) return { name: "", status: undefined, message: String(e) };
  const err = e as { name?: unknown; Code?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const code = typeof err.Code === "string" ? err.Code : undefined;
  const name = code ?? (typeof err.name === "string" && err.name !== "Error" ? err.name : typeof err.code === "string" ? err.code : "");
  const status = typeof err.$metadata?.httpStatusCode === "number" ? err.$metadata.httpStatusCode : undefined;
  const message = typeof err.message === "string" && err.message !== "" ? err.message : name || "unknown error";
  return { name, status, message };
}
