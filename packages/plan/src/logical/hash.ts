/**
 * Content keys of plan nodes: `kind-<16 hex>` from a hash of the node's canonical content and its
 * inputs' keys. Equal sub-plans get equal keys (so they become the same tasks); nothing random,
 * counted or timed goes in. Keys are cached per node object.
 */
import { assertNever } from "@dusk/core";
import { exprKey } from "../expr/explain.js";
import type { NamedExpr } from "../expr/typed.js";
import type { LogicalNode } from "./node.js";
import { sourceKey } from "./sources.js";

const cache = new WeakMap<LogicalNode, string>();

/** A 64-bit hash of a string as 16 hex digits (two independent 32-bit FNV-1a/murmur-mixed lanes). */
export function hashString(s: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x9747b28c | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const mix = (h: number): number => {
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
    return h >>> 0;
  };
  return mix(h1).toString(16).padStart(8, "0") + mix(h2 ^ s.length).toString(16).padStart(8, "0");
}

/** Divisions as JSON-safe text (bigints and strings told apart). */
const divisionsKey = (ds: readonly (readonly [unknown, unknown] | null)[]): string[] =>
  ds.map((b) => (b === null ? "-" : b.map((v) => (typeof v === "bigint" ? `${v}n` : JSON.stringify(v))).join("..")));

const named = (xs: readonly NamedExpr[]): string[] => xs.map((ne) => `${ne.name}=${exprKey(ne.expr)}`);

function content(n: LogicalNode): unknown[] {
  switch (n.kind) {
    case "scan": return [sourceKey(n.source), n.columns, n.predicate ? exprKey(n.predicate) : null];
    case "project": return [nodeKey(n.input), named(n.exprs)];
    case "assign": return [nodeKey(n.input), named(n.exprs)];
    case "filter": return [nodeKey(n.input), exprKey(n.predicate)];
    case "aggregate": return [nodeKey(n.input), n.keys, named(n.aggs), n.options.dropna, n.options.sort, n.options.splitOut ?? 1];
    case "limit": return [nodeKey(n.input), n.n];
    case "merge": return [nodeKey(n.left), nodeKey(n.right), n.how, n.leftOn, n.rightOn, n.suffixes];
    case "merge-asof": {
      const t = n.tolerance;
      const tol = t === null ? null : typeof t === "number" ? t : typeof t === "bigint" ? `${t}n` : `duration ${t.nanos}ns`;
      return [nodeKey(n.left), nodeKey(n.right), n.leftOn, n.rightOn, n.leftBy, n.rightBy, n.direction, tol, n.allowExactMatches, n.suffixes];
    }
    case "sort": return [nodeKey(n.input), n.by, n.ascending, n.naPosition];
    case "top-n": return [nodeKey(n.input), n.n, n.by, n.ascending, n.group && [n.group.keys, n.group.dropna, n.group.splitOut]];
    case "drop-duplicates": return [nodeKey(n.input), n.subset, n.keep, n.splitOut];
    case "concat": return n.inputs.map(nodeKey);
    case "repartition": return [nodeKey(n.input), n.npartitions];
    case "set-index": return [nodeKey(n.input), n.column, n.mode, n.divisions && divisionsKey(n.divisions), n.keep, n.reset];
    case "window": return [nodeKey(n.input), n.calls.map((c) => [c.name, c.fn, exprKey(c.input), c.periods ?? null, c.window ?? null, c.minPeriods ?? null, c.agg ?? null, c.duration?.toString() ?? null, c.on ? exprKey(c.on) : null])];
    default: return assertNever(n);
  }
}

/** The content key of a node, e.g. `filter-3f9a2c1b80a1d2e4`. */
export function nodeKey(n: LogicalNode): string {
  let k = cache.get(n);
  if (k === undefined) {
    k = `${n.kind}-${hashString(JSON.stringify([n.kind, ...content(n)]))}`;
    cache.set(n, k);
  }
  return k;
}
