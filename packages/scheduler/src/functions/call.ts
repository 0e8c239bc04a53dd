/**
 * The "call" op: runs a user function on its arguments, with the results of other tasks (delayed
 * values, futures) put in the places their slots name.
 */
import { DuskError } from "@dusk/core";
import { loadFunction, type FunctionRef } from "./ref.js";

/** Where a task input goes in the arguments: a path of array indices and object keys. */
export type Slot = readonly [path: readonly (string | number)[], input: number];

export interface CallParams {
  readonly fn: FunctionRef;
  readonly args: readonly unknown[];
  readonly slots: readonly Slot[];
}

/** `args` with each slot's path set to its input, copying the containers on the path (params stay untouched). */
export function fillSlots(args: readonly unknown[], slots: readonly Slot[], inputs: readonly unknown[]): unknown[] {
  const root: unknown[] = [...args];
  for (const [path, input] of slots) {
    let node: Record<string | number, unknown> = root as unknown as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      const child = node[path[i]];
      const copy = Array.isArray(child) ? [...child] : { ...(child as object) };
      node[path[i]] = copy;
      node = copy as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = inputs[input];
  }
  return root;
}

export async function call(p: CallParams, inputs: readonly unknown[]): Promise<unknown> {
  const fn = await loadFunction(p.fn);
  try {
    return await fn(...fillSlots(p.args, p.slots, inputs));
  } catch (e) {
    if (e instanceof ReferenceError && p.fn.kind === "source") {
      const name = /^(\S+) is not defined/.exec(e.message)?.[1] ?? "a variable";
      throw new DuskError("NOT_SHIPPABLE",
        `function ${p.fn.name} uses ${name}, which does not exist in the worker: functions sent to workers as source must be self-contained. ` +
        `Pass ${name} as an argument, or export the function from a module and use dd.remote(import.meta.url, "${p.fn.name}")`,
        { function: p.fn.name, identifier: name }, { cause: e });
    }
    throw e;
  }
}
