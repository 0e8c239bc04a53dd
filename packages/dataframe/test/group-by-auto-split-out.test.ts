/** groupBy without splitOut: splitOut chosen from an estimate of the groups (many groups → shuffle, few → one task). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Float64, Int32, Table, vectorFromArray } from "apache-arrow";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, referenceGroupBy, Rng } from "@dusk/testing";

const rng = new Rng(21);
const N = 30_000;
/** ~20k distinct (k1, k2) pairs with null keys, and a low-cardinality key. */
const k1 = Array.from({ length: N }, () => (rng.chance(0.02) ? null : rng.int(0, 200)));
const k2 = Array.from({ length: N }, () => (rng.chance(0.02) ? null : `s${rng.int(0, 150)}`));
const low = Array.from({ length: N }, () => rng.int(0, 9));
const v = Array.from({ length: N }, () => (rng.chance(0.05) ? null : rng.int(-1000, 1000) / 8));
const cols = { k1, k2, low, v };
const aggs = [{ name: "v_sum", fn: "sum", column: "v" }, { name: "v_mean", fn: "mean", column: "v" }, { name: "n", fn: "size" }] as const;

for (const scheduler of ["threads", "inline"] as const) {
  describe(`groupBy automatic splitOut (${scheduler})`, () => {
    let prev: dd.Config;
    beforeAll(() => { prev = dd.config.set({ scheduler, splitOutThreshold: 5_000 }); });
    afterAll(() => { dd.config.set(prev); });

    for (const dropna of [true, false]) {
      it(`fires for many groups and keeps the result of one sorted partition (dropna ${dropna}, empty partitions)`, async () => {
        const df = dd.fromColumns(cols, { npartitions: 9 }).filter(dd.col("low").ne(3)); // 9 partitions, some rows gone
        const g = df.groupBy(["k1", "k2"], { dropna }).agg({ v: ["sum", "mean"], n: dd.count() });
        const text = g.explain();
        expect(text).toMatch(/Aggregate keys=\[k1, k2\] .*splitOut=9 \(auto: ~\d+(\.\d+)?k groups estimated\)/);
        expect(text).toMatch(/Sort by=\[k1, k2\]/);
        expect(text).not.toMatch(/aggregate-final: 1 task/);
        expect(g.npartitions).toBe(9);
        const kept = low.map((x) => x !== 3);
        const sub = Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, c.filter((_, i) => kept[i])]));
        const expected = referenceGroupBy(sub, ["k1", "k2"], aggs as never, { dropna });
        assertFrameEqual(await g.compute(), expected, { rtol: 1e-9 }); // in key order, as splitOut 1
      });
    }

    it("does not fire for few groups, nor when splitOut is given, nor without keys", () => {
      const df = dd.fromColumns(cols, { npartitions: 9 });
      const few = df.groupBy("low").agg({ v: "sum" });
      expect(few.explain()).not.toMatch(/splitOut|auto/);
      expect(few.npartitions).toBe(1);
      expect(df.groupBy(["k1", "k2"], { splitOut: 1 }).agg({ v: "sum" }).npartitions).toBe(1);
      expect(df.groupBy(["k1", "k2"], { splitOut: 3 }).agg({ v: "sum" }).explain()).not.toMatch(/auto/);
      expect(df.agg({ v: "sum" }).npartitions).toBe(1);
      // a computed key hides its values: no estimate, no automatic splitOut
      expect(df.assign({ k: dd.col("k1").add(1) }).groupBy("k").agg({ v: "sum" }).npartitions).toBe(1);
    });

    it("sort: false keeps the shuffled partitions (each group once), as Dask", async () => {
      const df = dd.fromColumns(cols, { npartitions: 5 });
      const g = df.groupBy(["k1", "k2"], { sort: false }).agg({ v: ["sum", "mean"], n: dd.count() });
      expect(g.npartitions).toBe(5);
      expect(g.explain()).not.toMatch(/Sort by/);
      assertFrameEqual(await g.compute(), referenceGroupBy(cols, ["k1", "k2"], aggs as never), { ignoreRowOrder: true, rtol: 1e-9 });
    });

    it("NaN keys (from Arrow) and renamed keys are followed to the source", async () => {
      const f = Array.from({ length: 12_000 }, (_, i) => (i % 97 === 0 ? NaN : i % 11 === 0 ? null : i % 7000));
      const t = new Table({ f: vectorFromArray(f, new Float64()), x: vectorFromArray(f.map((_, i) => i % 5), new Int32()) });
      const g = dd.fromArrow(t, { npartitions: 4 }).rename({ f: "key" }).groupBy("key", { dropna: false }).agg({ x: "sum" });
      expect(g.npartitions).toBe(4);
      const got = await g.compute();
      // NaN is its own key value, apart from null; both sort last (in either order), the rest ascending
      expect(got.numRows).toBe(new Set(f.filter((x) => x !== null && !Number.isNaN(x))).size + 2);
      const one = dd.fromArrow(t, { npartitions: 4 }).rename({ f: "key" }).groupBy("key", { dropna: false, splitOut: 1 }).agg({ x: "sum" });
      assertFrameEqual(got, await one.compute(), { ignoreRowOrder: true });
      const keys = [...got.getChild("key")!.toArray()] as number[];
      const m = got.numRows - 2;
      expect(keys.slice(0, m)).toEqual([...keys.slice(0, m)].sort((a, b) => a - b));
      expect(got.getChild("key")!.get(m) === null || Number.isNaN(got.getChild("key")!.get(m))).toBe(true);
    });
  });
}

describe("groupBy automatic splitOut: default threshold and sources", () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-auto-split-")); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it("1.2 million distinct in-memory keys exceed the default 1e6 (sampled estimate); 1000 do not", () => {
    const n = 1_200_000;
    const id = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const df = dd.fromColumns({ id, v: id }, { npartitions: 12 });
    const text = df.groupBy("id").agg({ v: "sum" }).explain();
    expect(text).toMatch(/splitOut=12 \(auto: ~1\.2M groups estimated\)/);
    const few = dd.fromColumns({ id: id.map((x) => x % 1000), v: id }, { npartitions: 12 });
    expect(few.groupBy("id").agg({ v: "sum" }).npartitions).toBe(1);
  });

  it("Parquet: integer key ranges from footer statistics", async () => {
    const n = 40_000;
    const a = Array.from({ length: n }, (_, i) => i % 400), b = Array.from({ length: n }, (_, i) => Math.floor(i / 400) % 100);
    await dd.fromColumns({ a, b, v: a }, { npartitions: 4, dtypes: { a: "int32", b: "int32", v: "int64" } }).toParquet(dir);
    const prev = dd.config.set({ splitOutThreshold: 10_000 });
    try {
      const pq = dd.readParquet(join(dir, "*.parquet"));
      const many = pq.groupBy(["a", "b"]).agg({ v: "sum" });
      expect(many.explain()).toMatch(/splitOut=\d+ \(auto: ~40k groups estimated\)/);
      expect(pq.groupBy("b").agg({ v: "sum" }).npartitions).toBe(1);
      const t = await many.compute();
      expect(t.numRows).toBe(40_000);
      const first = [t.getChild("a")!.get(0), t.getChild("b")!.get(0), t.getChild("a")!.get(t.numRows - 1), t.getChild("b")!.get(t.numRows - 1)];
      expect(first).toEqual([0, 0, 399, 99]);
    } finally { dd.config.set(prev); }
  });

  it("Infinity turns it off; bad values are refused", () => {
    const prev = dd.config.set({ splitOutThreshold: Infinity });
    try {
      const id = Array.from({ length: 50_000 }, (_, i) => i);
      expect(dd.fromColumns({ id, v: id }, { npartitions: 4 }).groupBy("id").agg({ v: "sum" }).npartitions).toBe(1);
    } finally { dd.config.set(prev); }
    expect(() => dd.config.set({ splitOutThreshold: -1 })).toThrow(/splitOutThreshold/);
  });
});
