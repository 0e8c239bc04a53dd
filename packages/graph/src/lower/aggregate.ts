/**
 * Aggregation as a tree reduction: a partial aggregate per partition, then combines of up to
 * `fanIn` partial results at a time, level by level, then one final task. Peak memory is bounded by
 * the fan-in, not the number of partitions. With splitOut > 1 the partial results are shuffled by
 * key instead. An aggregation with a holistic primitive (median, quantile, nunique) has no partial
 * states: its rows are shuffled by key so that each task sees whole groups.
 */
import { nodeKey, exprKey, explainExpr, named, tCol, transformUp, type AggregateNode, type NamedExpr, type TypedExpr } from "@dusk/plan";
import { hasHolistic, type AggPrimitive, type AggregateSpec } from "../ops/aggregate-spec.js";
import { partialLayout } from "../ops/aggregate-combine.js";
import { inputLayout } from "../ops/aggregate-whole.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";
import { evenGroups } from "./tree.js";

export const AGGREGATE_FAN_IN = 8;

/** Distinct aggregate calls as primitives; output expressions rewritten over them. */
export function aggregateSpec(node: AggregateNode): AggregateSpec {
  const inputs: NamedExpr[] = node.keys.map((k) => named(k, tCol(k, node.input.schema.require(k).dtype)));
  const inputByKey = new Map<string, string>();
  const primitives: AggPrimitive[] = [];
  const primByKey = new Map<string, AggPrimitive>();
  const inputColumn = (e: TypedExpr): string => {
    if (e.kind === "col") {
      if (!inputs.some((ne) => ne.name === e.name)) inputs.push(named(e.name, e));
      return e.name;
    }
    const k = exprKey(e);
    let name = inputByKey.get(k);
    if (!name) {
      name = `__i${inputByKey.size}`;
      inputByKey.set(k, name);
      inputs.push(named(name, e));
    }
    return name;
  };
  const outputs = node.aggs.map((ne) => named(ne.name, transformUp(ne.expr, (e) => {
    if (e.kind !== "agg") return e;
    const k = exprKey(e);
    let prim = primByKey.get(k);
    if (!prim) {
      prim = {
        name: `__a${primitives.length}`, fn: e.fn, input: e.input === null ? null : inputColumn(e.input),
        other: e.other === null ? null : inputColumn(e.other),
        inputType: e.input?.dtype ?? null, options: e.options, where: explainExpr(e),
      };
      primitives.push(prim);
      primByKey.set(k, prim);
    }
    return tCol(prim.name, e.dtype);
  })));
  return {
    keys: node.keys, keyTypes: node.keys.map((k) => node.input.schema.require(k).dtype),
    inputs, primitives, outputs, dropna: node.options.dropna, sort: node.options.sort,
  };
}

export function lowerAggregate(node: AggregateNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const hash = name.slice(name.indexOf("-") + 1);
  const spec = aggregateSpec(node);
  if (hasHolistic(spec)) return wholeGroups(node, spec, hash, ctx);
  let level = ctx.input(node.input).map((dep, i) => {
    const key = taskKey(`aggregate-partial-${hash}`, i);
    ctx.add({ key, op: "aggregate-partial", params: spec, deps: [dep] });
    return key;
  });
  const splitOut = node.options.splitOut ?? 1;
  if (splitOut > 1) return shuffled(node, spec, hash, level, splitOut, ctx);
  for (let depth = 0; level.length > AGGREGATE_FAN_IN; depth++) {
    const next: string[] = [];
    for (const deps of evenGroups(level, AGGREGATE_FAN_IN)) {
      const key = `aggregate-combine-${hash}:${depth}.${next.length}`;
      ctx.add({ key, op: "aggregate-combine", params: spec, deps });
      next.push(key);
    }
    level = next;
  }
  const key = taskKey(name, 0);
  ctx.add({ key, op: "aggregate-final", params: spec, deps: level });
  return [key];
}

/**
 * Holistic aggregates: each partition's keys and inputs are computed (`aggregate-prepare`), then
 * hash-partitioned by key into as many pieces as output partitions (splitOut, or the input's
 * partition count when splitOut is 1) so that every group lands whole in one `aggregate-whole`
 * task; with splitOut 1 one last task concatenates the (one row per group) results. Without keys, or
 * from a single partition, one task aggregates all prepared inputs.
 */
function wholeGroups(node: AggregateNode, spec: AggregateSpec, hash: string, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const prepared = ctx.input(node.input).map((dep, i) => {
    const key = taskKey(`aggregate-prepare-${hash}`, i);
    ctx.add({ key, op: "aggregate-prepare", params: spec, deps: [dep] });
    return key;
  });
  const splitOut = node.options.splitOut ?? 1;
  if (spec.keys.length === 0 || (prepared.length === 1 && splitOut === 1)) {
    const key = taskKey(name, 0);
    ctx.add({ key, op: "aggregate-whole", params: spec, deps: prepared });
    return [key];
  }
  const nparts = splitOut > 1 ? splitOut : prepared.length;
  const { names, dtypes } = inputLayout(spec);
  const splits = prepared.map((dep, i) => {
    const key = taskKey(`shuffle-split-${hash}`, i);
    ctx.add({ key, op: "shuffle-split", params: { keys: spec.keys, keyTypes: spec.keyTypes, nparts }, deps: [dep] });
    return key;
  });
  const wholes = Array.from({ length: nparts }, (_, j) => {
    const gather = taskKey(`shuffle-gather-${hash}`, j);
    ctx.add({ key: gather, op: "shuffle-gather", params: { part: j, names, dtypes }, deps: splits });
    const key = taskKey(splitOut > 1 ? name : `aggregate-whole-${hash}`, j);
    ctx.add({ key, op: "aggregate-whole", params: spec, deps: [gather] });
    return key;
  });
  if (splitOut > 1) return wholes;
  const key = taskKey(name, 0);
  ctx.add({ key, op: "aggregate-concat", params: spec, deps: wholes });
  return [key];
}

/**
 * splitOut > 1: the partial results are hash-partitioned by key into `splitOut` pieces each; output
 * partition j gathers piece j of every partial and finishes the groups it holds. Every group lands
 * in exactly one output partition, and no task holds all groups at once.
 */
function shuffled(node: AggregateNode, spec: AggregateSpec, hash: string, partials: readonly string[], nparts: number, ctx: LowerContext): string[] {
  const { names, dtypes } = partialLayout(spec);
  const splits = partials.map((dep, i) => {
    const key = taskKey(`shuffle-split-${hash}`, i);
    ctx.add({ key, op: "shuffle-split", params: { keys: spec.keys, keyTypes: spec.keyTypes, nparts }, deps: [dep] });
    return key;
  });
  const name = nodeKey(node);
  return Array.from({ length: nparts }, (_, j) => {
    const gather = taskKey(`shuffle-gather-${hash}`, j);
    ctx.add({ key: gather, op: "shuffle-gather", params: { part: j, names, dtypes }, deps: splits });
    const key = taskKey(name, j);
    ctx.add({ key, op: "aggregate-final", params: spec, deps: [gather] });
    return key;
  });
}
