/**
 * A call of a user function as a task: the function's ref, the arguments with every future or
 * delayed value (in arrays and plain objects, at any depth) replaced by a slot pointing at a task
 * input, and a deterministic key from the function and the arguments' content.
 */
import * as v8 from "node:v8";
import { DuskError } from "@dusk/core";
import { hashBytes64 } from "../hash.js";
import type { TaskSpec } from "../task.js";
import type { CallParams, Slot } from "./call.js";
import { toFunctionRef } from "./ref.js";

/** Anything standing for the result of a task: a future or a delayed value. */
export interface KeyRef {
  readonly key: string;
}

export interface BuiltCall {
  readonly spec: TaskSpec;
  /** The task references found in the arguments, in input order. */
  readonly refs: readonly KeyRef[];
}

const isPlain = (v: object): boolean => { const p = Object.getPrototypeOf(v); return p === Object.prototype || p === null; };

export function buildCall(fn: unknown, args: readonly unknown[], isRef: (x: unknown) => x is KeyRef, options: { name?: string; pure?: boolean } = {}): BuiltCall {
  const ref = toFunctionRef(fn);
  const refs: KeyRef[] = [];
  const deps: string[] = [];
  const slots: Slot[] = [];
  const walk = (v: unknown, path: (string | number)[], depth: number): unknown => {
    if (isRef(v)) {
      let i = deps.indexOf(v.key);
      if (i < 0) { i = deps.length; deps.push(v.key); refs.push(v); }
      slots.push([path, i]);
      return null;
    }
    if (v === null || typeof v !== "object" || depth > 32 || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i], depth + 1));
    if (!isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    return out;
  };
  const shipped = args.map((a, i) => walk(a, [i], 0));
  const name = options.name ?? (ref.kind === "module" ? ref.name : ref.name === "anonymous" ? "call" : ref.name);
  let bytes: Uint8Array;
  try {
    bytes = v8.serialize([ref, shipped, slots, deps]);
  } catch (e) {
    const bad = shipped.findIndex((a) => { try { v8.serialize(a); return false; } catch { return true; } });
    throw new DuskError("NOT_SHIPPABLE",
      `argument ${bad + 1} of ${name} cannot be sent to a worker (${(e as Error).message}); arguments must be data — numbers, strings, arrays, plain objects, typed arrays — or futures and delayed values`,
      { function: name, argument: bad + 1 }, { cause: e });
  }
  const token = options.pure === false ? `${hashBytes64(bytes).slice(0, 8)}${Math.random().toString(16).slice(2, 10)}` : hashBytes64(bytes);
  const params: CallParams = { fn: ref, args: shipped, slots };
  return { spec: { key: `${name}-${token}`, op: "call", params, deps }, refs };
}
