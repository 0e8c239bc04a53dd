import { describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnToValues, type Batch } from "@dusk/kernels";
import {
  AGGREGATE_FAN_IN, cull, explainGraph, fuse, lower, ops, order, postOrder, keyPrefix, type TaskGraph,
} from "@dusk/graph";
import {
  aggNode, aggregateNode, bindExpr, binaryNode, colNode, filterNode, litNode, named, optimize, projectNode, tCol, type LogicalNode,
} from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { scanKV } from "./helpers.js";

const gt = (n: LogicalNode, c: string, v: number) => filterNode(n, bindExpr(binaryNode("gt", colNode(c), litNode(v)), { schema: n.schema, where: "filter" }));
const sumBy = (n: LogicalNode) => aggregateNode(n, ["k"], [named("s", bindExpr(aggNode("sum", colNode("v")), { schema: n.schema, where: "agg", aggregate: { keys: ["k"] } }))]);
const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];

describe("lowering", () => {
  it("gives equal plans equal task keys, and different plans different ones", () => {
    const a = lower(gt(scanKV(4), "v", 3));
    const b = lower(gt(scanKV(4), "v", 3));
    const c = lower(gt(scanKV(4), "v", 4));
    expect([...a.tasks.keys()]).toEqual([...b.tasks.keys()]);
    expect(a.outputs).toEqual(b.outputs);
    expect(a.outputs[0]).toMatch(/^filter-[0-9a-f]{16}:0$/);
    expect(c.outputs[0]).not.toBe(a.outputs[0]);
    expect(keyPrefix(a.outputs[2])).toBe("filter");
  });

  it("shares the tasks of a sub-plan used twice", () => {
    const s = scanKV(3);
    const left = gt(s, "v", 1), right = gt(s, "v", 1);
    const g1 = lower(left), g2 = lower(right);
    expect(g1.outputs).toEqual(g2.outputs);
  });

  it("fuses per-partition chains into one task per partition", () => {
    const plan = projectNode(gt(scanKV(4), "v", 3), [named("v", tCol("v", dtypes.int64))]);
    const g = fuse(lower(plan));
    expect(g.tasks.size).toBe(4);
    expect(explainGraph(g)).toBe(["4 tasks", "  project (scan-memory → filter → project): 4 tasks"].join("\n"));
  });

  it("reduces an aggregation as a tree, fan-in at a time", () => {
    for (const [parts, combines] of [[1, 0], [8, 0], [9, 2], [20, 3], [100, 13 + 2]] as const) {
      const g = lower(sumBy(scanKV(parts, 2)));
      const count = (op: string) => [...g.tasks.values()].filter((t) => t.op === op).length;
      expect(count("aggregate-partial")).toBe(parts);
      expect(count("aggregate-combine")).toBe(combines);
      expect(count("aggregate-final")).toBe(1);
      for (const t of g.tasks.values()) expect(t.deps.length).toBeLessThanOrEqual(AGGREGATE_FAN_IN);
    }
    // a level's combines take equal shares (within one), so workers finish them together
    for (const [parts, sizes] of [[10, [5, 5]], [20, [7, 7, 6]], [17, [6, 6, 5]]] as const) {
      const g = lower(sumBy(scanKV(parts, 2)));
      const combines = [...g.tasks.values()].filter((t) => t.op === "aggregate-combine").map((t) => t.deps.length);
      expect(combines.sort().reverse(), `${parts} partitions`).toEqual(sizes);
    }
  });

  it("computes the same result whatever the partitioning", async () => {
    const expected = { k: ["k0", "k1", "k2"], s: [0n, 0n, 0n] };
    for (let v = 0; v < 200; v++) expected.s[v % 3] += BigInt(v);
    for (const parts of [1, 4, 25, 100]) {
      const [b] = await run(order(fuse(lower(optimize(sumBy(scanKV(parts, 200 / parts, `same-${parts}`)))))));
      expect(columnToValues(b.columns[0])).toEqual(expected.k);
      expect(columnToValues(b.columns[1])).toEqual(expected.s);
    }
  });

  it("orders a reduction so few partial results are held at once", async () => {
    for (const parts of [100, 1000]) {
      const g = order(fuse(lower(sumBy(scanKV(parts, 4, `order-${parts}`)))));
      let peak = 0;
      await runInline(g.tasks.values(), g.outputs, ops, { onProgress: (p) => { peak = Math.max(peak, p.keysInMemory); } });
      // at most about fan-in results per level of the tree, however many partitions
      const levels = Math.ceil(Math.log(parts) / Math.log(AGGREGATE_FAN_IN));
      expect(peak).toBeLessThanOrEqual(AGGREGATE_FAN_IN * levels);
    }
  });

  it("culls to the tasks some outputs need", () => {
    const g = fuse(lower(gt(scanKV(6), "v", 0)));
    const c = cull(g, [g.outputs[2]]);
    expect([...c.tasks.keys()]).toEqual([g.outputs[2]]);
    expect(postOrder(g).length).toBe(6);
  });
});
