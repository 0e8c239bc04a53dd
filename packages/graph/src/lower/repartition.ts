/**
 * A repartition as tasks, rows kept in order. Fewer partitions (Q < P): output j concatenates
 * inputs ⌊jP/Q⌋ up to ⌊(j+1)P/Q⌋. More (Q > P): input i is cut into ⌊(i+1)Q/P⌋ − ⌊iQ/P⌋ row ranges
 * of near-equal length, decided by the task from the partition's own length (row counts need not
 * be known when planning). The same number: the input partitions as they are.
 */
import { hashString, nodeKey, type RepartitionNode } from "@dusk/plan";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

export function lowerRepartition(node: RepartitionNode, ctx: LowerContext): string[] {
  const inputs = ctx.input(node.input);
  const P = inputs.length, Q = node.npartitions;
  if (P === Q) return [...inputs];
  const name = nodeKey(node);
  if (Q < P) {
    const s = node.schema;
    const params = { names: s.names, dtypes: s.fields.map((f) => f.dtype) };
    return Array.from({ length: Q }, (_, j) => {
      const key = taskKey(name, j);
      ctx.add({ key, op: "concat", params, deps: inputs.slice(Math.floor((j * P) / Q), Math.floor(((j + 1) * P) / Q)) });
      return key;
    });
  }
  const id = hashString(name);
  const out: string[] = [];
  inputs.forEach((dep, i) => {
    const parts = Math.floor(((i + 1) * Q) / P) - Math.floor((i * Q) / P);
    const split = taskKey(`split-rows-${id}`, i);
    ctx.add({ key: split, op: "split-rows", params: { parts }, deps: [dep] });
    for (let r = 0; r < parts; r++) {
      const key = taskKey(name, out.length);
      ctx.add({ key, op: "split-part", params: { part: r }, deps: [split] });
      out.push(key);
    }
  });
  return out;
}
