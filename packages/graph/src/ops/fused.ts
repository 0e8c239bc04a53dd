/** A chain of ops run as one task: the first step takes the task's inputs, each next step the previous result. */
import type { Op, OpContext } from "./op.js";

export interface FusedStep { readonly op: string; readonly params: unknown }
export interface FusedParams { readonly steps: readonly FusedStep[] }

export function makeFused(lookup: (op: string) => Op) {
  // steps run synchronously until one returns a promise (a read); the rest run when it settles
  const from = (p: FusedParams, first: number, inputs: readonly unknown[], ctx: OpContext): unknown => {
    let args: readonly unknown[] = inputs;
    for (let i = first; i < p.steps.length; i++) {
      const s = p.steps[i];
      const out = (lookup(s.op) as (params: unknown, inputs: readonly unknown[], ctx: OpContext) => unknown)(s.params, args, ctx);
      if (out instanceof Promise) return i + 1 === p.steps.length ? out : out.then((v) => from(p, i + 1, [v], ctx));
      args = [out];
    }
    return args[0];
  };
  return function fused(p: FusedParams, inputs: readonly unknown[], ctx: OpContext): unknown {
    return from(p, 0, inputs, ctx);
  };
}
