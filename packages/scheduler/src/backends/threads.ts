/**
 * The worker-thread backend: a pool of worker threads (one per core by default), each holding the
 * results it computed. Workers fetch inputs from each other directly over MessageChannels; results
 * cross threads in shared memory. A worker that dies is replaced; its tasks are rerun by the
 * scheduler. Workers do not keep the process alive while the pool is idle.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { MessageChannel, Worker, type ResourceLimits, type WorkerOptions } from "node:worker_threads";
import { builtModuleUrl, DuskError } from "@dusk/core";
import type { FromWorker, ToWorker, WorkerInit } from "../protocol.js";
import type { SchedulerEvent } from "../state/events.js";
import type { RunSpec } from "../worker/runtime.js";
import type { StoreStats } from "../worker/store.js";
import type { Backend, BackendStats, WorkerStats } from "./backend.js";
import { noteShared } from "../shared-memory-gc.js";

export interface ThreadOptions {
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Bytes of results each worker holds in memory before spilling to disk (default: memory / workers). */
  readonly memoryLimit: number;
  /** Modules the workers load ops (and codecs) from. */
  readonly opModules: readonly string[];
  /**
   * Tasks queued per worker at a time. Default: adaptive — about 2 ms of work, from the worker's
   * recent task durations (2 for long tasks, up to 64 for microsecond ones).
   */
  readonly saturation?: number;
  /** Where spill directories go (default: the OS temp dir). */
  readonly spillRoot?: string;
  /** V8 limits for each worker (e.g. { maxOldGenerationSizeMb }): a worker over them dies alone, and is replaced. */
  readonly resourceLimits?: ResourceLimits;
}

interface Slot {
  readonly id: number;
  readonly worker: Worker;
  readonly running: Int32Array;
  readonly seqToKey: Map<number, string>;
  readonly keyToSeq: Map<string, number>;
  stats: StoreStats;
  /** Moving average of task durations (ms) and the queue length it implies. */
  avgMs: number;
  slots: number;
  runs: RunSpec[];
  drops: string[];
  error: Error | null;
  dead: boolean;
  killed: boolean;
  ready: boolean;
  readonly exited: Promise<void>;
}

const NO_STATS: StoreStats = { keys: 0, memoryBytes: 0, spilledBytes: 0, spilledKeys: 0 };

export class ThreadBackend implements Backend {
  private readonly slots = new Map<number, Slot>();
  private readonly fetches = new Map<number, { worker: number; resolve(v: unknown): void; reject(e: Error): void }>();
  /** Results workers sent unasked (tasks run with `deliver`), until fetched or dropped. */
  private readonly delivered = new Map<string, { worker: number; value: unknown }>();
  private events: (e: SchedulerEvent) => void = () => {};
  private nextWorker = 0;
  private nextFetch = 0;
  private flushQueued = false;
  private busy = false;
  private closing = false;
  private readonly root: string;
  private readonly workerUrl: string;
  readonly size: number;

  constructor(private readonly options: ThreadOptions) {
    this.size = options.workers ?? availableParallelism();
    if (!Number.isInteger(this.size) || this.size < 1) {
      throw new DuskError("INVALID_ARGUMENT", `workers must be a whole number ≥ 1, got ${String(options.workers)}`);
    }
    this.root = mkdtempSync(join(options.spillRoot ?? tmpdir(), `dusk-${process.pid}-`));
    this.workerUrl = builtModuleUrl("../worker/main.js", import.meta.url);
    process.once("exit", this.removeRoot);
  }

  /** Removes the spill directory; also at process exit, for a pool never closed. */
  private readonly removeRoot = (): void => { rmSync(this.root, { recursive: true, force: true }); };

  async start(events: (e: SchedulerEvent) => void): Promise<void> {
    this.events = events;
    await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
  }

  private async spawn(): Promise<void> {
    const id = this.nextWorker++;
    const running = new SharedArrayBuffer(4);
    new Int32Array(running)[0] = -1;
    const init: WorkerInit = {
      id, opModules: this.options.opModules, memoryLimit: this.options.memoryLimit,
      spillDir: join(this.root, `w${id}`), running,
    };
    const worker = newWorker(new URL(this.workerUrl), { workerData: init, resourceLimits: this.options.resourceLimits });
    let resolveExit!: () => void;
    const slot: Slot = {
      id, worker, running: new Int32Array(running), seqToKey: new Map(), keyToSeq: new Map(), stats: NO_STATS, avgMs: 5, slots: this.options.saturation ?? 4,
      runs: [], drops: [], error: null, dead: false, killed: false, ready: false, exited: new Promise<void>((r) => { resolveExit = r; }),
    };
    const ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") resolve();
        else if (m.type === "fatal") reject(new DuskError("INTERNAL", `worker ${id} could not start: ${m.message}`, { stack: m.stack ?? "" }));
        else this.onMessage(slot, m);
      });
      worker.on("error", (e) => { slot.error = e; reject(e); });
      worker.on("exit", (code) => { resolveExit(); this.onExit(slot, code); reject(new DuskError("WORKER_DIED", `worker ${id} exited with code ${code} while starting`)); });
    });
    await ready;
    slot.ready = true;
    if (!this.busy) worker.unref(); // an idle pool never keeps a script from exiting
    // connect to every live worker
    for (const other of this.slots.values()) {
      if (other.dead) continue;
      const { port1, port2 } = new MessageChannel();
      other.worker.postMessage({ type: "peer", worker: id, port: port1 } satisfies ToWorker, [port1]);
      worker.postMessage({ type: "peer", worker: other.id, port: port2 } satisfies ToWorker, [port2]);
    }
    this.slots.set(id, slot);
    this.events({ type: "worker-added", worker: id, slots: slot.slots });
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === "reports") {
      slot.stats = m.stats;
      for (const r of m.reports) {
        if (r.type === "finished" || r.type === "failed" || r.type === "missing-input") {
          const seq = slot.keyToSeq.get(r.key);
          if (seq !== undefined) { slot.keyToSeq.delete(r.key); slot.seqToKey.delete(seq); }
        }
        if (r.type === "finished") slot.avgMs = 0.8 * slot.avgMs + 0.2 * r.ms;
        this.events({ ...r, worker: slot.id } as SchedulerEvent);
      }
      this.adaptSlots(slot);
    } else if (m.type === "delivered") {
      noteShared(m.value); // results arrive in shared memory, which V8 does not count
      this.delivered.set(m.key, { worker: slot.id, value: m.value });
    } else if (m.type === "value") {
      if (m.found) noteShared(m.value);
      const f = this.fetches.get(m.id);
      if (!f) return;
      this.fetches.delete(m.id);
      if (m.found) f.resolve(m.value);
      else f.reject(new DuskError("INTERNAL", m.error ?? `worker ${slot.id} no longer holds ${m.key}`));
    }
  }

  /** Keeps about 2 ms of work queued on a worker (unless a fixed saturation was given). */
  private adaptSlots(slot: Slot): void {
    if (this.options.saturation !== undefined) return;
    const want = Math.max(2, Math.min(64, Math.ceil(2 / Math.max(slot.avgMs, 0.001))));
    if (want >= slot.slots * 2 || want * 2 <= slot.slots) {
      slot.slots = want;
      this.events({ type: "worker-slots", worker: slot.id, slots: want });
    }
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot.id);
    rmSync(join(this.root, `w${slot.id}`), { recursive: true, force: true });
    for (const [key, d] of this.delivered) if (d.worker === slot.id) this.delivered.delete(key);
    for (const [id, f] of this.fetches) {
      if (f.worker === slot.id) { this.fetches.delete(id); f.reject(new DuskError("WORKER_DIED", `worker ${slot.id} died`)); }
    }
    if (this.closing || !slot.ready) return; // one that never started is not replaced (start() reports why)
    for (const other of this.slots.values()) other.worker.postMessage({ type: "peer-gone", worker: slot.id } satisfies ToWorker);
    const seq = Atomics.load(slot.running, 0);
    const running = seq >= 0 ? slot.seqToKey.get(seq) ?? null : null;
    const reason = slot.killed ? "stopped to cancel its task" : slot.error ? `${slot.error.name}: ${slot.error.message}` : `exited with code ${code}`;
    this.events({ type: "worker-lost", worker: slot.id, running, reason, blame: !slot.killed });
    void this.spawn().catch((e: Error) => {
      // cannot replace it: the remaining workers carry on
      process.emitWarning(`dusk: could not replace worker ${slot.id}: ${e.message}`);
    });
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      for (const s of this.slots.values()) {
        if (s.drops.length > 0) { s.worker.postMessage({ type: "drop", keys: s.drops } satisfies ToWorker); s.drops = []; }
        if (s.runs.length > 0) { s.worker.postMessage({ type: "run", specs: s.runs } satisfies ToWorker); s.runs = []; }
      }
    });
  }

  run(worker: number, spec: RunSpec): void {
    const s = this.slots.get(worker);
    if (!s) return; // died: the scheduler hears of it
    s.seqToKey.set(spec.seq, spec.task.key);
    s.keyToSeq.set(spec.task.key, spec.seq);
    s.runs.push(spec);
    this.queueFlush();
  }

  drop(worker: number, keys: readonly string[]): void {
    const s = this.slots.get(worker);
    for (const k of keys) if (this.delivered.get(k)?.worker === worker) this.delivered.delete(k);
    if (!s) return;
    s.drops.push(...keys);
    this.queueFlush();
  }

  async abandon(worker: number, keys: readonly string[]): Promise<void> {
    const s = this.slots.get(worker);
    if (!s) return;
    const seq = Atomics.load(s.running, 0);
    const runningKey = seq >= 0 ? s.seqToKey.get(seq) : undefined;
    if (runningKey !== undefined && keys.includes(runningKey)) {
      // it is running now: stop the worker (it is replaced; its other work is rerun)
      s.killed = true;
      await s.worker.terminate();
      await s.exited;
      return;
    }
    s.worker.postMessage({ type: "abandon", keys } satisfies ToWorker);
  }

  fetch(worker: number, key: string): Promise<unknown> {
    const d = this.delivered.get(key);
    if (d !== undefined) {
      this.delivered.delete(key);
      return Promise.resolve(d.value);
    }
    const s = this.slots.get(worker);
    if (!s) return Promise.reject(new DuskError("WORKER_DIED", `worker ${worker} is gone`));
    const id = this.nextFetch++;
    return new Promise((resolve, reject) => {
      this.fetches.set(id, { worker, resolve, reject });
      s.worker.postMessage({ type: "fetch", id, key } satisfies ToWorker);
    });
  }

  stats(): BackendStats {
    let keys = 0, memoryBytes = 0, spilledBytes = 0;
    for (const s of this.slots.values()) { keys += s.stats.keys; memoryBytes += s.stats.memoryBytes; spilledBytes += s.stats.spilledBytes; }
    return { workers: this.slots.size, keys, memoryBytes, spilledBytes };
  }

  workerStats(): WorkerStats[] {
    const out: WorkerStats[] = [];
    for (const s of this.slots.values()) {
      out.push({ worker: s.id, keys: s.stats.keys, memoryBytes: s.stats.memoryBytes, spilledBytes: s.stats.spilledBytes, memoryLimit: this.options.memoryLimit });
    }
    return out;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    for (const s of this.slots.values()) { if (busy) s.worker.ref(); else s.worker.unref(); }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots.values()].map((s) => s.worker.terminate()));
    this.slots.clear();
    process.off("exit", this.removeRoot); // a closed pool leaves no listener behind
    this.removeRoot();
  }
}

/** Flags Node refused in a worker's execArgv, as its error named them (see {@link workerExecArgv}). */
const refusedFlags = new Set<string>();

/**
 * The parent's Node flags for a worker, minus custom export conditions (workers must resolve
 * packages to their built JavaScript even when the parent resolves to TypeScript sources: tests use
 * `--conditions source`) and minus the flags in `refused`, with their values. Node refuses V8 and
 * per-process options in a worker's execArgv (`node --max-old-space-size=8192 job.mjs`, `--expose-gc`,
 * `--openssl-legacy-provider`); they hold for the whole process, workers included, anyway.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv, refused: ReadonlySet<string> = refusedFlags): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-C" || a === "--conditions") { i++; continue; }
    if (a.startsWith("--conditions=") || a.startsWith("-C=")) continue;
    if (refused.has(a)) {
      if (!a.includes("=") && i + 1 < argv.length && !argv[i + 1].startsWith("-")) i++; // its value
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * A worker with the parent's flags ({@link workerExecArgv}). Which flags Node refuses in a worker
 * is learned from its error, which names them: they are dropped, remembered for later workers, and
 * the worker is made again.
 */
function newWorker(url: URL, options: Omit<WorkerOptions, "execArgv">): Worker {
  for (;;) {
    try {
      return new Worker(url, { ...options, execArgv: workerExecArgv() });
    } catch (e) {
      const named = (e as { code?: unknown }).code === "ERR_WORKER_INVALID_EXEC_ARGV" ? /flags: (.*)$/.exec((e as Error).message)?.[1].split(", ") ?? [] : [];
      const fresh = named.filter((f) => !refusedFlags.has(f));
      if (fresh.length === 0) throw e;
      for (const f of fresh) refusedFlags.add(f);
    }
  }
}
