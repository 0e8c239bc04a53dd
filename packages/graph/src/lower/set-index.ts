/**
 * A SetIndex as tasks. `sorted`: nothing runs, its partitions are its input's. `sort-partitions`:
 * each partition sorts itself by the index (one `sort` task each, no shuffle). With `keep` (from
 * prune-by-divisions) only the kept partitions are outputs; the tasks of the others are culled
 * when lowering ends, so their reads never happen.
 */
import { nodeKey, type SetIndexNode } from "@dusk/plan";
import type { SortParams } from "../ops/sort.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

export function lowerSetIndex(node: SetIndexNode, ctx: LowerContext): string[] {
  const inputs = ctx.input(node.input);
  const kept = node.keep === null ? inputs.map((_, i) => i) : node.keep;
  if (node.mode === "sorted") return kept.map((i) => inputs[i]);
  const name = nodeKey(node);
  const sp: SortParams = { by: [node.column], ascending: [true], naPosition: "last" };
  return kept.map((i) => {
    const key = taskKey(name, i);
    ctx.add({ key, op: "sort", params: sp, deps: [inputs[i]] });
    return key;
  });
}
