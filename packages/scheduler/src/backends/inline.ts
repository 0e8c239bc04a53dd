/**
 * The inline backend: one worker, in the calling thread, running one task at a time in the
 * scheduler's order. For debugging and small work.
 */
import type { Codec } from "../codec.js";
import type { SchedulerEvent } from "../state/events.js";
import { ResultStore } from "../worker/store.js";
import { WorkerRuntime, type OpLookup, type RunSpec, type WorkerReport } from "../worker/runtime.js";
import type { Backend, BackendStats } from "./backend.js";

export interface InlineOptions {
  readonly memoryLimit?: number;
  readonly spillDir?: string | null;
  readonly codecs?: readonly Codec[];
}

export class InlineBackend implements Backend {
  private runtime: WorkerRuntime | null = null;
  private readonly store: ResultStore;

  constructor(private readonly ops: OpLookup, options: InlineOptions = {}) {
    this.store = new ResultStore(options.codecs ?? [], options.memoryLimit ?? Infinity, options.spillDir ?? null);
  }

  async start(events: (e: SchedulerEvent) => void): Promise<void> {
    const toEvent = (r: WorkerReport): SchedulerEvent => ({ ...r, worker: 0 }) as SchedulerEvent;
    this.runtime = new WorkerRuntime(0, this.ops, this.store, {
      fetch: async () => undefined,
      report: (r) => events(toEvent(r)),
    });
    events({ type: "worker-added", worker: 0, slots: 1 });
  }

  run(_worker: number, spec: RunSpec): void { this.runtime!.enqueue([spec]); }
  drop(_worker: number, keys: readonly string[]): void { this.runtime!.drop(keys); }
  async abandon(_worker: number, keys: readonly string[]): Promise<void> { this.runtime!.abandon(keys); }
  async fetch(_worker: number, key: string): Promise<unknown> { return this.runtime!.get(key); }
  stats(): BackendStats {
    const s = this.store.stats();
    return { workers: 1, keys: s.keys, memoryBytes: s.memoryBytes, spilledBytes: s.spilledBytes };
  }
  setBusy(): void { /* the calling thread is busy by itself */ }
  async close(): Promise<void> { this.store.clear(); }
}
