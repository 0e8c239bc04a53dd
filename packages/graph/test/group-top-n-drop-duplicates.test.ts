/** Lowering a per-group top-n and a drop-duplicates: tree of combines or shuffle by key, and what they compute (run inline). */
import { describe, expect, it } from "vitest";
import { columnToValues, type Batch } from "@dusk/kernels";
import { explainGraph, fuse, lower, ops, type TaskGraph } from "@dusk/graph";
import { dropDuplicatesNode, topNNode } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { scanKV } from "./helpers.js";

const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];
const rows = (b: Batch) => {
  const k = columnToValues(b.columns[0]), v = columnToValues(b.columns[1]);
  return k.map((x, i) => `${String(x)}=${Number(v[i])}`);
};

describe("lowering a per-group top-n", () => {
  it("one task for one partition", async () => {
    const g = fuse(lower(topNNode(scanKV(1, 10), 2, ["v"], [false], { keys: ["k"], dropna: true, splitOut: 1 })));
    expect(explainGraph(g)).toBe("1 task\n  top-n (scan-memory → group-top-n): 1 task");
    expect((await run(g)).map(rows)).toEqual([["k0=9", "k0=6", "k1=7", "k1=4", "k2=8", "k2=5"]]);
  });

  it("a tree of combines over many partitions, in partition order", async () => {
    const g = fuse(lower(topNNode(scanKV(20, 10), 2, ["v"], [true], { keys: ["k"], dropna: true, splitOut: 1 })));
    expect(explainGraph(g)).toBe([
      "24 tasks",
      "  top-n: 1 task",
      "    group-top-n-combine: 3 tasks",
      "      group-top-n-partial (scan-memory → group-top-n): 20 tasks",
    ].join("\n"));
    expect((await run(g)).map(rows)).toEqual([["k0=0", "k0=3", "k1=1", "k1=4", "k2=2", "k2=5"]]);
  });

  it("a shuffle by key with splitOut: every key in one output partition, sorted by key there", async () => {
    const g = lower(topNNode(scanKV(5, 10), 1, ["v"], [false], { keys: ["k"], dropna: true, splitOut: 2 }));
    expect(g.outputs).toHaveLength(2);
    const parts = (await run(g)).map(rows);
    expect(parts.flat().sort()).toEqual(["k0=48", "k1=49", "k2=47"]);
    for (const p of parts) expect(p).toEqual([...p].sort());
  });
});

describe("lowering a drop-duplicates", () => {
  it("keeps the first (last) row per key in frame row order through a tree of combines", async () => {
    const g = fuse(lower(dropDuplicatesNode(scanKV(12, 1), ["k"], "first")));
    expect(explainGraph(g)).toBe([
      "15 tasks",
      "  drop-duplicates: 1 task",
      "    drop-duplicates-combine: 2 tasks",
      "      drop-duplicates-partial (scan-memory → drop-duplicates): 12 tasks",
    ].join("\n"));
    expect((await run(g)).map(rows)).toEqual([["k0=0", "k1=1", "k2=2"]]);
    expect((await run(lower(dropDuplicatesNode(scanKV(12, 1), ["k"], "last")))).map(rows)).toEqual([["k0=9", "k1=10", "k2=11"]]);
  });

  it("shuffles by the subset with splitOut", async () => {
    const g = lower(dropDuplicatesNode(scanKV(6, 5), ["k"], "last", 3));
    expect(g.outputs).toHaveLength(3);
    expect((await run(g)).flatMap(rows).sort()).toEqual(["k0=27", "k1=28", "k2=29"]);
  });
});
