/** A chain of ops run as one task: the first step takes the task's inputs, each next step the previous result. */
import type { Op, OpContext } from "./op.js";

export interface FusedStep { readonly op: string; readonly params: unknown }
export interface FusedParams { readonly steps: readonly FusedStep[] }

export function makeFused(lookup: (op: string) => Op) {
  return function fused(p: FusedParams, inputs: readonly unknown[], ctx: OpContext): unknown {
    let args: readonly unknown[] = inputs;
    let out: unknown;
    for (const s of p.steps) {
      out = (lookup(s.op) as (params: unknown, inputs: readonly unknown[], ctx: OpContext) => unknown)(s.params, args, ctx);
      args = [out];
    }
    return out;
  };
}
