/**
 * Retrying requests to remote stores: exponential backoff with full jitter on throttling
 * (SlowDown, 429, 503), other 5xx answers and network errors; anything else (a 403, a 404) fails
 * at once. The sleep and the random source can be injected so the policy is testable.
 *
 * @example
 * ```ts
 * const body = await withRetry(() => client.send(new GetObjectCommand(req)), { maxAttempts: 5 });
 * ```
 */

/** How {@link withRetry} retries. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  readonly maxAttempts?: number;
  /** Backoff before the second attempt, doubled each time (default 100 ms). */
  readonly baseDelayMs?: number;
  /** Cap of one backoff (default 20 s). */
  readonly maxDelayMs?: number;
  /** Waits `ms` milliseconds (default: a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter (default Math.random). */
  readonly random?: () => number;
  /** Whether an error is worth another attempt (default {@link isRetryableError}). */
  readonly isRetryable?: (e: unknown) => boolean;
}

/** Thrown by {@link withRetry} when every attempt failed with a retryable error: the last one, and the count. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempt(s): ${(lastError as Error | undefined)?.message ?? String(lastError)}`, {
      cause: lastError,
    });
    this.name = "RetriesExhausted";
  }
}

const THROTTLING = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "PriorRequestNotComplete",
]);
const TRANSIENT = new Set(["InternalError", "ServiceUnavailable", "RequestTimeout", "RequestTimeoutException", "TimeoutError"]);
const NETWORK = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * True for errors another attempt may cure: throttling (by name, or HTTP 429/503), any 5xx, and
 * network failures (ECONNRESET, ETIMEDOUT, ...). Works on AWS SDK errors (`name`, `$metadata`) and
 * Node system errors (`code`).
 */
export function isRetryableError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const err = e as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: unknown;
    cause?: unknown;
  };
  const name = typeof err.name === "string" ? err.name : "";
  const status = typeof err.$metadata?.httpStatusCode === "number" ? err.$metadata.httpStatusCode : undefined;
  if (THROTTLING.has(name) || TRANSIENT.has(name)) return true;
  if (status === 429 || (status !== undefined && status >= 500 && status <= 599)) return true;
  if (status !== undefined) return false; // a definite 4xx answer
  if (err.$retryable) return true;
  if (typeof err.code === "string" && NETWORK.has(err.code)) return true;
  return err.cause !== undefined && err.cause !== e && isRetryableError(err.cause);
}

/** The backoff before attempt `attempt + 1` (attempt counts from 1): full jitter over base * 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? 100;
  const cap = policy.maxDelayMs ?? 20_000;
  const random = policy.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}

/**
 * Runs `fn` until it succeeds, a non-retryable error occurs (rethrown as is), or `maxAttempts`
 * retryable failures happened ({@link RetriesExhausted}, holding the last error).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts ?? 5));
  const isRetryable = policy.isRetryable ?? isRetryableError;
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!isRetryable(e)) throw e;
      if (attempt >= maxAttempts) throw new RetriesExhausted(e, attempt);
      await sleep(backoffDelay(attempt, policy));
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
