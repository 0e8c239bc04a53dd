import { describe, expect, it } from "vitest";
import { columnToValues, type Batch } from "@dusk/kernels";
import { explainGraph, fuse, lower, ops, order, type TaskGraph } from "@dusk/graph";
import { bindExpr, binaryNode, colNode, filterNode, litNode, optimize, setIndexNode, type LogicalNode, type PartitionBounds } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { scanKV } from "./helpers.js";

const cmp = (n: LogicalNode, op: "ge" | "le", v: number) =>
  filterNode(n, bindExpr(binaryNode(op, colNode("v"), litNode(v)), { schema: n.schema, where: "filter" }));
const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];
/** 6 partitions of 10 rows, v = row number: partition p holds [10p, 10p + 9]. */
const bounds: PartitionBounds[] = Array.from({ length: 6 }, (_, p) => [BigInt(10 * p), BigInt(10 * p + 9)] as const);
const countOps = (g: TaskGraph, op: string) => [...g.tasks.values()].filter((t) => t.op === op).length;

describe("lowering a set-index", () => {
  it("adds no task when the input is sorted, and reads every partition without a filter", () => {
    const g = lower(optimize(setIndexNode(scanKV(6), "v", "sorted", bounds)));
    expect(countOps(g, "scan-memory")).toBe(6);
    expect(g.tasks.size).toBe(6);
  });

  it("culls the partitions pruned by the divisions: their scans produce no tasks", async () => {
    const plan = optimize(cmp(cmp(setIndexNode(scanKV(6), "v", "sorted", bounds), "ge", 25), "le", 34));
    const g = order(fuse(lower(plan)));
    expect(g.outputs).toHaveLength(2);
    expect(g.tasks.size).toBe(2);
    expect(explainGraph(g)).toContain("2 tasks");
    const out = await run(g);
    expect(out.flatMap((b) => columnToValues(b.columns[1]))).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(25 + i)));
  });

  it("an empty range leaves no partition and no task", async () => {
    const plan = optimize(cmp(setIndexNode(scanKV(6), "v", "sorted", bounds), "ge", 100));
    const g = lower(plan);
    expect(g.outputs).toEqual([]);
    expect(g.tasks.size).toBe(0);
  });

  it("sort-partitions sorts each kept partition by itself, no shuffle", () => {
    const plan = optimize(cmp(setIndexNode(scanKV(6), "v", "sort-partitions", bounds), "ge", 30));
    const g = lower(plan);
    expect(countOps(g, "sort")).toBe(3);
    expect(countOps(g, "scan-memory")).toBe(3);
    expect(countOps(g, "sort-split")).toBe(0);
  });
});
