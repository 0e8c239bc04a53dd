/** Ops every worker has, whatever op modules it loads: `call` (user functions) and `noop`. */
import { call } from "./functions/call.js";
import type { OpFunction, OpRegistry } from "./task.js";

const table: Record<string, OpFunction> = {
  call: call as OpFunction,
  noop: () => null,
};

export const builtinOps: OpRegistry = { get: (name) => table[name] };
