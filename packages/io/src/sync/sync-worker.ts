/**
 * The helper worker of `runSync`: runs `import(moduleUrl)[exportName](...args)` for each request,
 * posts the result (or the flattened error) on its answer port, then stores the request id in the
 * shared flag and wakes the caller blocked in Atomics.wait. Requests run one at a time, as the
 * caller is blocked until each is answered. Runs as JavaScript from dist/ (see builtModuleUrl in @dusk/core).
 *
 * @example
 * ```ts
 * new Worker(builtModuleUrl("./sync-worker.js", import.meta.url), { workerData: { port, flag }, transferList: [port] });
 * ```
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SerializedError, SyncRequest, SyncResponse, SyncWorkerData } from "./protocol.js";

const { port, flag } = workerData as SyncWorkerData;
const done = new Int32Array(flag);

parentPort?.on("message", (req: SyncRequest) => {
  void handle(req);
});
// Tell the caller, which waits on slot 1 before its first request, that requests are now handled.
Atomics.store(done, 1, 1);
Atomics.notify(done, 1);

async function handle(req: SyncRequest): Promise<void> {
  let response: SyncResponse;
  try {
    response = { id: req.id, ok: true, value: await call(req) };
  } catch (e) {
    response = { id: req.id, ok: false, error: serializeError(e) };
  }
  answer(response, req);
  Atomics.store(done, 0, req.id);
  Atomics.notify(done, 0);
}

async function call(req: SyncRequest): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(req.moduleUrl)) as Record<string, unknown>;
  } catch (e) {
    throw duskLike(
      "INVALID_ARGUMENT",
      `runSync could not load ${req.moduleUrl}: ${(e as Error).message} (worker threads run JavaScript: pass the URL of a built .js module)`,
      { module: req.moduleUrl },
    );
  }
  const fn = mod[req.exportName];
  if (typeof fn !== "function") {
    throw duskLike("INVALID_ARGUMENT", `runSync: ${req.moduleUrl} has no exported function "${req.exportName}"`, {
      module: req.moduleUrl,
      exportName: req.exportName,
    });
  }
  return await (fn as (...args: unknown[]) => unknown)(...req.args);
}

/** Posts the answer, transferring a lone byte array's buffer; falls back to an error when the value cannot be cloned. */
function answer(response: SyncResponse, req: SyncRequest): void {
  const transfer = response.ok ? transferable(response.value) : [];
  try {
    port.postMessage(response, transfer);
    return;
  } catch {
    // Retried below without the transfer (some buffers, e.g. Node's pooled ones, cannot move).
  }
  try {
    port.postMessage(response);
  } catch (e) {
    const error = serializeError(
      duskLike("INTERNAL", `runSync: the result of ${req.exportName} in ${req.moduleUrl} cannot be sent between threads: ${(e as Error).message}`, {
        module: req.moduleUrl,
        exportName: req.exportName,
      }),
    );
    port.postMessage({ id: req.id, ok: false, error } satisfies SyncResponse);
  }
}

function transferable(value: unknown): ArrayBuffer[] {
  if (!(value instanceof Uint8Array)) return [];
  const buf = value.buffer;
  const whole = buf instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buf.byteLength;
  return whole ? [buf] : [];
}

function serializeError(e: unknown): SerializedError {
  if (typeof e !== "object" || e === null) return { name: "Error", message: String(e) };
  const err = e as { name?: unknown; message?: unknown; code?: unknown; details?: unknown; stack?: unknown };
  const details = cloneable(err.details);
  return {
    name: typeof err.name === "string" ? err.name : "Error",
    message: typeof err.message === "string" ? err.message : String(e),
    ...(typeof err.code === "string" ? { code: err.code } : {}),
    ...(details === undefined ? {} : { details }),
    ...(typeof err.stack === "string" ? { stack: err.stack } : {}),
  };
}

/** Details that survive a structured clone: each field kept when it clones, dropped otherwise. */
function cloneable(details: unknown): Record<string, unknown> | undefined {
  if (typeof details !== "object" || details === null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    try {
      out[k] = structuredClone(v);
    } catch {
      out[k] = String(v);
    }
  }
  return out;
}

/** An error shaped like a DuskError (name, code, details) without importing @dusk/core into the worker. */
function duskLike(code: string, message: string, details: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { name: "DuskError", code, details });
}
