/**
 * The entry point of a worker thread: loads the op modules, then runs tasks the engine sends,
 * fetches inputs from peer workers, serves its results to peers and to the engine, and reports.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { loadOpModules } from "../ops.js";
import type { FromWorker, PeerMessage, ToWorker, WorkerInit } from "../protocol.js";
import { WorkerRuntime, type WorkerReport } from "./runtime.js";
import { ResultStore } from "./store.js";

const init = workerData as WorkerInit;
// marks this thread as a Dusk worker: starting a pool of threads from here is refused (client.ts)
(globalThis as Record<symbol, unknown>)[Symbol.for("dusk.worker")] = init.id;
const port = parentPort!;
const send = (m: FromWorker): void => port.postMessage(m);

async function main(): Promise<void> {
  const { lookup, codecs } = await loadOpModules(init.opModules);
  const peers = new Map<number, MessagePort>();
  // results offered to the peers (pushed) and still in memory here; results peers offered this
  // worker, by key, until a task here takes them (or their holder lets them go)
  const pushed = new Set<string>();
  const offered = new Map<string, { from: number; value: unknown }>();
  const forget = (keys: readonly string[]): void => {
    const gone = keys.filter((k) => pushed.delete(k));
    if (gone.length > 0) for (const p of peers.values()) p.postMessage({ type: "forget", keys: gone } satisfies PeerMessage);
  };
  const store = new ResultStore(codecs, init.memoryLimit, init.spillDir, (key) => forget([key]));
  const running = new Int32Array(init.running);
  const pending = new Map<number, { peer: number; key: string; resolve(v: unknown): void }>();
  let nextId = 0;

  let reports: WorkerReport[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (reports.length === 0) return;
    send({ type: "reports", reports, stats: store.stats() });
    reports = [];
    lastFlush = performance.now();
  };

  // results dropped between tasks change the memory figures too: report them within 50 ms (for dashboards)
  let statsTimer: ReturnType<typeof setTimeout> | null = null;
  const statsSoon = (): void => {
    if (statsTimer !== null) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      if (reports.length > 0) flush();
      else send({ type: "reports", reports: [], stats: store.stats() });
    }, 50);
    statsTimer.unref();
  };

  const shared = (key: string): { found: boolean; value?: unknown; error?: string } => {
    try {
      const v = runtime.get(key);
      if (v === undefined && !store.has(key)) return { found: false };
      const s = store.share(v);
      store.replace(key, s); // later sends are free, and memory is not doubled
      return { found: true, value: s };
    } catch (e) {
      // answer instead of dying: the asker names the key and this error
      return { found: false, error: `worker ${init.id} could not read ${key}: ${(e as Error).message}` };
    }
  };

  const runtime = new WorkerRuntime(init.id, lookup, store, {
    fetch: async (key, holders) => {
      const o = offered.get(key);
      if (o !== undefined && holders.includes(o.from)) {
        offered.delete(key); // the task stores it (a replica): one reference is enough
        return o.value;
      }
      for (const h of holders) {
        const p = peers.get(h);
        if (!p) continue;
        const id = nextId++;
        const got = await new Promise<unknown>((resolve) => {
          pending.set(id, { peer: h, key, resolve });
          p.postMessage({ type: "get", id, key } satisfies PeerMessage);
        });
        if (got !== undefined) return got;
      }
      return undefined;
    },
    report: (r) => { reports.push(r); },
    // sent before the task's "finished" report (that one waits for the next flush): the engine has
    // the value by the time it hears the task is done
    deliver: (key) => {
      const r = shared(key);
      if (r.found) send({ type: "delivered", key, value: r.value });
    },
    // shared memory: offering costs the peers a message, not a copy
    push: (key) => {
      if (peers.size === 0) return;
      const r = shared(key);
      if (!r.found) return;
      for (const p of peers.values()) p.postMessage({ type: "push", key, value: r.value } satisfies PeerMessage);
      pushed.add(key);
    },
    running: (seq) => {
      Atomics.store(running, 0, seq);
      if (seq >= 0 && reports.length > 0 && (reports.length >= 64 || performance.now() - lastFlush > 1)) flush();
    },
    idle: flush,
  });

  const onPeer = (from: number, p: MessagePort) => (m: PeerMessage): void => {
    if (m.type === "get") {
      const r = shared(m.key);
      p.postMessage({ type: "got", id: m.id, key: m.key, ...r } satisfies PeerMessage);
    } else if (m.type === "push") {
      // a task here asked for it already: that answer is this (the asked worker answers once idle)
      for (const [id, w] of pending) {
        if (w.peer === from && w.key === m.key) { pending.delete(id); w.resolve(m.value); return; }
      }
      offered.set(m.key, { from, value: m.value });
    } else if (m.type === "forget") {
      for (const k of m.keys) if (offered.get(k)?.from === from) offered.delete(k);
    } else {
      const w = pending.get(m.id);
      if (!w) return;
      pending.delete(m.id);
      w.resolve(m.found ? m.value : undefined);
    }
  };

  port.on("message", (m: ToWorker) => {
    switch (m.type) {
      case "run": runtime.enqueue(m.specs); break;
      case "drop": runtime.drop(m.keys); forget(m.keys); statsSoon(); break;
      case "abandon": runtime.abandon(m.keys); break;
      case "fetch": send({ type: "value", id: m.id, key: m.key, ...shared(m.key) }); break;
      case "peer": {
        peers.set(m.worker, m.port);
        m.port.on("message", onPeer(m.worker, m.port));
        m.port.unref();
        break;
      }
      case "peer-gone": {
        peers.get(m.worker)?.close();
        peers.delete(m.worker);
        for (const [k, o] of offered) if (o.from === m.worker) offered.delete(k);
        for (const [id, w] of pending) if (w.peer === m.worker) { pending.delete(id); w.resolve(undefined); }
        break;
      }
    }
  });
  process.on("exit", () => store.clear());
  send({ type: "ready" });
}

main().catch((e: Error) => send({ type: "fatal", message: e.message, stack: e.stack }));
