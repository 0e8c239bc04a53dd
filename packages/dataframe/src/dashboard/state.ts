/**
 * What the dashboard shows, kept up to date from the engine's events: the task stream (recent
 * finished tasks with their worker, op group, start and end), progress per op group of the work
 * now running, totals since the dashboard started, and per-worker memory and spilled bytes (read
 * from the backend when a view is built, at most a few times a second).
 *
 * Progress is per "run": tasks submitted while nothing else is pending start a new one (the page
 * then shows the new computation), tasks submitted while others are pending join it. A task counts
 * once submitted and needed (culled tasks do not), and is done when it finishes; results already in
 * memory (persisted) count as done at once. Tasks forgotten before they ran (a cancelled
 * computation) leave the totals; tasks whose input failed count as erred.
 *
 * @example
 * ```ts
 * const state = new DashboardState({ stateOf: (k) => engine.scheduler.stateOf(k), workerStats: () => engine.backend.workerStats?.() ?? [] });
 * const stop = engine.observe({ event: (e) => state.handle(e) });
 * state.snapshot().progress; // { done, total, erred }
 * ```
 */
import { keyGroup, type SchedulerEvent, type TaskState, type WorkerStats } from "@dusk/scheduler";

/** Where the state reads what events do not carry. */
export interface DashboardSource {
  stateOf(key: string): TaskState | undefined;
  workerStats(): readonly WorkerStats[];
}

/** One finished task in the task stream; times in ms since the Unix epoch (fractional). */
export interface TaskStreamEntry {
  /** Increasing number: a page that receives an entry twice keeps it once. */
  readonly id: number;
  readonly key: string;
  readonly group: string;
  readonly worker: number;
  readonly start: number;
  readonly end: number;
}

export interface GroupView { readonly name: string; readonly done: number; readonly total: number; readonly erred: number }

export interface WorkerView {
  readonly worker: number;
  /** Results held, in memory and on disk. */
  readonly keys: number;
  readonly memoryBytes: number;
  readonly spilledBytes: number;
  /** null: no limit. */
  readonly memoryLimit: number | null;
  /** Tasks it finished since the dashboard started. */
  readonly tasksDone: number;
}

/** The whole view (`/state`, and the first message of the event stream) or an update (later messages: only new tasks). */
export interface DashboardView {
  /** True for a whole view: the page drops the tasks it had. */
  readonly reset: boolean;
  /** When the view was built (ms since the epoch). */
  readonly now: number;
  /** When the dashboard started. */
  readonly since: number;
  readonly totals: {
    readonly tasksDone: number;
    readonly tasksErred: number;
    readonly workers: number;
    readonly keysInMemory: number;
    readonly memoryBytes: number;
    readonly spilledBytes: number;
  };
  /** The run now shown (all its groups together). */
  readonly progress: { readonly done: number; readonly total: number; readonly erred: number };
  readonly groups: readonly GroupView[];
  readonly workers: readonly WorkerView[];
  readonly tasks: readonly TaskStreamEntry[];
}

interface GroupCount { done: number; total: number; erred: number }

/** Finished tasks kept for the task stream. */
const KEEP_TASKS = 5000;
/** Tasks a whole view carries, and at most an update carries. */
const VIEW_TASKS = 2000;

const now = (): number => performance.timeOrigin + performance.now();

export class DashboardState {
  readonly since = now();
  private tasks: TaskStreamEntry[] = [];
  private nextId = 0;
  /** Id of the first task not yet sent in an update. */
  private sentUpTo = 0;
  /** Submitted tasks of the current run not finished yet: key → group. */
  private readonly pending = new Map<string, string>();
  private groups = new Map<string, GroupCount>();
  private readonly doneBy = new Map<number, number>();
  private tasksDone = 0;
  private tasksErred = 0;
  /** Some pending task may have been forgotten or marked erred without an event naming it. */
  private needsSweep = false;

  constructor(private readonly source: DashboardSource) {}

  handle(e: SchedulerEvent): void {
    switch (e.type) {
      case "submit": this.submitted(e.tasks); break;
      case "finished": this.finished(e.key, e.worker, e.ms ?? 0); break;
      case "failed": {
        const g = this.pending.get(e.key);
        if (g !== undefined) { this.pending.delete(e.key); this.count(g).erred++; this.tasksErred++; }
        this.needsSweep = true; // its dependents erred with it
        break;
      }
      case "release": case "worker-lost": this.needsSweep = true; break;
      case "missing-input": case "replicated": case "worker-added": case "worker-slots": break;
    }
  }

  private count(group: string): GroupCount {
    let c = this.groups.get(group);
    if (!c) this.groups.set(group, (c = { done: 0, total: 0, erred: 0 }));
    return c;
  }

  private submitted(tasks: readonly { readonly key: string }[]): void {
    if (this.needsSweep) this.sweep();
    if (this.pending.size === 0) this.groups = new Map(); // a new run
    for (const { key } of tasks) {
      if (this.pending.has(key)) continue;
      const s = this.source.stateOf(key);
      if (s === undefined || s === "released") continue; // culled: nobody needs it
      const group = keyGroup(key);
      const c = this.count(group);
      c.total++;
      if (s === "memory") c.done++;
      else if (s === "erred") { c.erred++; this.tasksErred++; }
      else this.pending.set(key, group);
    }
  }

  private finished(key: string, worker: number, ms: number): void {
    const end = now();
    const group = this.pending.get(key);
    if (group !== undefined) {
      this.pending.delete(key);
      this.count(group).done++;
    }
    this.tasksDone++;
    this.doneBy.set(worker, (this.doneBy.get(worker) ?? 0) + 1);
    this.tasks.push({ id: this.nextId++, key, group: group ?? keyGroup(key), worker, start: end - ms, end });
    if (this.tasks.length > 2 * KEEP_TASKS) this.tasks = this.tasks.slice(-KEEP_TASKS);
  }

  /** Pending tasks the scheduler forgot (cancelled) leave the run; those erred through an input count as erred. */
  private sweep(): void {
    this.needsSweep = false;
    for (const [key, group] of this.pending) {
      const s = this.source.stateOf(key);
      if (s === "erred") { this.pending.delete(key); this.count(group).erred++; this.tasksErred++; }
      else if (s === undefined || s === "released") { this.pending.delete(key); this.count(group).total--; }
    }
  }

  /** The whole view: for `/state` and for a page that just connected. */
  snapshot(): DashboardView {
    return this.view(true, this.tasks.slice(-VIEW_TASKS));
  }

  /** An update with the tasks finished since the last one (at most the newest VIEW_TASKS of them). */
  update(): DashboardView {
    const fresh = this.unsent();
    this.sentUpTo = this.nextId;
    return this.view(false, fresh);
  }

  /** Nothing is listening: the next update starts from now. */
  skipUpdate(): void { this.sentUpTo = this.nextId; }

  private unsent(): TaskStreamEntry[] {
    const first = this.tasks.length === 0 ? this.nextId : this.tasks[0].id;
    const from = Math.max(this.sentUpTo - first, this.tasks.length - VIEW_TASKS, 0);
    return this.tasks.slice(from);
  }

  private view(reset: boolean, tasks: readonly TaskStreamEntry[]): DashboardView {
    if (this.needsSweep) this.sweep();
    const stats = this.source.workerStats();
    let keysInMemory = 0, memoryBytes = 0, spilledBytes = 0;
    const workers: WorkerView[] = [];
    for (const w of stats) {
      keysInMemory += w.keys;
      memoryBytes += w.memoryBytes;
      spilledBytes += w.spilledBytes;
      workers.push({
        worker: w.worker, keys: w.keys, memoryBytes: w.memoryBytes, spilledBytes: w.spilledBytes,
        memoryLimit: Number.isFinite(w.memoryLimit) ? w.memoryLimit : null, tasksDone: this.doneBy.get(w.worker) ?? 0,
      });
    }
    workers.sort((a, b) => a.worker - b.worker);
    let done = 0, total = 0, erred = 0;
    const groups: GroupView[] = [];
    for (const [name, c] of this.groups) {
      if (c.total <= 0) continue;
      groups.push({ name, done: c.done, total: c.total, erred: c.erred });
      done += c.done;
      total += c.total;
      erred += c.erred;
    }
    return {
      reset, now: now(), since: this.since,
      totals: { tasksDone: this.tasksDone, tasksErred: this.tasksErred, workers: workers.length, keysInMemory, memoryBytes, spilledBytes },
      progress: { done, total, erred },
      groups, workers, tasks,
    };
  }
}
