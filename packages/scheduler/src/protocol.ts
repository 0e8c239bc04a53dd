/**
 * Messages between the engine (calling thread) and workers, and between workers. Plain data only:
 * the same messages can travel over NATS to workers on other hosts.
 */
import type { MessagePort } from "node:worker_threads";
import type { RunSpec, WorkerReport } from "./worker/runtime.js";
import type { StoreStats } from "./worker/store.js";

export interface WorkerInit {
  readonly id: number;
  /** Modules exporting `ops` (an OpRegistry) and optionally `codecs` (Codec[]). */
  readonly opModules: readonly string[];
  readonly memoryLimit: number;
  readonly spillDir: string;
  /** Int32Array[1]: the sequence number of the running task, -1 when idle. */
  readonly running: SharedArrayBuffer;
}

export type ToWorker =
  | { readonly type: "run"; readonly specs: readonly RunSpec[] }
  | { readonly type: "drop"; readonly keys: readonly string[] }
  | { readonly type: "abandon"; readonly keys: readonly string[] }
  | { readonly type: "fetch"; readonly id: number; readonly key: string }
  | { readonly type: "peer"; readonly worker: number; readonly port: MessagePort }
  | { readonly type: "peer-gone"; readonly worker: number };

export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "fatal"; readonly message: string; readonly stack?: string }
  | { readonly type: "reports"; readonly reports: readonly WorkerReport[]; readonly stats: StoreStats }
  /** `error`: the worker holds the key but could not produce it (e.g. its spill file is unreadable). */
  | { readonly type: "value"; readonly id: number; readonly key: string; readonly found: boolean; readonly value?: unknown; readonly error?: string }
  /** The result of a task run with `deliver`, sent unasked as soon as it is stored. */
  | { readonly type: "delivered"; readonly key: string; readonly value: unknown };

export type PeerMessage =
  | { readonly type: "get"; readonly id: number; readonly key: string }
  /** A result offered unasked (its task ran with `push`): kept until used, or until `forget`. */
  | { readonly type: "push"; readonly key: string; readonly value: unknown }
  /** Offered results the sender no longer holds in memory (dropped or spilled): let go of them. */
  | { readonly type: "forget"; readonly keys: readonly string[] }
  | { readonly type: "got"; readonly id: number; readonly key: string; readonly found: boolean; readonly value?: unknown; readonly error?: string };
