/**
 * Window functions: a summary task per partition, a chain of small carry tasks along the
 * partitions (forward for running values and earlier rows, backward for later rows, only where a
 * call needs them), and an apply task per partition reading its rows and its carries.
 */
import { nodeKey, windowReach, type WindowNode } from "@dusk/plan";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

export function lowerWindow(node: WindowNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const hash = name.slice(name.indexOf("-") + 1);
  const parts = ctx.input(node.input);
  const calls = node.calls;
  const needsBefore = calls.some((c) => c.fn !== "shift" || windowReach(c).before > 0);
  const needsAfter = calls.some((c) => windowReach(c).after > 0);
  const chain = (direction: "before" | "after"): (string | null)[] => {
    const summaries = parts.map((dep, i) => {
      const key = taskKey(`window-summary-${direction}-${hash}`, i);
      ctx.add({ key, op: "window-summary", params: { calls, direction }, deps: [dep] });
      return key;
    });
    const carries: (string | null)[] = parts.map(() => null);
    const order = direction === "before" ? parts.map((_, i) => i) : parts.map((_, i) => parts.length - 1 - i);
    for (let s = 1; s < order.length; s++) {
      const i = order[s], from = order[s - 1];
      const key = taskKey(`window-carry-${direction}-${hash}`, i);
      const prev = carries[from];
      ctx.add({
        key, op: "window-carry", params: { calls, direction, first: prev === null },
        deps: prev === null ? [summaries[from]] : direction === "before" ? [prev, summaries[from]] : [summaries[from], prev],
      });
      carries[i] = key;
    }
    return carries;
  };
  const before = needsBefore ? chain("before") : parts.map(() => null);
  const after = needsAfter ? chain("after") : parts.map(() => null);
  return parts.map((dep, i) => {
    const key = taskKey(name, i);
    const deps = [dep];
    if (before[i] !== null) deps.push(before[i]!);
    if (after[i] !== null) deps.push(after[i]!);
    ctx.add({ key, op: "window-apply", params: { calls, hasBefore: before[i] !== null, hasAfter: after[i] !== null }, deps });
    return key;
  });
}
