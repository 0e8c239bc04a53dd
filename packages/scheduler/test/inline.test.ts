import { describe, expect, it } from "vitest";
import { isDuskError } from "@dusk/core";
import { runInline, type OpRegistry, type TaskSpec } from "@dusk/scheduler";

type DuskErrorLike = Error & { details: Record<string, unknown> };

const ran: string[] = [];
const registry: OpRegistry = {
  get(name) {
    switch (name) {
      case "const": return (p, _i, ctx) => { ran.push(ctx.key); return p; };
      case "add": return (_p, inputs, ctx) => { ran.push(ctx.key); return (inputs as number[]).reduce((a, b) => a + b, 0); };
      case "mul": return (p, [x]) => (x as number) * (p as number);
      case "boom": return () => { throw new Error("kaput"); };
      case "later": return async (p) => { await new Promise((r) => setTimeout(r, 5)); return p; };
      default: return undefined;
    }
  },
};

/** A seeded random DAG: each task adds a few earlier tasks (or is a constant), keys in random order. */
function randomGraph(seed: number, n: number): TaskSpec[] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < n; i++) {
    const k = i === 0 ? 0 : Math.floor(rand() * 4);
    const deps = Array.from({ length: k }, () => `t${Math.floor(rand() * i)}`);
    tasks.push(deps.length === 0 ? { key: `t${i}`, op: "const", params: i, deps } : { key: `t${i}`, op: "add", params: null, deps });
  }
  return tasks.sort(() => rand() - 0.5);
}

function evaluate(tasks: TaskSpec[], key: string, memo = new Map<string, number>()): number {
  if (memo.has(key)) return memo.get(key)!;
  const t = tasks.find((x) => x.key === key)!;
  const v = t.op === "const" ? (t.params as number) : t.deps.reduce((a, d) => a + evaluate(tasks, d, memo), 0);
  memo.set(key, v);
  return v;
}

describe("the inline executor", () => {
  it("computes random graphs like a recursive evaluation", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const tasks = randomGraph(seed, 200);
      const outputs = ["t199", "t150", "t3"];
      expect(await runInline(tasks, outputs, registry)).toEqual(outputs.map((o) => evaluate(tasks, o)));
    }
  });

  it("runs ready tasks by priority and releases inputs after their last use", async () => {
    // a reduction of 64 leaves in groups of 8: with depth-first priorities at most ~16 results are held
    const tasks: TaskSpec[] = [];
    let p = 0;
    const combines: string[] = [];
    for (let g = 0; g < 8; g++) {
      const leaves = Array.from({ length: 8 }, (_, j) => `leaf${g * 8 + j}`);
      for (const l of leaves) tasks.push({ key: l, op: "const", params: 1, deps: [], priority: p++ });
      tasks.push({ key: `c${g}`, op: "add", params: null, deps: leaves, priority: p++ });
      combines.push(`c${g}`);
    }
    tasks.push({ key: "total", op: "add", params: null, deps: combines, priority: p++ });
    let peak = 0;
    ran.length = 0;
    const [total] = await runInline(tasks.reverse(), ["total"], registry, {
      onProgress: (pr) => { peak = Math.max(peak, pr.keysInMemory); },
    });
    expect(total).toBe(64);
    expect(ran.slice(0, 9)).toEqual([...Array.from({ length: 8 }, (_, j) => `leaf${j}`), "c0"]);
    expect(peak).toBeLessThanOrEqual(16);
  });

  it("names the task and op of a failure and keeps the original error", async () => {
    const tasks: TaskSpec[] = [
      { key: "a", op: "const", params: 1, deps: [] },
      { key: "b", op: "boom", params: null, deps: ["a"] },
      { key: "c", op: "add", params: null, deps: ["b"] },
    ];
    const err = await runInline(tasks, ["c"], registry).catch((e: unknown) => e);
    expect(isDuskError(err, "TASK_FAILED")).toBe(true);
    expect((err as Error).message).toBe("task b (op boom) failed: kaput");
    expect((err as DuskErrorLike).details.task).toBe("b");
    expect(((err as Error).cause as Error).stack).toContain("kaput");
  });

  it("rejects unknown ops, missing inputs and cycles", async () => {
    await expect(runInline([{ key: "x", op: "nope", params: null, deps: [] }], ["x"], registry)).rejects.toMatchObject({ code: "UNKNOWN_OP" });
    await expect(runInline([{ key: "x", op: "add", params: null, deps: ["y"] }], ["x"], registry)).rejects.toMatchObject({ code: "GRAPH_INVALID" });
    const cyc: TaskSpec[] = [{ key: "x", op: "add", params: null, deps: ["y"] }, { key: "y", op: "add", params: null, deps: ["x"] }];
    await expect(runInline(cyc, ["x"], registry)).rejects.toMatchObject({ code: "GRAPH_INVALID" });
  });

  it("stops when cancelled", async () => {
    const ac = new AbortController();
    const tasks: TaskSpec[] = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, op: "later", params: i, deps: i ? [`k${i - 1}`] : [] }));
    let done = 0;
    const run = runInline(tasks, ["k19"], registry, { signal: ac.signal, onProgress: () => { if (++done === 3) ac.abort(); } });
    await expect(run).rejects.toMatchObject({ code: "CANCELLED" });
    expect(done).toBeLessThanOrEqual(4);
  });
});
