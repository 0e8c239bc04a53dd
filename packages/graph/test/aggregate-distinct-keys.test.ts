/**
 * Adaptive pre-aggregation: a large partition whose keys are (nearly) all distinct is not hashed
 * in the partial stage (each row is a group of one), and the result must be exactly what hashing
 * gives: every aggregate kind, null keys with dropna true and false, null values, duplicates across
 * and within partitions, order-sensitive aggregates, sorted and unsorted, with and without splitOut.
 */
import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { aggKernels, columnFromValues, columnToValues, groupIds, type AggFn, type Batch, type Column } from "@dusk/kernels";
import { fuse, lower, ops, order, type TaskGraph } from "@dusk/graph";
import { aggNode, aggregateNode, bindExpr, colNode, memorySource, named, optimize, scanNode, Schema, type ExprNode, type LogicalNode } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { DISTINCT_CHECK_ROWS, nearlyDistinct } from "../src/ops/aggregate-partial.js";

const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];

/** Rows with keys (a: utf8, b: int64) nearly all distinct: a few keys repeat, a few are null. */
function rows(n: number, seed: number): { a: (string | null)[]; b: (bigint | null)[]; v: (number | null)[] } {
  let x = seed;
  const next = (): number => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) / (1 << 24); };
  const a: (string | null)[] = [], b: (bigint | null)[] = [], v: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    // 0.1 % repeat an earlier row's key (within or across partitions), 0.05 % null in one key
    const j = r < 0.001 && i > 0 ? Math.floor(next() * i) : i;
    a.push(r > 0.9995 ? null : `k${j % 1000}`);
    b.push(r > 0.999 && r <= 0.9995 ? null : BigInt(Math.floor(j / 1000)));
    v.push(next() < 0.01 ? null : Math.round(next() * 2000 - 1000) / 8);
  }
  return { a, b, v };
}

function scan(all: ReturnType<typeof rows>, partitions: number, token: string): LogicalNode {
  const schema = Schema.of({ a: "utf8", b: "int64", v: "float64" });
  const per = Math.ceil(all.a.length / partitions);
  const parts: Batch[] = [];
  for (let p = 0; p < partitions; p++) {
    const from = p * per, to = Math.min(all.a.length, from + per);
    parts.push({
      names: ["a", "b", "v"], length: to - from,
      columns: [columnFromValues(dtypes.utf8, all.a.slice(from, to)), columnFromValues(dtypes.int64, all.b.slice(from, to)), columnFromValues(dtypes.float64, all.v.slice(from, to))],
    });
  }
  return scanNode(memorySource(token, schema, parts, parts.map((b) => b.length)));
}

const AGGS: Record<string, () => ExprNode> = {
  sum: () => aggNode("sum", colNode("v")), count: () => aggNode("count", colNode("v")), size: () => aggNode("size", null),
  mean: () => aggNode("mean", colNode("v")), min: () => aggNode("min", colNode("v")), max: () => aggNode("max", colNode("v")),
  std: () => aggNode("std", colNode("v")), var0: () => aggNode("var", colNode("v"), { ddof: 0 }),
  first: () => aggNode("first", colNode("v")), last: () => aggNode("last", colNode("v")),
};

async function aggregate(node: LogicalNode, dropna: boolean, sort: boolean, splitOut: number): Promise<unknown[][]> {
  const keys = ["a", "b"];
  const plan = aggregateNode(node, keys,
    Object.entries(AGGS).map(([name, e]) => named(name, bindExpr(e(), { schema: node.schema, where: "agg", aggregate: { keys } }))),
    { dropna, sort, splitOut });
  const out = await run(order(fuse(lower(optimize(plan)))));
  const table: unknown[][] = [];
  for (const b of out) {
    const cols = b.columns.map((c) => columnToValues(c));
    for (let i = 0; i < b.length; i++) table.push(cols.map((c) => c[i]));
  }
  return table;
}

describe("adaptive pre-aggregation of nearly distinct keys", () => {
  const n = 2 * DISTINCT_CHECK_ROWS + 999;
  const data = rows(n, 7);

  it("gives what hashing every partition gives", async () => {
    const std = Object.keys(AGGS).indexOf("std") + 2, var0 = Object.keys(AGGS).indexOf("var0") + 2;
    /** A row as text; std and var to 12 digits, as their states merge in another order. */
    const text = (r: unknown[]): string => JSON.stringify(r.map((x, j) =>
      typeof x === "bigint" ? `${x}n` : (j === std || j === var0) && typeof x === "number" ? x.toPrecision(12) : x));
    for (const [dropna, sort, splitOut] of [[true, true, 1], [true, false, 3], [false, true, 1], [false, false, 3]] as const) {
      // two large partitions (adaptive) against sixty small ones (always hashed)
      const label = `dropna ${dropna}, sort ${sort}, splitOut ${splitOut}`;
      const adaptive = await aggregate(scan(data, 2, `big-${label}`), dropna, sort, splitOut);
      const hashed = await aggregate(scan(data, 60, `small-${label}`), dropna, sort, splitOut);
      const got = adaptive.map(text), want = hashed.map(text);
      // unsorted or shuffled: the same groups with the same values, in some order
      if (!(sort && splitOut === 1)) { got.sort(); want.sort(); }
      expect(got, label).toEqual(want);
      expect(adaptive.some((r) => r[0] === null || r[1] === null), label).toBe(!dropna);
    }
  });

  it("relies on merging one row's states giving those states back (the final stage passes such rows through)", () => {
    // partial states of every decomposable aggregate, over groups with nulls and one-row groups,
    // merged again with each row its own group, must come back unchanged
    const m = 500;
    let x = 11;
    const next = (): number => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) / (1 << 24); };
    const pick = <T>(f: () => T): (T | null)[] => Array.from({ length: m }, () => (next() < 0.1 ? null : f()));
    const inputs: Record<string, Column> = {
      float64: columnFromValues(dtypes.float64, pick(() => Math.round(next() * 2000 - 1000) / 8)),
      int32: columnFromValues(dtypes.int32, pick(() => Math.floor(next() * 2000) - 1000)),
      int64: columnFromValues(dtypes.int64, pick(() => BigInt(Math.floor(next() * 1e6)) * 10n ** 12n)),
      bool: columnFromValues(dtypes.bool, pick(() => next() < 0.5)),
    };
    const keys = columnFromValues(dtypes.int32, Array.from({ length: m }, () => Math.floor(next() * 150)));
    const grouping = groupIds([keys]);
    const n = grouping.ngroups;
    const each = Int32Array.from({ length: n }, (_, i) => i);
    const identity = { ids: each, ngroups: n, firstRow: each };
    let checked = 0;
    for (const [fn, k] of Object.entries(aggKernels) as [AggFn, (typeof aggKernels)[AggFn]][]) {
      for (const [t, col] of Object.entries(inputs)) {
        let states: Column[];
        try {
          states = k.partial(fn === "size" ? null : col, grouping, fn, fn === "corr" || fn === "cov" ? inputs.float64 : null);
        } catch { continue; } // not defined for this dtype
        const again = k.combine(states, identity, fn);
        expect(again.map((c) => columnToValues(c)), `${fn}(${t})`).toEqual(states.map((c) => columnToValues(c)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("tells nearly distinct keys from repeated ones by a sample", () => {
    const col = (values: bigint[]) => columnFromValues(dtypes.int64, values);
    const m = DISTINCT_CHECK_ROWS * 2;
    expect(nearlyDistinct([col(Array.from({ length: m }, (_, i) => BigInt(i)))], m)).toBe(true);
    // every key twice (adjacent or far apart): grouping halves the rows, so it is kept
    expect(nearlyDistinct([col(Array.from({ length: m }, (_, i) => BigInt(i >> 1)))], m)).toBe(false);
    expect(nearlyDistinct([col(Array.from({ length: m }, (_, i) => BigInt(i % (m / 2))))], m)).toBe(false);
    // keys of few possible values need no sample: a dictionary of 1,000 strings
    const dict = columnFromValues(dtypes.utf8, Array.from({ length: m }, (_, i) => `k${i % 1000}`));
    expect(nearlyDistinct([dict], m)).toBe(false);
    // small partitions are always hashed
    const small = DISTINCT_CHECK_ROWS - 1;
    expect(nearlyDistinct([col(Array.from({ length: small }, (_, i) => BigInt(i)))], small)).toBe(false);
  });
});
