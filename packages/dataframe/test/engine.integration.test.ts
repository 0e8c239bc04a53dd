/** Dataframes on the engine: threads by default, the inline setting, persist, progress, cancellation. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, groupByDataset } from "@dusk/testing";

const data = groupByDataset({ rows: 20_000, groups: 10, seed: 11 });
const question = (df: dd.DataFrame) => df.filter(dd.col("v1").gt(1)).groupBy("id1").agg({ v1: "sum", v3: "mean", n: dd.count() });

describe("dataframes on the engine", () => {
  it("give the same answers on threads, an explicit client and inline", async () => {
    const df = dd.fromColumns(data.columns, { npartitions: 12 });
    const onThreads = await question(df).compute();
    const prev = dd.config.set({ scheduler: "inline" });
    const inline = await question(df).compute();
    dd.config.set(prev);
    const client = await dd.Client.start({ workers: 2 });
    try {
      assertFrameEqual(await question(df).compute(), onThreads);
      assertFrameEqual(inline, onThreads);
    } finally {
      await client.close();
    }
  });

  it("persist keeps partitions on the workers and reads them back", async () => {
    const client = await dd.Client.start({ workers: 2 });
    try {
      const df = dd.fromColumns(data.columns, { npartitions: 6 });
      const filtered = df.filter(dd.col("v2").ge(10));
      const cached = await client.persist(filtered);
      expect(cached.npartitions).toBe(6);
      expect(cached.columns).toEqual(df.columns);
      expect(cached.explain()).toContain("Scan persisted[6 partitions]");
      assertFrameEqual(await question(cached).compute(), await question(filtered).compute());
      expect(await cached.length()).toBe(await filtered.length());
      // persisted partitions stay in memory between computations
      expect(client.stats().keys).toBeGreaterThanOrEqual(6);
    } finally {
      await client.close();
    }
  });

  it("spills partitions to disk as Arrow IPC and reads them back unchanged", async () => {
    const n = 6000;
    const cols = {
      s: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `k${i % 50}`)),
      big: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : 2n ** 55n + BigInt(i))),
      f: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i / 3)),
      b: Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : i % 2 === 0)),
      d: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + (i % 400)))),
      t: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 1, 1, 0, 0, i))),
    };
    const df = dd.fromColumns(cols, { npartitions: 12, dtypes: { d: "date32" } });
    const client = await dd.Client.start({ workers: 2, memoryLimit: "64kB" });
    try {
      let spilled = 0;
      const cached = await df.persist({ onProgress: (p) => { spilled = Math.max(spilled, p.spilledBytes); } });
      expect(client.stats().spilledBytes + spilled).toBeGreaterThan(0);
      assertFrameEqual(await cached.compute(), await df.compute());
      assertFrameEqual(await cached.groupBy("s").agg({ big: "sum", f: "mean" }).compute(), await df.groupBy("s").agg({ big: "sum", f: "mean" }).compute());
    } finally {
      await client.close();
    }
  });

  it("reports progress per group of tasks", async () => {
    const df = dd.fromColumns(data.columns, { npartitions: 20 });
    const events: dd.ProgressEvent[] = [];
    await question(df).compute({ onProgress: (p) => events.push(p) });
    const last = events[events.length - 1];
    expect(last.done).toBe(last.total);
    expect(Object.keys(last.groups).sort()).toEqual(["aggregate", "aggregate-combine", "aggregate-partial"]);
    expect(last.groups["aggregate-partial"]).toEqual({ done: 20, total: 20 });
    expect(events.map((e) => e.done)).toEqual(events.map((_, i) => i + 1));
  });

  it("cancels a computation", async () => {
    const df = dd.fromColumns(data.columns, { npartitions: 8 });
    const ac = new AbortController();
    ac.abort(new Error("user pressed stop"));
    await expect(question(df).compute({ signal: ac.signal })).rejects.toMatchObject({ code: "CANCELLED", message: "the computation was cancelled (user pressed stop)" });
  });
});
