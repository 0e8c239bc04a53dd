/**
 * A future: a task submitted to a client, whose result stays on the workers until asked for.
 * Futures can be passed as arguments to other submits and delayed calls. A future no longer
 * referenced releases its result (or call `release()`).
 *
 * @example
 * ```ts
 * const a = client.submit((x: number) => x + 1, 1);
 * const b = client.submit((x: number, y: number) => x * y, a, 10);
 * await b.result(); // 20
 * ```
 */
import type { Engine } from "./engine.js";

export type FutureStatus = "pending" | "finished" | "error" | "released";

const finalizer = new FinalizationRegistry<{ engine: Engine; key: string }>(({ engine, key }) => engine.release([key]));

export class Future<T = unknown> {
  private released = false;
  private readonly token = {};

  /** @internal */
  constructor(private readonly engine: Engine, readonly key: string) {
    finalizer.register(this, { engine, key }, this.token);
  }

  get status(): FutureStatus {
    if (this.released) return "released";
    const s = this.engine.scheduler.stateOf(this.key);
    return s === "memory" ? "finished" : s === "erred" ? "error" : "pending";
  }

  /** True once the result is in memory or the task failed. */
  done(): boolean { return this.status === "finished" || this.status === "error"; }

  /** The result, fetched from the worker holding it. Rejects with the task's error. */
  async result(): Promise<T> {
    return (await this.engine.fetch(this.key)) as T;
  }

  /** Resolves when done (finished or failed), without fetching the result. */
  async settled(): Promise<this> {
    await this.engine.whenReady(this.key).catch(() => undefined);
    return this;
  }

  /** Gives up this future's hold on the result. */
  release(): void {
    if (this.released) return;
    this.released = true;
    finalizer.unregister(this.token);
    this.engine.release([this.key]);
  }
}

/** Futures in the order they finish (failed ones too: their result() rejects). */
export async function* asCompleted<T>(futures: Iterable<Future<T>>): AsyncGenerator<Future<T>> {
  const pending = new Map<Future<T>, Promise<Future<T>>>();
  for (const f of futures) pending.set(f, f.settled());
  while (pending.size > 0) {
    const f = await Promise.race(pending.values());
    pending.delete(f);
    yield f;
  }
}
