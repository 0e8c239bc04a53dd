/** mergeAsof: every direction, by keys, tolerance, exact matches, timestamps, partitions, against a plain-JS nested-loop reference. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng, tableToColumns } from "@dusk/testing";

type Direction = "backward" | "forward" | "nearest";
type Key = number | bigint | null;

/** Sorted keys with duplicates (integers in [0, span)), nulls sprinkled anywhere. */
function sortedKeys(rng: Rng, n: number, span: number, nulls = 0.05): (number | null)[] {
  const ks = Array.from({ length: n }, () => rng.int(0, span - 1)).sort((a, b) => a - b);
  return ks.map((k) => (rng.chance(nulls) ? null : k));
}

function frameData(n: number, seed: number, span: number) {
  const rng = new Rng(seed);
  return {
    t: sortedKeys(rng, n, span),
    g: Array.from({ length: n }, () => (rng.chance(0.05) ? null : ["a", "b", "c"][rng.int(0, 2)])),
    h: Array.from({ length: n }, () => rng.int(0, 1)),
    v: Array.from({ length: n }, (_, i) => `${seed}-${i}`),
  };
}

interface RefOptions { direction: Direction; tolerance: number | bigint | null; exact: boolean; lBy: readonly unknown[][]; rBy: readonly unknown[][] }

/** For each left row, the right row nearest by nested loops (-1: none). */
function reference(lt: readonly Key[], rt: readonly Key[], o: RefOptions): number[] {
  return lt.map((x, i) => {
    if (x === null) return -1;
    let b = -1, f = -1;
    for (let j = 0; j < rt.length; j++) {
      const y = rt[j];
      if (y === null || !o.lBy.every((col, k) => col[i] !== null && col[i] === o.rBy[k][j])) continue;
      const d = (x as number) - (y as number), e = (y as number) - (x as number);
      const within = (dist: number | bigint) => o.tolerance === null || dist <= o.tolerance;
      if ((o.exact ? y <= x : y < x) && within(d) && (b < 0 || y >= (rt[b] as number))) b = j;
      if ((o.exact ? y >= x : y > x) && within(e) && f < 0) f = j;
    }
    if (o.direction === "backward") return b;
    if (o.direction === "forward") return f;
    if (b < 0 || f < 0) return b < 0 ? f : b;
    return (x as number) - (rt[b] as number) <= (rt[f] as number) - (x as number) ? b : f;
  });
}

const pick = <T,>(col: readonly T[], idx: readonly number[]): (T | null)[] => idx.map((j) => (j < 0 ? null : col[j]));

const L = frameData(400, 1, 80), R = frameData(150, 2, 80);
const toBig = (xs: readonly (number | null)[]) => xs.map((x) => (x === null ? null : BigInt(x)));

describe("mergeAsof", () => {
  let prev: dd.Config;
  beforeAll(() => { prev = dd.config.set({ scheduler: "inline" }); });
  afterAll(() => { dd.config.set(prev); });

  for (const direction of ["backward", "forward", "nearest"] as const) {
    for (const exact of [true, false]) {
      for (const tolerance of [null, 3]) {
        for (const by of [[], ["g"], ["g", "h"]] as const) {
          it(`direction=${direction} allowExactMatches=${exact} tolerance=${tolerance} by=[${by.join(",")}], 5 × 3 partitions`, async () => {
            const a = dd.fromColumns(L, { npartitions: 5 }), b = dd.fromColumns({ t: R.t, g: R.g, h: R.h, w: R.v }, { npartitions: 3 });
            const m = dd.mergeAsof(a, b, { on: "t", by: [...by], direction, allowExactMatches: exact, ...(tolerance === null ? {} : { tolerance }) });
            const idx = reference(L.t, R.t, { direction, tolerance, exact, lBy: by.map((k) => L[k]), rBy: by.map((k) => R[k]) });
            const expected: Record<string, unknown[]> = { t: toBig(L.t), g: L.g, h: toBig(L.h), v: L.v };
            if (!by.includes("g" as never)) expected.g_x = expected.g, delete expected.g;
            if (!by.includes("h" as never)) expected.h_x = expected.h, delete expected.h;
            const cols = [...m.columns];
            expect(cols.slice(0, 4)).toEqual(["t", by.length >= 1 ? "g" : "g_x", by.length === 2 ? "h" : "h_x", "v"]);
            if (by.length < 1) expected.g_y = pick(R.g, idx);
            if (by.length < 2) expected.h_y = toBig(pick(R.h, idx) as (number | null)[]);
            expected.w = pick(R.v, idx);
            assertFrameEqual(await m.compute(), Object.fromEntries(cols.map((c) => [c, expected[c]])));
          });
        }
      }
    }
  }

  it("matches float keys with a fractional tolerance, and leftOn/rightOn of other names keeping both", async () => {
    const rng = new Rng(7);
    const lt = Array.from({ length: 200 }, () => Math.round(rng.float() * 1000) / 10).sort((x, y) => x - y);
    const rt = Array.from({ length: 90 }, () => Math.round(rng.float() * 1000) / 10).sort((x, y) => x - y);
    const m = dd.mergeAsof(dd.fromColumns({ x: lt }, { npartitions: 4 }), dd.fromColumns({ y: rt, w: rt.map((_, i) => i) }, { npartitions: 2 }),
      { leftOn: "x", rightOn: "y", direction: "nearest", tolerance: 2.5 });
    expect(m.columns).toEqual(["x", "y", "w"]);
    const idx = reference(lt, rt, { direction: "nearest", tolerance: 2.5, exact: true, lBy: [], rBy: [] });
    assertFrameEqual(await m.compute(), { x: lt, y: pick(rt, idx), w: toBig(pick(rt.map((_, i) => i), idx) as (number | null)[]) });
  });

  it("matches timestamps within a duration (a string or dd.duration), by a string key", async () => {
    const rng = new Rng(11);
    const minute = 60_000n, t0 = 1_700_000_000_000n;
    const lt = Array.from({ length: 300 }, () => t0 + BigInt(rng.int(0, 600)) * minute / 4n).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const rt = Array.from({ length: 80 }, () => t0 + BigInt(rng.int(0, 600)) * minute / 4n).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const lg = lt.map(() => ["x", "y"][rng.int(0, 1)]), rg = rt.map(() => ["x", "y"][rng.int(0, 1)]);
    const a = dd.fromColumns({ ts: lt, sym: lg }, { npartitions: 3, dtypes: { ts: "timestamp[ms]" } });
    const b = dd.fromColumns({ ts: rt, sym: rg, price: rt.map((_, i) => i + 0.5) }, { npartitions: 2, dtypes: { ts: "timestamp[ms]" } });
    for (const [tolerance, tol] of [["5min", 5n * minute], [dd.duration(90, "s"), 90_000n]] as const) {
      for (const direction of ["backward", "forward", "nearest"] as const) {
        const m = dd.mergeAsof(a, b, { on: "ts", by: "sym", tolerance, direction });
        const idx = reference(lt, rt, { direction, tolerance: tol, exact: true, lBy: [lg], rBy: [rg] });
        const got = tableToColumns(await m.compute());
        expect(got.sym).toEqual(lg);
        expect(got.price).toEqual(pick(rt.map((_, i) => i + 0.5), idx));
        expect(m.explain()).toContain(`MergeAsof on=[ts] by=[sym] direction=${direction} tolerance=${tolerance.toString()}`);
      }
    }
  });

  it("handles empty left and right partitions and a left frame sorted only within partitions", async () => {
    const half = (d: typeof L, lo: number, hi: number) => ({ t: d.t.slice(lo, hi), g: d.g.slice(lo, hi), v: d.v.slice(lo, hi) });
    const empty = dd.fromColumns({ t: [] as number[], g: [] as string[], v: [] as string[] }, { dtypes: { t: "int64", g: "utf8", v: "utf8" } });
    const l1 = half(L, 200, 400), l2 = half(L, 0, 200);
    const a = dd.concat([dd.fromColumns(l1, { npartitions: 3 }), empty, dd.fromColumns(l2, { npartitions: 2 })]);
    const emptyR = empty.rename({ v: "w" });
    const b = dd.concat([emptyR, dd.fromColumns({ t: R.t, g: R.g, w: R.v }, { npartitions: 4 }), emptyR]);
    const m = dd.mergeAsof(a, b, { on: "t", by: "g" });
    expect(m.npartitions).toBe(6);
    const lt = [...l1.t, ...l2.t], lg = [...l1.g, ...l2.g];
    const idx = reference(lt, R.t, { direction: "backward", tolerance: null, exact: true, lBy: [lg], rBy: [R.g] });
    assertFrameEqual(await m.compute(), { t: toBig(lt), g: lg, v: [...l1.v, ...l2.v], w: pick(R.v, idx) });
  });

  it("raises NOT_SORTED naming the frame and the first value out of order", async () => {
    const a = dd.fromColumns({ t: [1, 5, 3], v: [1, 2, 3] }), b = dd.fromColumns({ t: [1, 2], w: [1, 2] });
    await expect(dd.mergeAsof(a, b, { on: "t" }).compute()).rejects.toThrow(/left frame is not sorted by "t" \(partition 0: 3 comes after 5\).*sortValues\("t"\) or setIndex\("t"\)/);
    const c = dd.fromColumns({ t: [1, 2, 3, 0], w: [1, 2, 3, 4] }, { npartitions: 2 });
    await expect(dd.mergeAsof(dd.fromColumns({ t: [1, 2] }), c, { on: "t" }).compute()).rejects.toThrow(/right frame is not sorted by "t".*0 comes after 3/);
    // sorting first makes it work
    const ok = await dd.mergeAsof(a.sortValues("t"), c.sortValues("t"), { on: "t" }).compute();
    assertFrameEqual(ok, { t: [1n, 3n, 5n], v: [1n, 3n, 2n], w: [1n, 3n, 3n] });
  });

  it("explains how the right side reaches each left partition, and pushes left filters and projections down", () => {
    const a = dd.fromColumns(L, { npartitions: 4 });
    const one = dd.mergeAsof(a, dd.fromColumns({ t: R.t, w: R.v }), { on: "t" });
    expect(one.explain()).toMatch(/MergeAsof on=\[t\] direction=backward right broadcast \(one partition\)/);
    const several = dd.fromColumns({ t: R.t, w: R.v }, { npartitions: 3 });
    const small = dd.mergeAsof(a, several, { on: "t", allowExactMatches: false });
    expect(small.explain()).toMatch(/MergeAsof on=\[t\] direction=backward allowExactMatches=false right broadcast \(~[\d.]+kB estimated < broadcastThreshold 64MB\)/);
    expect(small.explain()).toMatch(/merge-asof: 4 tasks/);
    const before = dd.config.set({ broadcastThreshold: 0 });
    try {
      const gathered = dd.mergeAsof(a, several, { on: "t" });
      expect(gathered.explain()).toMatch(/right gathered into one partition/);
      expect(gathered.explain()).toMatch(/merge-asof-right: 1 task/);
    } finally {
      dd.config.set(before);
    }
    const q = dd.mergeAsof(a, several, { on: "t" }).filter(dd.col("v").ne("1-3")).select(["v", "w"]);
    const text = q.explain();
    const optimized = text.slice(text.indexOf("== Optimized plan =="), text.indexOf("== Physical plan =="));
    expect(optimized).toMatch(/MergeAsof[^\n]*\n\s+Scan memory\[4 partitions, 400 rows\] columns=\[t, v\] filter=v != "1-3"\n\s+Scan memory\[3 partitions, 150 rows\]\n/);
  });

  it("rejects bad options: string on keys, a duration for numbers, a number for timestamps, bad direction", () => {
    const a = dd.fromColumns({ t: [1], s: ["x"] }), b = dd.fromColumns({ t: [1], s: ["y"] });
    expect(() => dd.mergeAsof(a, b, { on: "s" })).toThrow(/on keys must be numbers, dates or timestamps/);
    expect(() => dd.mergeAsof(a, b, { on: "t", tolerance: "5min" })).toThrow(/tolerance for a int64 key must be a number/);
    const ts = dd.fromColumns({ t: [1n] }, { dtypes: { t: "timestamp[ms]" } });
    expect(() => dd.mergeAsof(ts, ts, { on: "t", tolerance: 5 })).toThrow(/must be a duration/);
    expect(() => dd.mergeAsof(a, b, { on: "t", direction: "sideways" as never })).toThrow(/direction must be one of/);
    expect(() => dd.mergeAsof(a, b, {} as never)).toThrow(/needs the sorted key column/);
    expect(dd.mergeAsof(a, b, { on: "t", suffixes: ["_l", "_r"] }).columns).toEqual(["t", "s_l", "s_r"]);
  });
});

describe("mergeAsof by divisions (both frames indexed by on, right too big to broadcast)", () => {
  let prev: dd.Config;
  beforeAll(() => { prev = dd.config.set({ scheduler: "inline", broadcastThreshold: 0 }); });
  afterAll(() => { dd.config.set(prev); });
  const rng = new Rng(5);
  // sorted, no null keys (an index puts nulls last); sparse groups so tails and heads matter
  const lt = sortedKeys(rng, 300, 200, 0) as number[], rt = sortedKeys(rng, 120, 200, 0) as number[];
  const lg = lt.map(() => ["a", "b", "c", "d"][rng.int(0, 3)]), rg = rt.map(() => ["a", "b", "c", "d"][rng.int(0, 3)]);
  const rw = rt.map((_, i) => `w${i}`);
  for (const direction of ["backward", "forward", "nearest"] as const) {
    for (const tolerance of [null, 15]) {
      for (const by of [false, true]) {
        it(`direction=${direction} tolerance=${tolerance} by=${by}: each left partition reads only the right partitions it needs`, async () => {
          const a = dd.fromColumns({ t: lt, g: lg }, { npartitions: 6 }).setIndex("t");
          const b = dd.fromColumns({ t: rt, g: rg, w: rw }, { npartitions: 5 }).setIndex("t");
          const m = dd.mergeAsof(a, b, { on: "t", direction, ...(by ? { by: "g" } : {}), ...(tolerance === null ? {} : { tolerance }) });
          expect(m.explain()).toMatch(/right by divisions \(each left partition reads [\d-]+ of 5 right partitions/);
          expect(m.index).toBe("t");
          const idx = reference(lt, rt, { direction, tolerance, exact: true, lBy: by ? [lg] : [], rBy: by ? [rg] : [] });
          const expected: Record<string, unknown[]> = by ? { t: toBig(lt), g: lg, w: pick(rw, idx) } : { t: toBig(lt), g_x: lg, g_y: pick(rg, idx), w: pick(rw, idx) };
          assertFrameEqual(await m.compute(), expected);
        });
      }
    }
  }

  it("falls back to gathering the right side when its divisions are unknown", () => {
    const a = dd.fromColumns({ t: lt }, { npartitions: 3 }).setIndex("t"), b = dd.fromColumns({ t: rt, w: rw }, { npartitions: 4 });
    expect(dd.mergeAsof(a, b, { on: "t" }).explain()).toMatch(/right gathered into one partition \(~[\d.]+kB estimated, not below broadcastThreshold 0B\)/);
  });
});

describe("mergeAsof on worker threads", () => {
  it("gives the reference answer with many partitions, by two keys, nearest within a tolerance", async () => {
    const a = dd.fromColumns(L, { npartitions: 9 }), b = dd.fromColumns({ t: R.t, g: R.g, h: R.h, w: R.v }, { npartitions: 5 });
    const m = dd.mergeAsof(a, b, { on: "t", by: ["g", "h"], direction: "nearest", tolerance: 4 });
    const idx = reference(L.t, R.t, { direction: "nearest", tolerance: 4, exact: true, lBy: [L.g, L.h], rBy: [R.g, R.h] });
    assertFrameEqual(await m.compute(), { t: toBig(L.t), g: L.g, h: toBig(L.h), v: L.v, w: pick(R.v, idx) });
  });
});

describe("DataFrame.mergeAsof", () => {
  it("is dd.mergeAsof with the frame on the left", async () => {
    const trades = dd.fromColumns({ t: [1, 5, 10], q: [100, 200, 300] }, { npartitions: 2, dtypes: { t: "int64", q: "int32" } });
    const quotes = dd.fromColumns({ t: [0, 4, 9], bid: [1.5, 2.5, 3.5] }, { npartitions: 2, dtypes: { t: "int64", bid: "float64" } });
    const a = await trades.mergeAsof(quotes, { on: "t" }).compute();
    const b = await dd.mergeAsof(trades, quotes, { on: "t" }).compute();
    expect(a.getChild("bid")!.toArray()).toEqual(Float64Array.of(1.5, 2.5, 3.5));
    expect(a.toArray().map((r) => r.toJSON())).toEqual(b.toArray().map((r) => r.toJSON()));
  });
});
