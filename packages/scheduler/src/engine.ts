/**
 * The engine: one scheduler state machine driving one backend. Computations submit tasks and wait
 * for the keys they want; futures hold keys; results are fetched from the worker holding them
 * only when the caller asks.
 */
import { DuskError } from "@dusk/core";
import type { Backend } from "./backends/backend.js";
import { keyGroup, type GroupProgress, type ProgressEvent } from "./progress.js";
import { SchedulerState, type SchedulerOptions } from "./state/machine.js";
import type { SchedulerAction, SchedulerEvent } from "./state/events.js";
import type { TaskSpec } from "./task.js";
import { fromFailure } from "./worker/runtime.js";

export interface RunOptions {
  /** Cancels the computation: the promise rejects with CANCELLED once none of its tasks runs. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ProgressEvent) => void;
  /**
   * Applied to each output's value as soon as it arrives, while later outputs are still being
   * computed (the result holds what it returns): conversion work done here overlaps the workers'.
   */
  readonly each?: (value: unknown, index: number) => unknown;
}

interface Waiter { resolve(): void; reject(e: Error): void }

/**
 * Sees what the engine sees, for dashboards: every event after the scheduler handled it (tasks
 * submitted; a task finished, with its worker and duration in ms; failed; workers added and lost).
 * Called synchronously on the engine's thread: keep it cheap, and do not throw (an observer that
 * throws is detached with a warning). Without observers the engine pays one size check per event.
 *
 * @example
 * ```ts
 * const stop = client.engine.observe({ event: (e) => { if (e.type === "finished") console.log(e.key, e.worker, e.ms); } });
 * stop(); // detaches it
 * ```
 */
export interface EngineObserver {
  event(e: SchedulerEvent): void;
  /** The engine was closed. */
  closed?(): void;
}

interface Tracker {
  readonly keys: Set<string>;
  done: number;
  readonly groups: Record<string, GroupProgress>;
  readonly listener: (p: ProgressEvent) => void;
}

export class Engine {
  private readonly state: SchedulerState;
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly trackers = new Set<Tracker>();
  private readonly pendingAbandons = new Set<Promise<void>>();
  private readonly observers = new Set<EngineObserver>();
  /** Outputs of running compute() calls (counted): their tasks send results as soon as made. */
  private readonly delivering = new Map<string, number>();
  private seq = 0;
  private busy = 0;
  private closed = false;

  constructor(readonly backend: Backend, options: SchedulerOptions = {}) {
    this.state = new SchedulerState(options);
  }

  async start(): Promise<void> {
    await this.backend.start((e) => this.event(e));
  }

  /** The scheduler state (read-only use: tests, dashboards). */
  get scheduler(): SchedulerState { return this.state; }

  event(e: SchedulerEvent): void {
    const actions = this.state.handle(e);
    if (e.type === "finished" && this.trackers.size > 0) this.progress(e.key);
    if (this.observers.size > 0) this.notify(e);
    this.apply(actions);
  }

  /** Adds an observer of every event (see EngineObserver); returns a function that detaches it. */
  observe(observer: EngineObserver): () => void {
    this.observers.add(observer);
    return () => { this.observers.delete(observer); };
  }

  private notify(e: SchedulerEvent): void {
    for (const o of this.observers) {
      try {
        o.event(e);
      } catch (err) {
        this.observers.delete(o);
        process.emitWarning(`dusk: an engine observer threw and was detached: ${(err as Error).message}`);
      }
    }
  }

  private apply(actions: readonly SchedulerAction[]): void {
    for (const a of actions) {
      switch (a.type) {
        case "run": {
          const deliver = this.delivering.has(a.task.key);
          this.backend.run(a.worker, {
            seq: ++this.seq, task: a.task, holders: a.holders, ...(deliver ? { deliver } : {}), ...(a.feeds ? { push: true } : {}),
          });
          break;
        }
        case "drop": this.backend.drop(a.worker, a.keys); break;
        case "ready": this.settle(a.key, null); break;
        case "erred": this.settle(a.key, fromFailure(a.error)); break;
        case "abandoned": {
          const p = this.backend.abandon(a.worker, a.keys).finally(() => this.pendingAbandons.delete(p));
          this.pendingAbandons.add(p);
          break;
        }
      }
    }
  }

  private settle(key: string, error: Error | null): void {
    const ws = this.waiters.get(key);
    if (!ws) return;
    this.waiters.delete(key);
    for (const w of ws) { if (error) w.reject(error); else w.resolve(); }
  }

  private hold(): void { if (this.busy++ === 0) this.backend.setBusy(true); }
  private unhold(): void { if (--this.busy === 0) this.backend.setBusy(false); }

  /** Adds tasks (known keys are shared) and takes a reference on each wanted key. */
  submit(tasks: readonly TaskSpec[], wanted: readonly string[]): void {
    if (this.closed) throw new DuskError("INVALID_ARGUMENT", "this client is closed; start a new one");
    this.event({ type: "submit", tasks, wanted });
  }

  /** Gives up one reference on each key; results nobody needs are dropped. */
  release(keys: readonly string[]): void {
    if (this.closed || keys.length === 0) return;
    this.event({ type: "release", keys });
  }

  /** Resolves when `key` (wanted) is in memory; rejects with its task's error. */
  whenReady(key: string): Promise<void> {
    const s = this.state.stateOf(key);
    if (s === "memory") return Promise.resolve();
    if (s === "erred") return Promise.reject(fromFailure(this.state.errorOf(key)!));
    if (s === undefined) return Promise.reject(new DuskError("INVALID_ARGUMENT", `no task ${key} (it was released)`));
    return new Promise<void>((resolve, reject) => {
      this.hold();
      let list = this.waiters.get(key);
      if (!list) this.waiters.set(key, (list = []));
      list.push({ resolve: () => { this.unhold(); resolve(); }, reject: (e) => { this.unhold(); reject(e); } });
    });
  }

  /** The value of a key in memory, from one of the workers holding it. */
  async fetch(key: string): Promise<unknown> {
    this.hold(); // until the value is here, the process must not exit
    try {
      let last: Error | null = null;
      for (let attempt = 0; attempt < 5; attempt++) {
        await this.whenReady(key);
        for (const h of this.state.holdersOf(key)) {
          try { return await this.backend.fetch(h, key); } catch (e) { last = e as Error; /* that worker died or dropped it: try the next */ }
        }
      }
      throw new DuskError("INTERNAL", `could not fetch ${key} from any worker${last ? ` (last: ${last.message})` : ""}`, { key }, { cause: last });
    } finally {
      this.unhold();
    }
  }

  /** Runs tasks and returns the values of `outputs`, in order. */
  async compute(tasks: readonly TaskSpec[], outputs: readonly string[], options: RunOptions = {}): Promise<unknown[]> {
    const { signal, onProgress, each } = options;
    if (signal?.aborted) throw cancelled(signal);
    let tracker: Tracker | null = null;
    if (onProgress) {
      tracker = { keys: new Set(), done: 0, groups: {}, listener: onProgress };
      for (const t of tasks) {
        tracker.keys.add(t.key);
        const g = (tracker.groups[keyGroup(t.key)] ??= { done: 0, total: 0 });
        g.total++;
      }
    }
    for (const k of outputs) this.delivering.set(k, (this.delivering.get(k) ?? 0) + 1);
    try {
      this.submit(tasks, outputs);
    } catch (e) {
      this.stopDelivering(outputs);
      throw e;
    }
    this.hold();
    if (tracker) {
      for (const k of tracker.keys) {
        if (this.state.stateOf(k) === "memory") { tracker.done++; tracker.groups[keyGroup(k)].done++; tracker.keys.delete(k); }
      }
      this.trackers.add(tracker);
    }
    let released = false;
    const releaseAll = (): void => { if (!released) { released = true; this.release(outputs); } };
    let onAbort: (() => void) | null = null;
    const aborted = new Promise<never>((_, reject) => {
      if (!signal) return;
      onAbort = () => {
        releaseAll();
        void Promise.all([...this.pendingAbandons]).then(() => reject(cancelled(signal)));
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const values = await Promise.race([
        Promise.all(outputs.map((k, i) => (each === undefined ? this.fetch(k) : this.fetch(k).then((v) => each(v, i))))),
        aborted,
      ]);
      return values;
    } finally {
      this.stopDelivering(outputs);
      releaseAll();
      if (signal && onAbort) signal.removeEventListener("abort", onAbort);
      if (tracker) this.trackers.delete(tracker);
      this.unhold();
    }
  }

  private stopDelivering(outputs: readonly string[]): void {
    for (const k of outputs) {
      const n = this.delivering.get(k)! - 1;
      if (n === 0) this.delivering.delete(k);
      else this.delivering.set(k, n);
    }
  }

  private progress(key: string): void {
    const stats = this.backend.stats();
    for (const t of this.trackers) {
      if (!t.keys.delete(key)) continue;
      t.done++;
      t.groups[keyGroup(key)].done++;
      t.listener({
        done: t.done, total: t.done + t.keys.size, groups: t.groups,
        keysInMemory: stats.keys, memoryBytes: stats.memoryBytes, spilledBytes: stats.spilledBytes,
      });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [key] of this.waiters) this.settle(key, new DuskError("CANCELLED", "the client was closed"));
    for (const o of this.observers) { try { o.closed?.(); } catch { /* closing anyway */ } }
    this.observers.clear();
    await this.backend.close();
  }
}

function cancelled(signal: AbortSignal): DuskError {
  const reason = signal.reason instanceof Error ? signal.reason.message : signal.reason === undefined ? "" : String(signal.reason);
  return new DuskError("CANCELLED", `the computation was cancelled${reason ? ` (${reason})` : ""}`);
}
