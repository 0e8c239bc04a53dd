/**
 * Delayed values: calls recorded lazily as a task graph, run by `compute`. Delayed values (and
 * futures) passed as arguments become the call's inputs; `dd.compute(a, b)` runs several at once,
 * sharing the tasks they have in common.
 *
 * @example
 * ```ts
 * const load = dd.delayed((i: number) => Array.from({ length: 1000 }, (_, j) => i * j));
 * const total = dd.delayed((parts: number[][]) => parts.flat().reduce((a, b) => a + b, 0));
 * const t = total([load(1), load(2), load(3)]);
 * await t.compute(); // 2997000
 * ```
 */
import { buildCall, type KeyRef } from "./functions/build-call.js";
import type { RemoteFunction } from "./functions/ref.js";
import { Client, getClient } from "./client.js";
import type { RunOptions } from "./engine.js";
import { Future } from "./future.js";
import type { TaskSpec } from "./task.js";

/** An argument as a delayed call takes it: the value, or a delayed value or future of it (also inside arrays). */
export type DelayedArg<A> = A | Delayed<A> | Future<A> | (A extends readonly (infer E)[] ? readonly DelayedArg<E>[] : never);
/** The arguments of a delayed call. */
export type DelayedArgs<P extends readonly unknown[]> = { [K in keyof P]: DelayedArg<P[K]> };

export interface ComputeOptions extends RunOptions {
  /** The client to run on (default: the current or default client). */
  readonly client?: Client;
}

export class Delayed<T = unknown> implements KeyRef {
  /** @internal */
  constructor(readonly key: string, private readonly spec: TaskSpec, private readonly parents: readonly Delayed[]) {}

  /** Every task this value needs, its own last. */
  get tasks(): TaskSpec[] { return collect([this]); }

  /** Runs the graph and returns the value. */
  async compute(options: ComputeOptions = {}): Promise<T> {
    const [v] = await compute([this], options);
    return v as T;
  }

  toString(): string { return `Delayed(${this.key})`; }
}

const isRef = (x: unknown): x is KeyRef => x instanceof Delayed || x instanceof Future;

/**
 * Wraps a function so that calling it records a task instead of running it.
 * @example `const inc = dd.delayed((x: number) => x + 1); await inc(inc(1)).compute() // 3`
 */
export function delayed<P extends unknown[], R>(fn: ((...args: P) => R) | RemoteFunction<(...args: P) => R>, options: { name?: string; pure?: boolean } = {}):
  (...args: DelayedArgs<P>) => Delayed<Awaited<R>> {
  return (...args) => {
    const { spec, refs } = buildCall(fn, args as unknown[], isRef, options);
    return new Delayed<Awaited<R>>(spec.key, spec, refs.filter((r): r is Delayed => r instanceof Delayed));
  };
}

function collect(roots: readonly Delayed[]): TaskSpec[] {
  const seen = new Set<string>();
  const out: TaskSpec[] = [];
  const stack: [Delayed, boolean][] = roots.map((r) => [r, false]);
  while (stack.length > 0) {
    const [d, expanded] = stack.pop()!;
    const self = d as unknown as { spec: TaskSpec; parents: readonly Delayed[] };
    if (expanded) { out.push(self.spec); continue; }
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    stack.push([d, true]);
    for (const p of self.parents) if (!seen.has(p.key)) stack.push([p, false]);
  }
  return out;
}

/**
 * Computes several delayed values together, sharing common work.
 * @example `const [a, b] = await dd.compute([x.mul(2), x.add(1)])`
 */
export async function compute<T extends readonly Delayed[]>(values: T, options: ComputeOptions = {}):
  Promise<{ -readonly [K in keyof T]: T[K] extends Delayed<infer V> ? V : never }> {
  const client = options.client ?? (await getClient());
  const out = await client.compute(collect(values), values.map((v) => v.key), options);
  return out as { -readonly [K in keyof T]: T[K] extends Delayed<infer V> ? V : never };
}
