/**
 * Messages between `runSync` (the blocked caller) and its helper worker. The caller posts a
 * {@link SyncRequest} to the worker; the worker answers with a {@link SyncResponse} on a
 * MessagePort, then stores the request id in the shared flag and notifies the waiting caller.
 *
 * @example
 * ```ts
 * const req: SyncRequest = { id: 1, moduleUrl: "file:///…/discover.js", exportName: "discoverFiles", args: ["data/*.csv"] };
 * ```
 */
import type { MessagePort } from "node:worker_threads";

/** One call: `import(moduleUrl)[exportName](...args)`. */
export interface SyncRequest {
  readonly id: number;
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
}

/** A thrown error, flattened so it survives the structured clone (DuskErrors keep code and details). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stack?: string;
}

/** The outcome of one call. */
export type SyncResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

/** What the helper worker receives at start: the answer port and the flags it signals on (Int32 slot 0 = last finished id, slot 1 = 1 once ready). */
export interface SyncWorkerData {
  readonly port: MessagePort;
  readonly flag: SharedArrayBuffer;
}
