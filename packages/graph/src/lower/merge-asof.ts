/**
 * A merge-asof as tasks: one `merge-asof` task per left partition, so the output keeps the left
 * partitions and their row order, each fed the right rows `mergeAsofDecision` says it needs as one
 * partition:
 * - broadcast (one partition, small, or gathered): the whole right side, itself or one `concat` task;
 * - divisions: per left partition a `concat` of the right partitions overlapping its key range,
 *   after the prefix "tail" (last row per by group of every right partition before them: a chain
 *   of `merge-asof-edge` tasks, each folding one partition into the previous tail) and before the
 *   suffix "head" (first row per group of every partition after them, chained from the end).
 */
import { hashString, mergeAsofDecision, nodeKey, type MergeAsofNode } from "@dusk/plan";
import type { MergeAsofEdgeParams, MergeAsofParams } from "../ops/merge-asof.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

export function lowerMergeAsof(node: MergeAsofNode, ctx: LowerContext): string[] {
  const d = mergeAsofDecision(node);
  const id = hashString(`${nodeKey(node)}|${d.strategy}`);
  const rights = ctx.input(node.right);
  const concatParams = { names: node.right.schema.names, dtypes: node.right.schema.fields.map((f) => f.dtype) };
  const concatOf = (deps: readonly string[], i: number): string => {
    if (deps.length === 1) return deps[0];
    const key = taskKey(`merge-asof-right-${id}`, i);
    ctx.add({ key, op: "concat", params: concatParams, deps: [...deps] });
    return key;
  };
  const lefts = ctx.input(node.left);
  let rightFor: (i: number) => string;
  if (d.strategy === "divisions" && d.needs !== null) {
    const needs = d.needs;
    const edge = (which: "first" | "last") => {
      const memo = new Map<number, string>();
      const params: MergeAsofEdgeParams = { on: node.rightOn, by: node.rightBy, which, ...concatParams };
      const step = which === "last" ? -1 : 1;
      const at = (j: number): string => {
        const done = memo.get(j);
        if (done !== undefined) return done;
        const next = j + step;
        const more = next >= 0 && next < rights.length ? [at(next)] : [];
        const key = taskKey(`merge-asof-${which === "last" ? "tail" : "head"}-${id}`, j);
        ctx.add({ key, op: "merge-asof-edge", params, deps: which === "last" ? [...more, rights[j]] : [rights[j], ...more] });
        memo.set(j, key);
        return key;
      };
      return at;
    };
    const tail = edge("last"), head = edge("first");
    rightFor = (i) => {
      const x = needs[i];
      return concatOf([...(x.tail === null ? [] : [tail(x.tail)]), ...x.parts.map((j) => rights[j]), ...(x.head === null ? [] : [head(x.head)])], i);
    };
  } else {
    const whole = concatOf(rights, 0);
    rightFor = () => whole;
  }
  const t = node.toleranceValue;
  const name = d.why === "divisions" ? `merge-asof-${id}` : nodeKey(node);
  return lefts.map((l, i) => {
    const params: MergeAsofParams = {
      leftOn: node.leftOn, rightOn: node.rightOn, onType: node.onType, leftBy: node.leftBy, rightBy: node.rightBy, byTypes: node.byTypes,
      direction: node.direction, tolerance: typeof t === "bigint" ? t.toString() : t, allowExactMatches: node.allowExactMatches,
      columns: node.columns, partition: i,
    };
    const key = taskKey(name, i);
    ctx.add({ key, op: "merge-asof", params, deps: [l, rightFor(i)] });
    return key;
  });
}
