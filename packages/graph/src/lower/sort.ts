/**
 * A sort as tasks. One partition: sort it. Several (P): every partition sorts itself (`sort`) and
 * gives a sample of its keys (`sort-sample`); one small task picks P − 1 boundaries from all samples
 * (`sort-boundaries`); each sorted partition is cut into P key ranges by them (`sort-split`); output
 * partition j gathers range j of every split, in input order, and sorts it (`sort-gather`). So the
 * outputs, concatenated, are the whole frame sorted, and the graph is known before anything runs.
 */
import { hashString, nodeKey, type SortNode } from "@dusk/plan";
import type { SortParams } from "../ops/sort.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/**
 * Sample rows each partition gives: 16 per output partition (a partition's sample places its rows
 * within about 1/16 of an output partition), but about 2^20 rows in all at most, so the one
 * boundaries task stays small when there are thousands of partitions.
 */
export function sortSampleSize(nparts: number): number {
  return Math.min(16 * (nparts + 1), Math.max(128, Math.ceil(2 ** 20 / nparts)));
}

export function lowerSort(node: SortNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const inputs = ctx.input(node.input);
  const P = inputs.length;
  const sp: SortParams = { by: node.by, ascending: node.ascending, naPosition: node.naPosition };
  if (P === 1) {
    const key = taskKey(name, 0);
    ctx.add({ key, op: "sort", params: sp, deps: [inputs[0]] });
    return [key];
  }
  const id = hashString(name);
  const sorted = inputs.map((dep, i) => {
    const key = taskKey(`sort-partition-${id}`, i);
    ctx.add({ key, op: "sort", params: sp, deps: [dep] });
    return key;
  });
  const samples = sorted.map((dep, i) => {
    const key = taskKey(`sort-sample-${id}`, i);
    ctx.add({ key, op: "sort-sample", params: { by: node.by, size: sortSampleSize(P) }, deps: [dep] });
    return key;
  });
  const bounds = taskKey(`sort-boundaries-${id}`, 0);
  const keyTypes = node.by.map((k) => node.input.schema.require(k).dtype);
  ctx.add({ key: bounds, op: "sort-boundaries", params: { ...sp, nparts: P, keyTypes }, deps: samples });
  const splits = sorted.map((dep, i) => {
    const key = taskKey(`sort-split-${id}`, i);
    ctx.add({ key, op: "sort-split", params: { ...sp, nparts: P }, deps: [dep, bounds] });
    return key;
  });
  const s = node.schema;
  return Array.from({ length: P }, (_, j) => {
    const key = taskKey(name, j);
    ctx.add({ key, op: "sort-gather", params: { ...sp, part: j, names: s.names, dtypes: s.fields.map((f) => f.dtype) }, deps: splits });
    return key;
  });
}
