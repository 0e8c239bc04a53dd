/** Ops every worker has, whatever op modules it loads: `call` (user functions) and `noop`. */
import { call } from "./functions/call.js";
import type { Codec } from "./codec.js";
import type { OpFunction, OpRegistry } from "./task.js";

const table: Record<string, OpFunction> = {
  call: call as OpFunction,
  noop: () => null,
};

export const builtinOps: OpRegistry = { get: (name) => table[name] };

/** Imports op modules (each exporting `ops` and optionally `codecs`) and merges them after the built-in ops. */
export async function loadOpModules(urls: readonly string[]): Promise<{ lookup: (name: string) => OpFunction | undefined; codecs: Codec[] }> {
  const registries: OpRegistry[] = [builtinOps];
  const codecs: Codec[] = [];
  for (const url of urls) {
    const mod = (await import(url)) as { ops?: OpRegistry; codecs?: readonly Codec[] };
    if (mod.ops) registries.push(mod.ops);
    if (mod.codecs) codecs.push(...mod.codecs);
  }
  return {
    lookup: (name) => { for (const r of registries) { const f = r.get(name); if (f) return f; } return undefined; },
    codecs,
  };
}
