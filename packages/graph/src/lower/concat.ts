import type { ConcatNode } from "@dusk/plan";
import type { LowerContext } from "./context.js";

/** No tasks: the outputs are every input's partitions, input after input. */
export function lowerConcat(node: ConcatNode, ctx: LowerContext): string[] {
  return node.inputs.flatMap((x) => [...ctx.input(x)]);
}
