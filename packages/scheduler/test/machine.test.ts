/** The scheduler's state machine, driven by hand and by a simulated cluster — no threads. */
import { describe, expect, it } from "vitest";
import { SchedulerState, type SchedulerAction, type TaskSpec } from "@dusk/scheduler";

const t = (key: string, deps: string[] = [], priority?: number): TaskSpec => ({ key, op: "add", params: null, deps, priority });
const runs = (as: SchedulerAction[]) => as.filter((a) => a.type === "run").map((a) => (a.type === "run" ? `${a.task.key}@${a.worker}` : ""));
const of = <T extends SchedulerAction["type"]>(as: SchedulerAction[], type: T) => as.filter((a) => a.type === type) as Extract<SchedulerAction, { type: T }>[];

describe("the scheduler state machine", () => {
  it("runs ready tasks by priority, as many as workers have slots", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 2 });
    const a = s.handle({ type: "submit", tasks: [t("c", [], 2), t("a", [], 0), t("b", [], 1), t("d", ["a", "b", "c"], 3)], wanted: ["d"] });
    expect(runs(a)).toEqual(["a@0", "b@0"]);
    expect(runs(s.handle({ type: "finished", key: "a", worker: 0, nbytes: 10 }))).toEqual(["c@0"]);
    expect(s.stateOf("d")).toBe("waiting");
    s.handle({ type: "finished", key: "b", worker: 0, nbytes: 10 });
    expect(runs(s.handle({ type: "finished", key: "c", worker: 0, nbytes: 10 }))).toEqual(["d@0"]);
    const done = s.handle({ type: "finished", key: "d", worker: 0, nbytes: 1 });
    expect(of(done, "ready")).toEqual([{ type: "ready", key: "d", holders: [0] }]);
    expect(of(done, "drop").flatMap((d) => d.keys).sort()).toEqual(["a", "b", "c"]);
    // kept as released: should d's worker die, d is recomputed from a, b, c
    expect(s.stateOf("a")).toBe("released");
    s.handle({ type: "release", keys: ["d"] });
    expect(s.taskCount).toBe(0);
  });

  it("runs a task where its inputs are", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 4 });
    s.handle({ type: "worker-added", worker: 1, slots: 4 });
    s.handle({ type: "submit", tasks: [t("big"), t("small"), t("use", ["big", "small"])], wanted: ["use"] });
    const holderOfBig = s.workerState(0)!.processing.includes("big") ? 0 : 1;
    s.handle({ type: "finished", key: "big", worker: holderOfBig, nbytes: 1e9 });
    const a = s.handle({ type: "finished", key: "small", worker: 1 - holderOfBig, nbytes: 10 });
    expect(runs(a)).toEqual([`use@${holderOfBig}`]);
    expect(of(a, "run")[0].holders).toEqual([["big", [holderOfBig]], ["small", [1 - holderOfBig]]]);
  });

  it("fails a task's dependents with its error", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 1 });
    s.handle({ type: "submit", tasks: [t("a"), t("b", ["a"]), t("c", ["b"])], wanted: ["c"] });
    const a = s.handle({ type: "failed", key: "a", worker: 0, error: { code: "TASK_FAILED", message: "boom" } });
    expect(of(a, "erred")).toEqual([{ type: "erred", key: "c", error: { code: "TASK_FAILED", message: "boom" } }]);
    expect([s.stateOf("a"), s.stateOf("b"), s.stateOf("c")]).toEqual(["erred", "erred", "erred"]);
  });

  it("shares tasks between submissions and recomputes what was dropped", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 1 });
    s.handle({ type: "submit", tasks: [t("x"), t("y", ["x"])], wanted: ["y"] });
    s.handle({ type: "finished", key: "x", worker: 0, nbytes: 1 });
    s.handle({ type: "finished", key: "y", worker: 0, nbytes: 1 });
    // y is wanted, x was dropped; a new graph needs x again
    const a = s.handle({ type: "submit", tasks: [t("x"), t("z", ["x", "y"])], wanted: ["z"] });
    expect(runs(a)).toEqual(["x@0"]);
  });

  it("abandons work nobody wants any more (cancellation)", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 1 });
    s.handle({ type: "submit", tasks: [t("a"), t("b"), t("c", ["a", "b"])], wanted: ["c"] });
    const a = s.handle({ type: "release", keys: ["c"] });
    expect(of(a, "abandoned")).toEqual([{ type: "abandoned", worker: 0, keys: ["a"] }]);
    expect(s.taskCount).toBe(0);
    // a late report of the abandoned task drops its result
    expect(of(s.handle({ type: "finished", key: "a", worker: 0, nbytes: 1 }), "drop")).toEqual([{ type: "drop", worker: 0, keys: ["a"] }]);
  });

  it("reruns a dead worker's tasks and recomputes what only it held", () => {
    const s = new SchedulerState();
    s.handle({ type: "worker-added", worker: 0, slots: 2 });
    s.handle({ type: "worker-added", worker: 1, slots: 2 });
    s.handle({ type: "submit", tasks: [t("a", [], 0), t("b", [], 1), t("c", ["a", "b"], 2)], wanted: ["c"] });
    const onA = s.workerState(0)!.processing.includes("a") ? 0 : 1;
    if (s.workerState(onA)!.processing.includes("b")) {
      // both ran on one worker: move b's report so the other worker holds it
      s.handle({ type: "finished", key: "b", worker: onA, nbytes: 1 });
    }
    s.handle({ type: "finished", key: "a", worker: onA, nbytes: 1 });
    // the worker holding a dies while the other still runs b
    const lost = s.handle({ type: "worker-lost", worker: onA, running: null, reason: "killed" });
    expect(s.stateOf("a")).toBe("processing");
    expect(runs(lost)).toEqual([`a@${1 - onA}`]);
  });

  it("fails a task that keeps killing workers, naming it", () => {
    const s = new SchedulerState({ retries: 2 });
    let next = 0;
    s.handle({ type: "worker-added", worker: next, slots: 1 });
    s.handle({ type: "submit", tasks: [t("evil")], wanted: ["evil"] });
    let erred: SchedulerAction[] = [];
    for (let death = 1; death <= 3; death++) {
      const a = s.handle({ type: "worker-lost", worker: next, running: "evil", reason: "process.exit(1)" });
      erred = of(a, "erred");
      s.handle({ type: "worker-added", worker: ++next, slots: 1 });
    }
    expect(erred).toHaveLength(1);
    const e = erred[0] as Extract<SchedulerAction, { type: "erred" }>;
    expect(e.error.code).toBe("WORKER_DIED");
    expect(e.error.message).toContain("task evil (op add) was running when 3 workers died");
  });

  it("rejects graphs with unknown inputs or cycles and changes nothing", () => {
    const s = new SchedulerState();
    expect(() => s.handle({ type: "submit", tasks: [t("a", ["nope"])], wanted: ["a"] })).toThrow("task a needs nope");
    expect(() => s.handle({ type: "submit", tasks: [t("a", ["b"]), t("b", ["a"])], wanted: ["a"] })).toThrow("cycle");
    expect(s.taskCount).toBe(0);
  });

  it("gets every wanted value right on a cluster that finishes in random order and loses workers", () => {
    for (let seed = 1; seed <= Number(process.env.DUSK_SIM_SEEDS ?? 30); seed++) simulate(seed);
  });
});

/** A fake cluster: values are sums of inputs plus the task's number; workers die at random. */
function simulate(seed: number): void {
  let r = seed;
  const rand = () => ((r = (Math.imul(r, 1103515245) + 12345) >>> 0) / 4294967296);
  const n = 60;
  const tasks: TaskSpec[] = [];
  for (let i = 0; i < n; i++) {
    const deps = i < 5 ? [] : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `k${Math.floor(rand() * i)}`);
    tasks.push({ key: `k${i}`, op: "add", params: i, deps, priority: i });
  }
  const truth = new Map<string, number>();
  const value = (k: string): number => {
    if (!truth.has(k)) { const tk = tasks.find((x) => x.key === k)!; truth.set(k, (tk.params as number) + tk.deps.reduce((a, d) => a + value(d), 0)); }
    return truth.get(k)!;
  };
  const wanted = ["k59", "k45", "k30"];
  const s = new SchedulerState({ retries: 100 });
  const stores = new Map<number, Map<string, number>>();
  const pending: { worker: number; task: TaskSpec; holders: readonly (readonly [string, readonly number[]])[] }[] = [];
  const ready = new Set<string>();
  let nextWorker = 0;
  const apply = (as: SchedulerAction[]) => {
    for (const a of as) {
      if (a.type === "run") pending.push({ worker: a.worker, task: a.task, holders: a.holders });
      if (a.type === "drop") for (const k of a.keys) stores.get(a.worker)?.delete(k);
      if (a.type === "ready") ready.add(a.key);
      if (a.type === "erred") throw new Error(`unexpected error ${a.error.message}`);
    }
  };
  const addWorker = () => { const w = nextWorker++; stores.set(w, new Map()); apply(s.handle({ type: "worker-added", worker: w, slots: 2 })); };
  addWorker(); addWorker(); addWorker();
  apply(s.handle({ type: "submit", tasks, wanted }));
  for (let step = 0; step < 20000 && !wanted.every((k) => s.stateOf(k) === "memory"); step++) {
    if (rand() < 0.03 && stores.size > 1) {
      const victims = [...stores.keys()];
      const w = victims[Math.floor(rand() * victims.length)];
      stores.delete(w);
      for (let i = pending.length - 1; i >= 0; i--) if (pending[i].worker === w) pending.splice(i, 1);
      apply(s.handle({ type: "worker-lost", worker: w, running: null, reason: "chaos" }));
      addWorker();
      continue;
    }
    if (pending.length === 0) continue;
    const job = pending.splice(Math.floor(rand() * pending.length), 1)[0];
    const store = stores.get(job.worker)!;
    let missing: string | null = null;
    const inputs = job.task.deps.map((d) => {
      if (store.has(d)) return store.get(d)!;
      const from = job.holders.find(([k]) => k === d)![1].find((h) => stores.get(h)?.has(d));
      if (from === undefined) { missing = d; return 0; }
      const v = stores.get(from)!.get(d)!;
      store.set(d, v);
      apply(s.handle({ type: "replicated", key: d, worker: job.worker, nbytes: 8 }));
      return v;
    });
    if (missing !== null) { apply(s.handle({ type: "missing-input", key: job.task.key, worker: job.worker, input: missing })); continue; }
    store.set(job.task.key, (job.task.params as number) + inputs.reduce((a, b) => a + b, 0));
    apply(s.handle({ type: "finished", key: job.task.key, worker: job.worker, nbytes: 8 }));
  }
  for (const k of wanted) {
    expect(ready.has(k), `seed ${seed}: ${k} never became ready`).toBe(true);
    const holders = s.holdersOf(k);
    expect(holders.length).toBeGreaterThan(0);
    expect(stores.get(holders[0])!.get(k), `seed ${seed}: value of ${k}`).toBe(value(k));
  }
  // releasing everything leaves nothing behind
  apply(s.handle({ type: "release", keys: wanted }));
  expect(s.counts(), `seed ${seed}`).toEqual({ waiting: 0, ready: 0, processing: 0, memory: 0, released: 0, erred: 0 });
  for (const st of stores.values()) expect([...st.keys()]).toEqual([]);
}
