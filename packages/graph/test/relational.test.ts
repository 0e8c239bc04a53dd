/** Lowering sort, top-n, concat and repartition: the task shapes, and the partitions they make (run inline). */
import { describe, expect, it } from "vitest";
import { columnToValues, type Batch } from "@dusk/kernels";
import { explainGraph, fuse, lower, ops, type TaskGraph } from "@dusk/graph";
import { concatNode, repartitionNode, sortNode, topNNode } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { scanKV } from "./helpers.js";

const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];
const vs = (b: Batch) => columnToValues(b.columns[1]).map(Number);

describe("lowering a sort", () => {
  it("samples, picks boundaries in one task, splits by range and gathers: partitions balanced and in order", async () => {
    const g = lower(sortNode(scanKV(6, 50), ["v"], [false]));
    expect(explainGraph(fuse(g))).toBe([
      "25 tasks",
      "  sort: 6 tasks",
      "    sort-split: 6 tasks",
      "      sort-partition (scan-memory → sort): 6 tasks",
      "      sort-boundaries: 1 task",
      "        sort-sample: 6 tasks",
      "          sort-partition (scan-memory → sort): 6 tasks (shown above)",
    ].join("\n"));
    const parts = (await run(g)).map(vs);
    expect(parts.flat()).toEqual(Array.from({ length: 300 }, (_, i) => 299 - i));
    for (const p of parts) expect(p.length).toBeGreaterThan(25); // 50 each when perfectly even
  });

  it("keeps every row of a repeated key in one partition", async () => {
    const parts = (await run(lower(sortNode(scanKV(5, 40), ["k"], [true])))).map((b) => columnToValues(b.columns[0]));
    expect(parts.flat()).toEqual([...Array(67).fill("k0"), ...Array(67).fill("k1"), ...Array(66).fill("k2")]);
    for (const key of ["k0", "k1", "k2"]) expect(parts.filter((p) => p.includes(key)).length).toBe(1);
  });

  it("is one sort task for one partition", () => {
    expect(explainGraph(fuse(lower(sortNode(scanKV(1), ["v"], [true]))))).toBe("1 task\n  sort (scan-memory → sort): 1 task");
  });
});

describe("lowering top-n, concat and repartition", () => {
  it("top-n: per-partition top n, then one concat-top-n", async () => {
    const g = fuse(lower(topNNode(scanKV(4, 10), 3, ["v"], [false])));
    expect(explainGraph(g)).toBe("5 tasks\n  top-n: 1 task\n    top-n-partition (scan-memory → top-n): 4 tasks");
    expect((await run(g)).map(vs)).toEqual([[39, 38, 37]]);
  });

  it("concat adds no tasks: its outputs are the inputs' partitions", () => {
    const a = scanKV(2), b = scanKV(3);
    const g = lower(concatNode([a, b, a]));
    expect(g.outputs).toEqual([...lower(a).outputs, ...lower(b).outputs, ...lower(a).outputs]);
    expect(g.tasks.size).toBe(5);
  });

  it("repartition joins neighbours or cuts partitions into near-equal row ranges", async () => {
    const down = lower(repartitionNode(scanKV(7, 3), 3));
    expect((await run(down)).map((b) => b.length)).toEqual([6, 6, 9]);
    const up = lower(repartitionNode(scanKV(2, 5), 5));
    const parts = await run(up);
    expect(parts.map((b) => b.length)).toEqual([2, 3, 1, 2, 2]);
    expect(parts.flatMap(vs)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(lower(repartitionNode(scanKV(4), 4)).outputs).toEqual(lower(scanKV(4)).outputs);
  });
});
