/**
 * A client: a long-lived engine on a pool of workers (threads by default, or the calling thread),
 * for dataframes, delayed graphs and futures alike. Without one, a default client starts lazily on
 * first use and never keeps a script from exiting.
 *
 * @example
 * ```ts
 * const client = await dd.Client.start({ workers: 2, memoryLimit: "2GB" });
 * const futures = client.map((x: number) => x * x, [1, 2, 3]);
 * await client.gather(futures); // [1, 4, 9]
 * await client.close();
 * ```
 */
import { availableParallelism, totalmem } from "node:os";
import type { ResourceLimits } from "node:worker_threads";
import { DuskError } from "@dusk/core";
import type { Backend } from "./backends/backend.js";
import { InlineBackend } from "./backends/inline.js";
import { ThreadBackend } from "./backends/threads.js";
import { parseBytes } from "./bytes.js";
import { Engine, type RunOptions } from "./engine.js";
import { buildCall, type KeyRef } from "./functions/build-call.js";
import type { RemoteFunction } from "./functions/ref.js";
import { Future } from "./future.js";
import type { Codec } from "./codec.js";
import type { OpRegistry, TaskSpec } from "./task.js";

export interface ClientOptions {
  /** "threads" (default): a pool of worker threads; "inline": the calling thread, one task at a time. */
  readonly scheduler?: "threads" | "inline";
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Per-worker bytes of results held in memory before spilling to disk (default: machine memory / workers). */
  readonly memoryLimit?: number | string;
  /** Worker deaths a task may cause before it fails (default 3). */
  readonly retries?: number;
  /** Extra op modules for the workers (besides those registered with registerOpModule). */
  readonly opModules?: readonly string[];
  /** Tasks queued per worker at a time (default 4). */
  readonly saturation?: number;
  /** Where workers spill (default: the OS temp dir). */
  readonly spillDir?: string;
  /** V8 heap limits per worker thread (Node's ResourceLimits); a worker exceeding them dies alone and is replaced. */
  readonly resourceLimits?: ResourceLimits;
}

/** Something a client can persist: it computes itself on the client and returns a copy over the results. */
export interface Persistable<T> {
  persist(options: { client: Client }): Promise<T>;
}

/** The arguments of a submitted call: values or futures of them (also inside arrays). */
export type SubmitArgs<P extends readonly unknown[]> = { [K in keyof P]: P[K] | Future<P[K]> | (P[K] extends readonly (infer E)[] ? readonly (E | Future<E>)[] : never) };

/** An op module as registered: its URL (for worker threads) and, optionally, the same ops in this thread (for inline). */
export interface OpModule {
  readonly url: string | (() => string);
  readonly ops?: OpRegistry;
  readonly codecs?: readonly Codec[];
}

const registeredModules: OpModule[] = [];
let current: Client | null = null;
let defaultClient: Promise<Client> | null = null;
let defaultOptions: ClientOptions = {};

/** Adds an op module every client's workers load (the dataframe package registers the graph's ops). */
export function registerOpModule(module: OpModule | string): void {
  const m = typeof module === "string" ? { url: module } : module;
  if (!registeredModules.some((x) => x.url === m.url)) registeredModules.push(m);
}

const urlOf = (m: OpModule): string => (typeof m.url === "string" ? m.url : m.url());

/** Settings for the client started lazily when none was started explicitly. */
export function configureDefaultClient(options: ClientOptions): void {
  defaultOptions = { ...defaultOptions, ...options };
  const old = defaultClient;
  defaultClient = null;
  void old?.then((c) => c.close());
}

/** The client to run on: the last one started and not closed, else the default one (started now if needed). */
export async function getClient(): Promise<Client> {
  if (current) return current;
  defaultClient ??= Client.create(defaultOptions, true);
  return defaultClient;
}

const isKeyRef = (x: unknown): x is KeyRef =>
  x instanceof Future || (typeof x === "object" && x !== null && "key" in x && "tasks" in x && typeof (x as KeyRef).key === "string");

export class Client {
  private closed = false;

  private constructor(readonly engine: Engine, readonly options: ClientOptions, readonly isDefault: boolean) {}

  /** Starts a client; it becomes the one dataframes and delayed values run on until closed. */
  static async start(options: ClientOptions = {}): Promise<Client> {
    const c = await Client.create(options, false);
    current = c;
    return c;
  }

  /** @internal */
  static async create(options: ClientOptions, isDefault: boolean): Promise<Client> {
    let backend: Backend;
    if ((options.scheduler ?? "threads") === "inline") {
      // in this thread: use the registered ops directly; import only modules given by URL alone
      const local = registeredModules.filter((m) => m.ops);
      const lookup = (name: string) => { for (const m of local) { const f = m.ops!.get(name); if (f) return f; } return undefined; };
      backend = new InlineBackend(lookup, {
        opModules: [...registeredModules.filter((m) => !m.ops).map(urlOf), ...(options.opModules ?? [])],
        codecs: local.flatMap((m) => m.codecs ?? []),
        memoryLimit: options.memoryLimit === undefined ? Infinity : parseBytes(options.memoryLimit, "memoryLimit"),
      });
    } else {
      const inWorker = (globalThis as Record<symbol, unknown>)[Symbol.for("dusk.worker")];
      if (inWorker !== undefined) {
        throw new DuskError("NESTED_CLIENT",
          `Dusk worker ${String(inWorker)} was asked to start a pool of worker threads. A module given to dd.remote(...) is imported by every worker, ` +
          "so its top-level code runs there too: keep code that starts clients or computes frames inside functions (or behind `if (isMainThread)` from node:worker_threads), " +
          "and export task functions from modules without such top-level code; inside a task, use dd.config.set({ scheduler: \"inline\" }) to compute on the worker itself");
      }
      const opModules = [...registeredModules.map(urlOf), ...(options.opModules ?? [])];
      const workers = options.workers ?? availableParallelism();
      const memoryLimit = options.memoryLimit === undefined ? Math.floor(totalmem() / Math.max(1, workers)) : parseBytes(options.memoryLimit, "memoryLimit");
      backend = new ThreadBackend({
        workers, opModules, saturation: options.saturation, spillRoot: options.spillDir, memoryLimit, resourceLimits: options.resourceLimits,
      });
    }
    const engine = new Engine(backend, { retries: options.retries });
    await engine.start();
    return new Client(engine, options, isDefault);
  }

  /** The client dataframes and delayed values run on now, if one was started. */
  static get current(): Client | null { return current; }

  /** Runs tasks; returns the outputs' values in order. */
  compute(tasks: readonly TaskSpec[], outputs: readonly string[], options: RunOptions = {}): Promise<unknown[]> {
    this.check();
    return this.engine.compute(tasks, outputs, options);
  }

  /** Runs `fn(...args)` on a worker; futures among the arguments are replaced by their results. */
  submit<P extends unknown[], R>(fn: ((...args: P) => R) | RemoteFunction<(...args: P) => R>, ...args: SubmitArgs<P>): Future<Awaited<R>> {
    this.check();
    const { spec } = buildCall(fn, args as unknown[], isKeyRef);
    this.engine.submit([spec], [spec.key]);
    return new Future<Awaited<R>>(this.engine, spec.key);
  }

  /** `submit` for each item. */
  map<F extends (x: never) => unknown>(fn: F | RemoteFunction<F>, items: Iterable<Parameters<F>[0] | Future<Parameters<F>[0]>>): Future<Awaited<ReturnType<F>>>[] {
    this.check();
    const specs: TaskSpec[] = [];
    for (const item of items) specs.push(buildCall(fn, [item], isKeyRef).spec);
    this.engine.submit(specs, specs.map((s) => s.key));
    return specs.map((s) => new Future<Awaited<ReturnType<F>>>(this.engine, s.key));
  }

  /** Results of futures (one, a list, or an object of them). */
  async gather<T>(x: Future<T>): Promise<T>;
  async gather<T>(x: readonly Future<T>[]): Promise<T[]>;
  async gather<T>(x: Readonly<Record<string, Future<T>>>): Promise<Record<string, T>>;
  async gather(x: Future | readonly Future[] | Readonly<Record<string, Future>>): Promise<unknown> {
    if (x instanceof Future) return x.result();
    if (Array.isArray(x)) return Promise.all(x.map((f) => f.result()));
    const entries = Object.entries(x as Record<string, Future>);
    const values = await Promise.all(entries.map(([, f]) => f.result()));
    return Object.fromEntries(entries.map(([k], i) => [k, values[i]]));
  }

  /** Computes a collection (a dataframe) and keeps its partitions in worker memory. */
  persist<T>(x: Persistable<T>): Promise<T> {
    this.check();
    return x.persist({ client: this });
  }

  /** Worker count and memory in use. */
  stats(): ReturnType<Backend["stats"]> { return this.engine.backend.stats(); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (current === this) current = null;
    await this.engine.close();
  }

  private check(): void {
    if (this.closed) throw new DuskError("INVALID_ARGUMENT", "this client is closed; start a new one with Client.start()");
  }
}
