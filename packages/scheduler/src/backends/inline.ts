/**
 * The inline backend: one worker, in the calling thread, running one task at a time in the
 * scheduler's order. For debugging and small work.
 */
import type { Codec } from "../codec.js";
import type { SchedulerEvent } from "../state/events.js";
import { ResultStore } from "../worker/store.js";
import { WorkerRuntime, type OpLookup, type RunSpec, type WorkerReport } from "../worker/runtime.js";
import type { Backend, BackendStats, WorkerStats } from "./backend.js";
import { builtinOps, loadOpModules } from "../ops.js";

export interface InlineOptions {
  /** Modules to load ops (and codecs) from, as workers do. */
  readonly opModules?: readonly string[];
  readonly memoryLimit?: number;
  readonly spillDir?: string | null;
  readonly codecs?: readonly Codec[];
}

export class InlineBackend implements Backend {
  private runtime: WorkerRuntime | null = null;
  private store: ResultStore;
  private ops: OpLookup;
  private codecsExtra: readonly Codec[] = [];

  constructor(ops: OpLookup | null, private readonly options: InlineOptions = {}) {
    const given = ops;
    this.ops = (name) => builtinOps.get(name) ?? given?.(name);
    this.store = new ResultStore(options.codecs ?? [], options.memoryLimit ?? Infinity, options.spillDir ?? null);
  }

  async start(events: (e: SchedulerEvent) => void): Promise<void> {
    if (this.options.opModules?.length) {
      const { lookup, codecs } = await loadOpModules(this.options.opModules);
      const first = this.ops;
      this.ops = (name) => first(name) ?? lookup(name);
      this.codecsExtra = codecs;
      this.store = new ResultStore([...(this.options.codecs ?? []), ...this.codecsExtra], this.options.memoryLimit ?? Infinity, this.options.spillDir ?? null);
    }
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
  workerStats(): WorkerStats[] {
    const s = this.store.stats();
    return [{ worker: 0, keys: s.keys, memoryBytes: s.memoryBytes, spilledBytes: s.spilledBytes, memoryLimit: this.store.memoryLimit }];
  }
  setBusy(): void { /* the calling thread is busy by itself */ }
  async close(): Promise<void> { this.store.clear(); }
}
