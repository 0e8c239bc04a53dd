import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { DuskError, type ErrorCode } from "@dusk/core";
import { builtModuleUrl } from "@dusk/core";
import type { SerializedError, SyncRequest, SyncResponse, SyncWorkerData } from "./protocol.js";

/** Options of {@link runSync}. */
export interface RunSyncOptions {
  /** Longest time to block, in milliseconds (default 120 000). */
  readonly timeoutMs?: number;
}

interface Helper {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Slot 0: id of the last finished call; slot 1: 1 once the worker handles requests. */
  readonly done: Int32Array;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const STARTUP_TIMEOUT_MS = 15_000;
let helper: Helper | undefined;
let nextId = 1;

/**
 * Calls the async function `exportName` of the JavaScript module at `moduleUrl` with `args` in the
 * helper worker and returns its result, blocking the calling thread until it is done.
 *
 * Runs an async function synchronously: `runSync(moduleUrl, exportName, args)` calls
 * `import(moduleUrl)[exportName](...args)` in a helper worker thread and blocks the calling thread
 * with Atomics.wait on a SharedArrayBuffer until the worker signals it finished; the result (or
 * error) is then read from a MessageChannel with receiveMessageOnPort. This is how Dusk's
 * synchronous `readCsv`/`readParquet` list and sample S3 while still returning a frame whose
 * columns are known.
 *
 * - One helper worker serves every call (modules, S3 clients and connections stay warm); it is
 *   unref'd, so it never keeps a script alive.
 * - Errors come back as DuskErrors with their code, message and details; other errors become
 *   INTERNAL DuskErrors carrying the original name and message.
 * - A call that takes longer than `timeoutMs` (default 120 s) stops the worker (the next call starts
 *   a fresh one) and throws an IO_ERROR naming the function.
 * - Arguments and results must survive a structured clone; a returned Uint8Array's buffer is moved, not copied.
 * - The module must be JavaScript (worker threads do not run TypeScript): pass a built `.js` URL.
 *
 * @example
 * ```ts
 * const files = runSync<FileInfo[]>(new URL("./discover.js", import.meta.url).href, "discoverFiles", ["s3://b/*.csv", { storageOptions }]);
 * ```
 */
export function runSync<T>(moduleUrl: string | URL, exportName: string, args: readonly unknown[], options: RunSyncOptions = {}): T {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new DuskError("INVALID_ARGUMENT", `runSync: timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const url = String(moduleUrl);
  const h = helperWorker();
  const id = nextId++;
  const request: SyncRequest = { id, moduleUrl: url, exportName, args: [...args] };
  const before = Atomics.load(h.done, 0);
  try {
    h.worker.postMessage(request);
  } catch (e) {
    throw new DuskError(
      "INVALID_ARGUMENT",
      `runSync: the arguments of ${exportName} (${url}) cannot be sent to a worker thread: ${(e as Error).message}`,
      { module: url, exportName },
      { cause: e },
    );
  }
  const deadline = Date.now() + timeoutMs;
  while (Atomics.load(h.done, 0) !== id) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(h.done, 0, before, left) === "timed-out") {
      if (Atomics.load(h.done, 0) === id) break;
      stopHelper();
      throw new DuskError(
        "IO_ERROR",
        `runSync: ${exportName} from ${url} did not finish within ${timeoutMs} ms, so its worker was stopped; ` +
          "if the store is just slow, pass a larger timeoutMs",
        { module: url, exportName, timeoutMs },
      );
    }
  }
  const response = readResponse(h.port, id);
  if (response === undefined) {
    stopHelper();
    throw new DuskError("INTERNAL", `runSync: the worker signalled that ${exportName} (${url}) finished but sent no answer`, {
      module: url,
      exportName,
    });
  }
  if (response.ok) return response.value as T;
  throw toDuskError(response.error, url, exportName);
}

function helperWorker(): Helper {
  if (helper !== undefined) return helper;
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(8);
  const data: SyncWorkerData = { port: port2, flag };
  const workerUrl = builtModuleUrl("./sync-worker.js", import.meta.url);
  const worker = new Worker(new URL(workerUrl), {
    workerData: data,
    transferList: [port2],
    execArgv: [],
  });
  worker.unref();
  port1.unref();
  const h: Helper = { worker, port: port1, done: new Int32Array(flag) };
  worker.on("error", () => {
    if (helper === h) helper = undefined;
  });
  worker.on("exit", () => {
    if (helper === h) helper = undefined;
  });
  helper = h;
  // A worker that cannot start (a broken build) would otherwise leave the first call waiting for its whole timeout.
  if (Atomics.wait(h.done, 1, 0, STARTUP_TIMEOUT_MS) === "timed-out" && Atomics.load(h.done, 1) !== 1) {
    stopHelper();
    throw new DuskError(
      "INTERNAL",
      `the runSync helper worker (${workerUrl}) did not start within ${STARTUP_TIMEOUT_MS} ms; ` +
        "rebuild with `npx tsc -b packages/io` and check that the built files load with node",
      { worker: workerUrl },
    );
  }
  return h;
}

function stopHelper(): void {
  const h = helper;
  helper = undefined;
  if (h === undefined) return;
  h.port.close();
  void h.worker.terminate();
}

/** The answer to `id`; answers to earlier ids (there should be none) are dropped. */
function readResponse(port: MessagePort, id: number): SyncResponse | undefined {
  for (;;) {
    const msg = receiveMessageOnPort(port);
    if (msg === undefined) return undefined;
    const response = msg.message as SyncResponse;
    if (response.id === id) return response;
  }
}

function toDuskError(e: SerializedError, url: string, exportName: string): DuskError {
  const cause = Object.assign(new Error(e.message), { name: e.name, stack: e.stack });
  if (e.name === "DuskError" && typeof e.code === "string") {
    return new DuskError(e.code as ErrorCode, e.message, e.details ?? {}, { cause });
  }
  return new DuskError("INTERNAL", `${exportName} (${url}) failed in the runSync worker: ${e.name}: ${e.message}`, { module: url, exportName }, { cause });
}
