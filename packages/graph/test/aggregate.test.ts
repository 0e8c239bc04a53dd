/**
 * Lowering of aggregations with parameters (ddof) and order-sensitive aggregates (first, last):
 * primitives are shared only between equal calls, and the tree reduction keeps partition order.
 */
import { describe, expect, it } from "vitest";
import { columnToValues, type Batch } from "@dusk/kernels";
import { aggregateSpec, fuse, lower, ops, order, type TaskGraph } from "@dusk/graph";
import { aggNode, aggregateNode, bindExpr, binaryNode, colNode, litNode, named, optimize, type AggregateNode, type ExprNode, type LogicalNode } from "@dusk/plan";
import { runInline } from "@dusk/scheduler";
import { scanKV } from "./helpers.js";

const aggBy = (n: LogicalNode, keys: string[], spec: Record<string, ExprNode>): AggregateNode =>
  aggregateNode(n, keys, Object.entries(spec).map(([name, e]) => named(name, bindExpr(e, { schema: n.schema, where: "agg", aggregate: { keys } })))) as AggregateNode;
const run = async (g: TaskGraph) => (await runInline(g.tasks.values(), g.outputs, ops)) as Batch[];

describe("aggregate lowering", () => {
  it("shares a primitive between equal calls only, ddof included, and hands ddof to finalize", () => {
    const std0 = () => aggNode("std", colNode("v"), { ddof: 0 });
    const spec = aggregateSpec(aggBy(scanKV(2), ["k"], {
      a: std0(), b: binaryNode("mul", std0(), litNode(2)), c: aggNode("std", colNode("v")), d: aggNode("var", colNode("v"), { ddof: 0 }),
    }));
    expect(spec.primitives.map((p) => [p.fn, p.options, p.where])).toEqual([
      ["std", { ddof: 0 }, "std(v, ddof=0)"], ["std", { ddof: 1 }, "std(v)"], ["var", { ddof: 0 }, "var(v, ddof=0)"],
    ]);
  });

  it("keeps partition order through several combine levels: first and last of the row number", async () => {
    for (const parts of [1, 6, 100]) {
      const rows = 300 / parts;
      const plan = aggBy(scanKV(parts, rows, `first-last-${parts}`), ["k"], {
        first: aggNode("first", colNode("v")), last: aggNode("last", colNode("v")), sd: aggNode("std", colNode("v"), { ddof: 0 }),
      });
      const [b] = await run(order(fuse(lower(optimize(plan)))));
      expect(columnToValues(b.columns[0])).toEqual(["k0", "k1", "k2"]);
      expect(columnToValues(b.columns[1])).toEqual([0n, 1n, 2n]);
      expect(columnToValues(b.columns[2])).toEqual([297n, 298n, 299n]);
      // each key holds an arithmetic sequence of step 3 and 100 terms: population std = 3 * sqrt((100^2 - 1) / 12)
      for (const sd of columnToValues(b.columns[3]) as number[]) expect(sd).toBeCloseTo(3 * Math.sqrt(9999 / 12), 9);
    }
  });
});
