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
  /** Starts a live dashboard with the client (see `Client.dashboard`): `true`, or its options. */
  readonly dashboard?: boolean | DashboardOptions;
}

/**
 * Where a client's dashboard listens.
 *
 * @example
 * ```ts
 * await dd.Client.start({ dashboard: { port: 8790 } }); // fails with IO_ERROR naming 8790 if it is taken
 * ```
 */
export interface DashboardOptions {
  /**
   * Port on 127.0.0.1 (the dashboard never listens on other interfaces); 0 for any free port.
   * Default: 8787 (or the DUSK_DASHBOARD_PORT environment variable), or a free port if that one is taken.
   */
  readonly port?: number;
}

/**
 * A running dashboard: its address, and how to stop it (it also stops when its client closes).
 *
 * @example
 * ```ts
 * const board = await client.dashboard();
 * console.log(board.url); // http://127.0.0.1:8787/
 * await board.close();
 * ```
 */
export interface DashboardHandle {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts a dashboard for a client; registered by the package that provides one (`@dusk/dataframe`).
 *
 * @example
 * ```ts
 * registerDashboard(async (client, { port }) => startMyServer(client.engine, port)); // resolves to { url, port, close }
 * ```
 */
export type DashboardStarter = (client: Client, options: DashboardOptions) => Promise<DashboardHandle>;

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
let dashboardStarter: DashboardStarter | null = null;
let current: Client | null = null;
let defaultClient: Promise<Client> | null = null;
let defaultOptions: ClientOptions = {};

/** Adds an op module every client's workers load (the dataframe package registers the graph's ops). */
export function registerOpModule(module: OpModule | string): void {
  const m = typeof module === "string" ? { url: module } : module;
  if (!registeredModules.some((x) => x.url === m.url)) registeredModules.push(m);
}

/**
 * Sets how `Client.dashboard` starts a dashboard (the dataframe package registers its HTTP dashboard).
 *
 * @example
 * ```ts
 * registerDashboard(startDashboard); // done once, when @dusk/dataframe is imported
 * ```
 */
export function registerDashboard(starter: DashboardStarter): void {
  dashboardStarter = starter;
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
  private board: Promise<DashboardHandle> | null = null;

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
    const client = new Client(engine, options, isDefault);
    if (options.dashboard) {
      try {
        await client.dashboard(options.dashboard === true ? {} : options.dashboard);
      } catch (e) {
        await client.close();
        throw e;
      }
    }
    return client;
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

  /**
   * Starts (or returns, if already running) this client's live dashboard: an HTTP page on
   * 127.0.0.1 showing the task stream, per-worker memory and spilled bytes, and progress per op,
   * updated as tasks run. It prints `Dusk dashboard: http://127.0.0.1:PORT/` once, and stops when
   * the client closes. Requires `@dusk/dataframe` (which provides the page) to be imported.
   *
   * @example
   * ```ts
   * const client = await dd.Client.start({ workers: 2 });
   * const { url } = await client.dashboard({ port: 0 }); // any free port; default 8787
   * await df.groupBy("id1").agg({ v1: "sum" }).compute(); // watch it at `url`
   * await client.close(); // the dashboard stops too
   * ```
   */
  dashboard(options: DashboardOptions = {}): Promise<DashboardHandle> {
    this.check();
    if (this.board) return this.board;
    const starter = dashboardStarter;
    if (!starter) {
      return Promise.reject(new DuskError("INVALID_ARGUMENT",
        "no dashboard is available: it comes with @dusk/dataframe; import that package before asking a client for its dashboard"));
    }
    const p: Promise<DashboardHandle> = starter(this, options).then((h) => ({
      url: h.url, port: h.port,
      close: async () => { if (this.board === p) this.board = null; await h.close(); },
    }));
    this.board = p;
    p.catch(() => { if (this.board === p) this.board = null; });
    return p;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (current === this) current = null;
    const board = this.board;
    this.board = null;
    if (board) await board.then((h) => h.close(), () => undefined);
    await this.engine.close();
  }

  private check(): void {
    if (this.closed) throw new DuskError("INVALID_ARGUMENT", "this client is closed; start a new one with Client.start()");
  }
}
