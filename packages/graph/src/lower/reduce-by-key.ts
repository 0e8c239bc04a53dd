/**
 * The task shape of a per-key reduction whose partial results are of the same kind as its output
 * (top n per group, distinct rows): one `op` task per input partition, then either
 * - splitOut 1: combines of up to {@link REDUCE_FAN_IN} partial results at a time, level by level,
 *   each over consecutive partitions (so partition order is kept), and one final task; or
 * - splitOut > 1: the partial results hash-shuffled by `keys` into splitOut pieces, and one final
 *   task per output partition over the pieces of every partial, in partition order.
 * A one-partition input with splitOut 1 is one final task.
 */
import type { DType } from "@dusk/core";
import type { OpName } from "../ops/registry.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";
import { evenGroups } from "./tree.js";

export const REDUCE_FAN_IN = 8;

export interface ReduceByKey {
  /** The node's key: names the output tasks; its hash names the intermediate ones. */
  readonly name: string;
  readonly op: OpName;
  /** Params of the partial and combine tasks, and of the final ones. */
  readonly partial: object;
  readonly final: object;
  readonly keys: readonly string[];
  readonly keyTypes: readonly DType[];
  readonly splitOut: number;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
}

export function lowerReduceByKey(r: ReduceByKey, inputs: readonly string[], ctx: LowerContext): string[] {
  const hash = r.name.slice(r.name.lastIndexOf("-") + 1);
  if (inputs.length === 1 && r.splitOut === 1) {
    const key = taskKey(r.name, 0);
    ctx.add({ key, op: r.op, params: r.final, deps: [...inputs] });
    return [key];
  }
  let level = inputs.map((dep, i) => {
    const key = taskKey(`${r.op}-partial-${hash}`, i);
    ctx.add({ key, op: r.op, params: r.partial, deps: [dep] });
    return key;
  });
  if (r.splitOut > 1) {
    const splits = level.map((dep, i) => {
      const key = taskKey(`shuffle-split-${hash}`, i);
      ctx.add({ key, op: "shuffle-split", params: { keys: r.keys, keyTypes: r.keyTypes, nparts: r.splitOut }, deps: [dep] });
      return key;
    });
    return Array.from({ length: r.splitOut }, (_, j) => {
      const gather = taskKey(`shuffle-gather-${hash}`, j);
      ctx.add({ key: gather, op: "shuffle-gather", params: { part: j, names: r.names, dtypes: r.dtypes }, deps: splits });
      const key = taskKey(r.name, j);
      ctx.add({ key, op: r.op, params: r.final, deps: [gather] });
      return key;
    });
  }
  for (let depth = 0; level.length > REDUCE_FAN_IN; depth++) {
    const next: string[] = [];
    for (const deps of evenGroups(level, REDUCE_FAN_IN)) {
      const key = `${r.op}-combine-${hash}:${depth}.${next.length}`;
      ctx.add({ key, op: r.op, params: r.partial, deps });
      next.push(key);
    }
    level = next;
  }
  const key = taskKey(r.name, 0);
  ctx.add({ key, op: r.op, params: r.final, deps: level });
  return [key];
}
