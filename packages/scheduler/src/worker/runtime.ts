/**
 * What a worker does, wherever it runs (a worker thread, or the calling thread for the inline
 * executor): keep a queue of tasks, gather each task's inputs (local, or fetched from the worker
 * holding them), run its op, keep the result (spilling past the memory limit), and report.
 */
import { DuskError } from "@dusk/core";
import { taskError } from "../errors.js";
import type { TaskFailure } from "../state/events.js";
import type { OpFunction, TaskSpec } from "../task.js";
import type { ResultStore } from "./store.js";

/** A task as a worker receives it: the spec, where its inputs are, and a sequence number. */
export interface RunSpec {
  readonly seq: number;
  readonly task: TaskSpec;
  readonly holders: readonly (readonly [string, readonly number[]])[];
  /**
   * The caller is waiting for this result: send it along as soon as it is made (see
   * RuntimeHooks.deliver) rather than when asked, which a worker busy with its next task answers late.
   */
  readonly deliver?: boolean;
  /**
   * Other tasks take this result, maybe on other workers: offer it to them as soon as it is made
   * (see RuntimeHooks.push), so a worker needing it does not wait for this one to finish its next task.
   */
  readonly push?: boolean;
}

export type WorkerReport =
  | { readonly type: "finished"; readonly key: string; readonly nbytes: number; readonly ms: number }
  | { readonly type: "failed"; readonly key: string; readonly error: TaskFailure }
  | { readonly type: "missing-input"; readonly key: string; readonly input: string }
  | { readonly type: "replicated"; readonly key: string; readonly nbytes: number };

export interface RuntimeHooks {
  /** The value of `key` from one of `holders`, or undefined when none has it any more. */
  fetch(key: string, holders: readonly number[]): Promise<unknown>;
  report(r: WorkerReport): void;
  /** Sends the result of `key`, just stored, to the caller (for tasks run with `deliver`). */
  deliver?(key: string): void;
  /** Offers the result of `key`, just stored, to the other workers (for tasks run with `push`). */
  push?(key: string): void;
  /** The sequence number of the task starting (-1 when none is running). */
  running?(seq: number): void;
  /** Called when the queue runs dry or the worker pauses to let messages in. */
  idle?(): void;
}

export type OpLookup = (name: string) => OpFunction | undefined;

/** An error as plain data that can cross threads. */
export function toFailure(e: unknown, key: string, op: string): TaskFailure {
  const err = taskError(key, op, e);
  const cause = err.cause instanceof Error ? err.cause : err;
  return { code: err.code, message: err.message, name: cause.name, stack: cause.stack, details: plainDetails(err.details) };
}

function plainDetails(d: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v;
    else if (typeof v === "bigint") out[k] = v.toString();
    else if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) out[k] = v;
  }
  return out;
}

/** A DuskError rebuilt from a failure, keeping the original stack as the cause. */
export function fromFailure(f: TaskFailure): DuskError {
  const cause = new Error(f.message);
  cause.name = f.name ?? "Error";
  if (f.stack) cause.stack = f.stack;
  return new DuskError(f.code as DuskError["code"], f.message, { ...(f.details ?? {}) }, { cause });
}

const YIELD_MS = 2;

export class WorkerRuntime {
  private readonly queue: RunSpec[] = [];
  private readonly abandoned = new Set<string>();
  private looping = false;

  constructor(
    readonly id: number,
    private readonly ops: OpLookup,
    readonly store: ResultStore,
    private readonly hooks: RuntimeHooks,
  ) {}

  get queued(): number { return this.queue.length; }

  enqueue(specs: readonly RunSpec[]): void {
    for (const s of specs) { this.abandoned.delete(s.task.key); this.queue.push(s); }
    if (!this.looping) { this.looping = true; void this.loop(); }
  }

  /** Tasks nobody needs any more: skipped if not started. */
  abandon(keys: readonly string[]): void {
    for (const k of keys) this.abandoned.add(k);
  }

  drop(keys: readonly string[]): void {
    for (const k of keys) this.store.remove(k);
  }

  /** A result held here, or undefined. */
  get(key: string): unknown {
    return this.store.get(key);
  }

  private async loop(): Promise<void> {
    let last = performance.now();
    try {
      while (this.queue.length > 0) {
        const r = this.queue.shift()!;
        if (this.abandoned.delete(r.task.key)) continue;
        await this.runOne(r);
        if (performance.now() - last > YIELD_MS) {
          this.hooks.idle?.();
          await new Promise<void>((resolve) => setImmediate(resolve));
          last = performance.now();
        }
      }
    } finally {
      this.looping = false;
      this.hooks.idle?.();
    }
    if (this.queue.length > 0 && !this.looping) { this.looping = true; void this.loop(); }
  }

  private async gather(r: RunSpec): Promise<unknown[] | null> {
    const deps = r.task.deps;
    const values = new Array<unknown>(deps.length);
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i];
      if (this.store.has(d)) { values[i] = this.store.get(d); continue; }
      const holders = r.holders.find(([k]) => k === d)?.[1] ?? [];
      const v = holders.length === 0 ? undefined : await this.hooks.fetch(d, holders.filter((h) => h !== this.id));
      if (v === undefined) { this.hooks.report({ type: "missing-input", key: r.task.key, input: d }); return null; }
      const nbytes = this.store.sizeOf(v);
      this.store.put(d, v, nbytes);
      this.hooks.report({ type: "replicated", key: d, nbytes });
      values[i] = v;
    }
    return values;
  }

  private async runOne(r: RunSpec): Promise<void> {
    const { key, op, params, deps } = r.task;
    const fn = this.ops(op);
    if (!fn) {
      this.hooks.report({ type: "failed", key, error: toFailure(new DuskError("UNKNOWN_OP", `no op named "${op}" on worker ${this.id}; is its op module loaded?`), key, op) });
      return;
    }
    for (const d of deps) this.store.pin(d);
    try {
      const inputs = await this.gather(r);
      if (inputs === null) return;
      this.hooks.running?.(r.seq);
      const t0 = performance.now();
      let value: unknown;
      try {
        value = fn(params, inputs, { key });
        if (value instanceof Promise) value = await value;
      } finally {
        this.hooks.running?.(-1);
      }
      const nbytes = this.store.sizeOf(value);
      if (nbytes > this.store.memoryLimit) {
        throw new DuskError("MEMORY_LIMIT",
          `task ${key} (op ${op}) produced ${formatBytes(nbytes)}, more than the worker memory limit of ${formatBytes(this.store.memoryLimit)}; ` +
          "split the work into more, smaller partitions (e.g. a smaller blocksize) or raise memoryLimit",
          { task: key, op, nbytes, memoryLimit: this.store.memoryLimit });
      }
      this.store.put(key, value, nbytes);
      if (r.deliver === true) this.hooks.deliver?.(key);
      if (r.push === true) this.hooks.push?.(key);
      this.hooks.report({ type: "finished", key, nbytes, ms: performance.now() - t0 });
    } catch (e) {
      this.hooks.report({ type: "failed", key, error: toFailure(e, key, op) });
    } finally {
      for (const d of deps) this.store.unpin(d);
    }
  }
}

/** `1.5 GiB`, `320 MiB`, `12 KiB`, `100 B`. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 2 : 1)} ${units[i]}`;
}
