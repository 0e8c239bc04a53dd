/**
 * The scheduler's state machine: events in, actions out, nothing else. It knows tasks by key and op
 * name, workers by number, and never what a result is — so it runs dataframes, `delayed` graphs and
 * futures alike, and does not care whether a worker is a thread or a process on another host.
 *
 * What it decides:
 * - which ready task runs next (lowest rank: earlier submissions first, then the graph's priority,
 *   which gives a memory-friendly depth-first order);
 * - where it runs: on the worker already holding most of its inputs' bytes, unless that worker is
 *   busy and the inputs are small enough to move; ties go to the least busy worker;
 * - when a result can go: as soon as the client does not want it and no task still needs it;
 * - what to do when a worker dies: rerun what it was running (a task that was running when
 *   `retries + 1` workers died fails with WORKER_DIED) and recompute what only it held, if needed.
 *
 * @example
 * ```ts
 * const s = new SchedulerState();
 * s.handle({ type: "worker-added", worker: 0, slots: 2 });
 * const actions = s.handle({ type: "submit", tasks, wanted: ["total"] }); // run actions for ready tasks
 * ```
 */
import { DuskError } from "@dusk/core";
import { PriorityQueue } from "../heap.js";
import type { TaskSpec } from "../task.js";
import type { SchedulerAction, SchedulerEvent, TaskFailure } from "./events.js";
import type { TaskRecord, TaskState, WorkerRecord } from "./records.js";

export interface SchedulerOptions {
  /** How many worker deaths a task may be blamed for before it fails (default 3). */
  readonly retries?: number;
  /** Input bytes that justify waiting for the busy worker holding them rather than moving them (default 16 MiB). */
  readonly moveThreshold?: number;
}

const GEN = 2 ** 32;
const ACTIVE: ReadonlySet<TaskState> = new Set(["waiting", "ready", "processing"]);

export class SchedulerState {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly workers = new Map<number, WorkerRecord>();
  private readonly queue = new PriorityQueue();
  private generation = 0;
  private out: SchedulerAction[] = [];
  private readonly retries: number;
  private readonly moveThreshold: number;

  constructor(options: SchedulerOptions = {}) {
    this.retries = options.retries ?? 3;
    this.moveThreshold = options.moveThreshold ?? 16 * 2 ** 20;
  }

  /** Applies one event; returns what to do. */
  handle(e: SchedulerEvent): SchedulerAction[] {
    this.out = [];
    switch (e.type) {
      case "submit": this.submit(e.tasks, e.wanted); break;
      case "release": for (const k of e.keys) this.unwant(k); break;
      case "finished": this.finished(e.key, e.worker, e.nbytes); break;
      case "failed": this.failed(e.key, e.worker, e.error); break;
      case "missing-input": this.missingInput(e.key, e.worker, e.input); break;
      case "replicated": this.replicated(e.key, e.worker, e.nbytes); break;
      case "worker-added":
        if (!this.workers.has(e.worker)) this.workers.set(e.worker, { id: e.worker, slots: e.slots, processing: new Set(), holds: new Set() });
        break;
      case "worker-slots": { const w = this.workers.get(e.worker); if (w) w.slots = Math.max(1, e.slots); break; }
      case "worker-lost": this.workerLost(e.worker, e.running, e.reason, e.blame ?? true); break;
    }
    this.assign();
    return this.out;
  }

  // ---- queries (for executors, progress and tests) ----

  stateOf(key: string): TaskState | undefined { return this.tasks.get(key)?.state; }
  holdersOf(key: string): number[] { return [...(this.tasks.get(key)?.holders ?? [])]; }
  /** The failure of an erred task. */
  errorOf(key: string): TaskFailure | null { return this.tasks.get(key)?.error ?? null; }
  has(key: string): boolean { return this.tasks.has(key); }
  get taskCount(): number { return this.tasks.size; }
  get workerIds(): number[] { return [...this.workers.keys()]; }
  /** Tasks per state. */
  counts(): Record<TaskState, number> {
    const c: Record<TaskState, number> = { waiting: 0, ready: 0, processing: 0, memory: 0, released: 0, erred: 0 };
    for (const t of this.tasks.values()) c[t.state]++;
    return c;
  }
  /** Keys a worker is running or holds. */
  workerState(id: number): { processing: string[]; holds: string[] } | undefined {
    const w = this.workers.get(id);
    return w && { processing: [...w.processing], holds: [...w.holds] };
  }

  // ---- events ----

  /** Throws GRAPH_INVALID, before anything changes, for unknown inputs or wanted keys and for cycles. */
  private validate(specs: readonly TaskSpec[], wanted: readonly string[]): void {
    const fresh = new Map<string, TaskSpec>();
    for (const s of specs) {
      const old = this.tasks.get(s.key);
      if (!old || old.state === "erred") fresh.set(s.key, s);
    }
    for (const s of fresh.values()) {
      for (const d of s.deps) {
        if (!fresh.has(d) && !this.tasks.has(d)) {
          throw new DuskError("GRAPH_INVALID", `task ${s.key} needs ${d}, which is neither in the graph nor known`, { task: s.key, input: d });
        }
      }
    }
    for (const k of wanted) {
      if (!fresh.has(k) && !this.tasks.has(k)) throw new DuskError("GRAPH_INVALID", `wanted key ${k} is not a task`, { task: k });
    }
    // cycles among the new tasks (known tasks never depend on new ones)
    const mark = new Map<string, 1 | 2>();
    for (const start of fresh.keys()) {
      if (mark.has(start)) continue;
      const stack: [string, number][] = [[start, 0]];
      mark.set(start, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const deps = fresh.get(top[0])!.deps;
        if (top[1] < deps.length) {
          const d = deps[top[1]++];
          if (!fresh.has(d)) continue;
          const m = mark.get(d);
          if (m === 1) throw new DuskError("GRAPH_INVALID", `the task graph has a cycle through ${d}`, { task: d });
          if (m === undefined) { mark.set(d, 1); stack.push([d, 0]); }
        } else {
          mark.set(top[0], 2);
          stack.pop();
        }
      }
    }
  }

  private submit(specs: readonly TaskSpec[], wanted: readonly string[]): void {
    this.validate(specs, wanted);
    const gen = ++this.generation;
    const fresh: TaskRecord[] = [];
    specs.forEach((spec, i) => {
      const old = this.tasks.get(spec.key);
      if (old && old.state !== "erred") return; // shared with an earlier submission
      if (old) this.forgetNow(old); // an erred task submitted again gets another chance
      const deps = [...new Set(spec.deps)];
      const rec: TaskRecord = {
        spec, state: "released", deps, dependents: new Set(), missing: new Set(), holders: new Set(), worker: -1,
        nbytes: 0, wanted: 0, suspicion: 0, rank: gen * GEN + (spec.priority ?? i), error: null,
      };
      this.tasks.set(spec.key, rec);
      fresh.push(rec);
    });
    for (const rec of fresh) {
      for (const d of rec.deps) {
        const dep = this.tasks.get(d);
        if (!dep) throw new DuskError("GRAPH_INVALID", `task ${rec.spec.key} needs ${d}, which was never submitted`, { task: rec.spec.key });
        dep.dependents.add(rec.spec.key);
      }
    }
    for (const k of wanted) {
      const rec = this.tasks.get(k);
      if (!rec) throw new DuskError("GRAPH_INVALID", `wanted key ${k} is not a task`, { task: k });
      rec.wanted++;
    }
    for (const rec of fresh) this.need(rec);
    // tasks neither wanted nor needed by a wanted task are culled right away
    for (let i = fresh.length - 1; i >= 0; i--) if (this.tasks.get(fresh[i].spec.key) === fresh[i]) this.maybeRelease(fresh[i]);
    for (const k of wanted) {
      const rec = this.tasks.get(k)!;
      if (rec.state === "released") this.need(rec);
      if (rec.state === "memory") this.out.push({ type: "ready", key: k, holders: [...rec.holders] });
      if (rec.state === "erred") this.out.push({ type: "erred", key: k, error: rec.error! });
    }
  }

  private finished(key: string, worker: number, nbytes: number): void {
    const rec = this.tasks.get(key);
    const w = this.workers.get(worker);
    if (!w) return;
    if (!rec || rec.state !== "processing" || rec.worker !== worker) {
      // a result nobody is waiting for any more (abandoned, or already computed elsewhere)
      if (rec && rec.state === "memory" && !rec.holders.has(worker)) { rec.holders.add(worker); w.holds.add(key); return; }
      this.out.push({ type: "drop", worker, keys: [key] });
      return;
    }
    w.processing.delete(key);
    rec.state = "memory";
    rec.worker = -1;
    rec.nbytes = nbytes;
    rec.holders.add(worker);
    w.holds.add(key);
    if (rec.wanted > 0) this.out.push({ type: "ready", key, holders: [...rec.holders] });
    for (const d of rec.dependents) {
      const dep = this.tasks.get(d)!;
      if (dep.state === "waiting" && dep.missing.delete(key) && dep.missing.size === 0) this.toReady(dep);
    }
    for (const d of rec.deps) this.maybeRelease(this.tasks.get(d)!);
    this.maybeRelease(rec);
  }

  private failed(key: string, worker: number, error: TaskFailure): void {
    const rec = this.tasks.get(key);
    if (!rec || rec.state !== "processing" || rec.worker !== worker) return;
    this.workers.get(worker)?.processing.delete(key);
    this.markErred(rec, error);
  }

  private missingInput(key: string, worker: number, input: string): void {
    const inp = this.tasks.get(input);
    if (inp && inp.holders.size > 0) {
      // the holders it tried are gone or no longer have it
      for (const h of [...inp.holders]) if (!this.workers.has(h)) inp.holders.delete(h);
    }
    const rec = this.tasks.get(key);
    if (!rec || rec.state !== "processing" || rec.worker !== worker) return;
    this.workers.get(worker)?.processing.delete(key);
    rec.worker = -1;
    if (inp && inp.state === "memory" && inp.holders.size === 0) this.lost(inp);
    this.reactivate(rec);
  }

  private replicated(key: string, worker: number, nbytes: number): void {
    const rec = this.tasks.get(key);
    const w = this.workers.get(worker);
    if (!rec || !w || rec.state !== "memory") { if (w) this.out.push({ type: "drop", worker, keys: [key] }); return; }
    rec.holders.add(worker);
    rec.nbytes = Math.max(rec.nbytes, nbytes);
    w.holds.add(key);
  }

  private workerLost(worker: number, running: string | null, reason: string, blame: boolean): void {
    const w = this.workers.get(worker);
    if (!w) return;
    this.workers.delete(worker);
    const lostKeys: TaskRecord[] = [];
    for (const k of w.holds) {
      const rec = this.tasks.get(k);
      if (!rec) continue;
      rec.holders.delete(worker);
      if (rec.holders.size === 0 && rec.state === "memory") lostKeys.push(rec);
    }
    for (const rec of lostKeys) this.lost(rec);
    for (const k of w.processing) {
      const rec = this.tasks.get(k);
      if (!rec || rec.state !== "processing") continue;
      rec.worker = -1;
      if (blame && (running === null || running === k)) rec.suspicion++;
      if (rec.suspicion > this.retries) {
        this.markErred(rec, {
          code: "WORKER_DIED",
          message: `task ${k} (op ${rec.spec.op}) was running when ${rec.suspicion} workers died (last: ${reason}); ` +
            "it seems to kill its worker (process.exit, running out of memory, a native crash). Fix the task, or give workers more memory",
          details: { task: k, op: rec.spec.op, deaths: rec.suspicion },
        });
      } else {
        this.reactivate(rec);
      }
    }
  }

  // ---- transitions ----

  /** A released task that someone needs: compute it again (and its released inputs). */
  private need(rec: TaskRecord): void {
    if (rec.state !== "released") return;
    rec.missing.clear();
    let erred: TaskFailure | null = null;
    for (const d of rec.deps) {
      const dep = this.tasks.get(d)!;
      if (dep.state === "released") this.need(dep);
      if (dep.state === "erred") erred = dep.error;
      else if (dep.state !== "memory") rec.missing.add(d);
    }
    if (erred) { this.markErred(rec, erred); return; }
    rec.state = "waiting";
    if (rec.missing.size === 0) this.toReady(rec);
  }

  /** A task taken back from a worker: wait for its inputs again. */
  private reactivate(rec: TaskRecord): void {
    rec.state = "released";
    this.need(rec);
  }

  private toReady(rec: TaskRecord): void {
    rec.state = "ready";
    this.queue.push(rec.spec.key, rec.rank);
  }

  /** The only copy of a result is gone. Tasks waiting for it wait again; if still needed, it is recomputed. */
  private lost(rec: TaskRecord): void {
    rec.state = "released";
    let needed = rec.wanted > 0;
    for (const d of rec.dependents) {
      const dep = this.tasks.get(d)!;
      if (dep.state === "waiting") { dep.missing.add(rec.spec.key); needed = true; }
      else if (dep.state === "ready") { dep.state = "waiting"; dep.missing.add(rec.spec.key); needed = true; }
      else if (dep.state === "processing") needed = true; // it will report the missing input
    }
    if (needed) this.need(rec);
  }

  private markErred(rec: TaskRecord, error: TaskFailure): void {
    if (rec.state === "erred" || rec.state === "memory") return;
    if (rec.state === "processing") this.workers.get(rec.worker)?.processing.delete(rec.spec.key);
    rec.state = "erred";
    rec.error = error;
    rec.worker = -1;
    if (rec.wanted > 0) this.out.push({ type: "erred", key: rec.spec.key, error });
    for (const d of rec.dependents) this.markErred(this.tasks.get(d)!, error);
    for (const d of rec.deps) this.maybeRelease(this.tasks.get(d)!);
  }

  private unwant(key: string): void {
    const rec = this.tasks.get(key);
    if (!rec || rec.wanted === 0) return;
    rec.wanted--;
    this.maybeRelease(rec);
  }

  /** Drops a result (or abandons a task) nobody needs any more, and forgets what can be forgotten. */
  private maybeRelease(rec: TaskRecord): void {
    if (rec.wanted > 0) return;
    for (const d of rec.dependents) if (ACTIVE.has(this.tasks.get(d)!.state)) return;
    switch (rec.state) {
      case "memory":
        for (const h of rec.holders) {
          this.workers.get(h)?.holds.delete(rec.spec.key);
          this.out.push({ type: "drop", worker: h, keys: [rec.spec.key] });
        }
        rec.holders.clear();
        rec.state = "released";
        break;
      case "processing":
        this.workers.get(rec.worker)?.processing.delete(rec.spec.key);
        this.out.push({ type: "abandoned", worker: rec.worker, keys: [rec.spec.key] });
        rec.worker = -1;
        rec.state = "released";
        for (const d of rec.deps) this.maybeRelease(this.tasks.get(d)!);
        break;
      case "waiting": case "ready":
        rec.state = "released";
        for (const d of rec.deps) this.maybeRelease(this.tasks.get(d)!);
        break;
      case "released": case "erred":
        break;
    }
    this.maybeForget(rec);
  }

  private maybeForget(rec: TaskRecord): void {
    if (rec.wanted > 0 || (rec.state !== "released" && rec.state !== "erred")) return;
    for (const d of rec.dependents) if (this.tasks.has(d)) return;
    this.forgetNow(rec);
  }

  private forgetNow(rec: TaskRecord): void {
    const key = rec.spec.key;
    if (this.tasks.get(key) !== rec) return;
    this.tasks.delete(key);
    for (const h of rec.holders) {
      this.workers.get(h)?.holds.delete(key);
      this.out.push({ type: "drop", worker: h, keys: [key] });
    }
    // detach from every input first: releasing one input may reach another
    const deps = rec.deps.map((d) => this.tasks.get(d)).filter((d): d is TaskRecord => d !== undefined);
    for (const dep of deps) dep.dependents.delete(key);
    for (const dep of deps) if (this.tasks.get(dep.spec.key) === dep) this.maybeRelease(dep);
  }

  // ---- placement ----

  private freeWorkers(): WorkerRecord[] {
    const free: WorkerRecord[] = [];
    for (const w of this.workers.values()) if (w.processing.size < w.slots) free.push(w);
    return free;
  }

  private assign(): void {
    if (this.queue.size === 0 || this.workers.size === 0) return;
    let free = this.freeWorkers();
    const deferred: TaskRecord[] = [];
    while (free.length > 0 && this.queue.size > 0) {
      const key = this.queue.pop()!;
      const rec = this.tasks.get(key);
      if (!rec || rec.state !== "ready") continue;
      const w = this.place(rec, free);
      if (!w) { deferred.push(rec); continue; }
      rec.state = "processing";
      rec.worker = w.id;
      w.processing.add(key);
      this.out.push({
        type: "run", worker: w.id, task: rec.spec,
        holders: rec.deps.map((d) => [d, [...this.tasks.get(d)!.holders]] as const),
        feeds: rec.dependents.size > 0,
      });
      if (w.processing.size >= w.slots) free = free.filter((x) => x !== w);
    }
    for (const rec of deferred) this.queue.push(rec.spec.key, rec.rank);
  }

  /** The worker for a ready task among the free ones, or null to wait for a busy worker holding its large inputs. */
  private place(rec: TaskRecord, free: readonly WorkerRecord[]): WorkerRecord | null {
    let best: WorkerRecord | null = null;
    let bestLocal = -1;
    let total = 0;
    const localOf = (w: WorkerRecord): number => {
      let b = 0;
      for (const d of rec.deps) { const dep = this.tasks.get(d)!; if (dep.holders.has(w.id)) b += dep.nbytes; }
      return b;
    };
    for (const d of rec.deps) total += this.tasks.get(d)!.nbytes;
    for (const w of free) {
      const local = localOf(w);
      if (local > bestLocal || (local === bestLocal && best !== null && (w.processing.size < best.processing.size))) {
        best = w;
        bestLocal = local;
      }
    }
    if (best === null) return null;
    if (total - bestLocal <= this.moveThreshold) return best;
    // most of the inputs sit on a busy worker: wait for it rather than move them
    for (const w of this.workers.values()) {
      if (w.processing.size >= w.slots && localOf(w) - bestLocal > this.moveThreshold) return null;
    }
    return best;
  }
}
