/** merge: every how, on/leftOn/rightOn, suffixes, broadcast and shuffle, against a plain-JS nested-loop reference. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng } from "@dusk/testing";

type Row = Record<string, unknown>;
type How = "inner" | "left" | "right" | "outer" | "semi" | "anti";

/** Columns of `n` rows: keys with nulls and a skewed value (half the rows), and payloads. */
function side(n: number, seed: number, prefix: string) {
  const rng = new Rng(seed);
  const key = () => (rng.chance(0.08) ? null : rng.chance(0.5) ? 7 : rng.int(0, 40));
  return {
    k: Array.from({ length: n }, key),
    s: Array.from({ length: n }, () => (rng.chance(0.08) ? null : `s${rng.int(0, 5)}`)),
    v: Array.from({ length: n }, (_, i) => (rng.chance(0.1) ? null : `${prefix}${i}`)),
    big: Array.from({ length: n }, (_, i) => 2n ** 60n + BigInt(i)),
  };
}

const rowsOf = (c: Record<string, unknown[]>): Row[] =>
  c[Object.keys(c)[0]].map((_, i) => Object.fromEntries(Object.keys(c).map((k) => [k, c[k][i]])));

/** The merge of row lists by nested loops; nulls never match; output columns named as given. */
function reference(L: Row[], R: Row[], how: How, lk: string[], rk: string[], out: (l: Row | null, r: Row | null) => Row): Record<string, unknown[]> {
  const match = (l: Row, r: Row) => lk.every((k, i) => l[k] !== null && r[rk[i]] !== null && l[k] === r[rk[i]]);
  const rows: Row[] = [];
  const usedR = new Set<number>();
  for (const l of L) {
    const hits = R.map((r, j) => (match(l, r) ? j : -1)).filter((j) => j >= 0);
    if (how === "semi") { if (hits.length) rows.push(out(l, null)); continue; }
    if (how === "anti") { if (!hits.length) rows.push(out(l, null)); continue; }
    if (how === "right") continue;
    for (const j of hits) { rows.push(out(l, R[j])); usedR.add(j); }
    if (!hits.length && (how === "left" || how === "outer")) rows.push(out(l, null));
  }
  if (how === "right") {
    for (const r of R) {
      const hits = L.filter((l) => match(l, r));
      for (const l of hits) rows.push(out(l, r));
      if (!hits.length) rows.push(out(null, r));
    }
  }
  if (how === "outer") R.forEach((r, j) => { if (!usedR.has(j)) rows.push(out(null, r)); });
  const names = Object.keys(out(null, null));
  return Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])]));
}

const left = side(300, 1, "l");
const right = side(120, 2, "r");
const L = rowsOf(left), R = rowsOf(right);
const toBig = (x: unknown) => (x === null || x === undefined ? null : BigInt(x as number));

/** on "k": k once (from whichever side has the row), s/v/big suffixed. */
const onK = (l: Row | null, r: Row | null): Row => ({
  k: toBig(l?.k ?? r?.k ?? null),
  s_x: l?.s ?? null, v_x: l?.v ?? null, big_x: l?.big ?? null,
  s_y: r?.s ?? null, v_y: r?.v ?? null, big_y: r?.big ?? null,
});
const leftOnly = (l: Row | null): Row => ({ k: toBig(l?.k ?? null), s: l?.s ?? null, v: l?.v ?? null, big: l?.big ?? null });

describe("merge", () => {
  for (const how of ["inner", "left", "right", "outer", "semi", "anti"] as const) {
    for (const [lp, rp] of [[5, 1], [1, 4], [6, 4], [3, 9]] as const) {
      it(`how=${how} on one int key, ${lp} × ${rp} partitions (nulls, a skewed key, empty partitions)`, async () => {
        const a = dd.fromColumns(left, { npartitions: lp }), b = dd.fromColumns(right, { npartitions: rp });
        const m = a.merge(b, { on: "k", how });
        const expected = reference(L, R, how, ["k"], ["k"], how === "semi" || how === "anti" ? (l) => leftOnly(l) : onK);
        expect(m.columns).toEqual(Object.keys(expected));
        assertFrameEqual(await m.compute(), expected, { ignoreRowOrder: true });
      });
    }
  }

  it("joins on two keys (int and string) with leftOn/rightOn of other names, keeping both key columns", async () => {
    const b2 = { kk: right.k, ss: right.s, w: right.v };
    const m = dd.fromColumns(left, { npartitions: 4 }).merge(dd.fromColumns(b2, { npartitions: 3 }), { leftOn: ["k", "s"], rightOn: ["kk", "ss"], how: "left" });
    expect(m.columns).toEqual(["k", "s", "v", "big", "kk", "ss", "w"]);
    const R2 = rowsOf(b2);
    const expected = reference(L, R2, "left", ["k", "s"], ["kk", "ss"], (l, r) => ({
      k: toBig(l?.k ?? null), s: l?.s ?? null, v: l?.v ?? null, big: l?.big ?? null, kk: toBig(r?.kk ?? null), ss: r?.ss ?? null, w: r?.w ?? null,
    }));
    assertFrameEqual(await m.compute(), expected, { ignoreRowOrder: true });
  });

  it("matches keys across integer widths, keeps left order for a broadcast inner join, and takes custom suffixes", async () => {
    const a = dd.fromColumns({ id: Int32Array.from([3, 1, 2, 3]), x: [10, 20, 30, 40] }, { npartitions: 2 });
    const b = dd.fromColumns({ id: [3n, 2n, 9n], x: ["c", "b", "z"] }, { dtypes: { id: "int64" } });
    const m = a.merge(b, { on: "id", suffixes: ["_l", "_r"] });
    expect(m.dtypes).toEqual({ id: "int64", x_l: "int64", x_r: "utf8" });
    assertFrameEqual(await m.compute(), { id: [3n, 2n, 3n], x_l: [10n, 30n, 40n], x_r: ["c", "b", "c"] });
  });

  it("runs as a broadcast or a shuffle, as explain shows, with the same answer inline and on threads", async () => {
    const a = dd.fromColumns(left, { npartitions: 6 }), b = dd.fromColumns(right, { npartitions: 4 });
    const shuffled = a.merge(b, { on: "k", how: "outer" });
    expect(shuffled.npartitions).toBe(6);
    expect(shuffled.explain()).toMatch(/Merge how=outer on=\[k\]/);
    expect(shuffled.explain()).toMatch(/merge: 6 tasks\n\s+shuffle-gather: 6 tasks\n\s+shuffle-split \(scan-memory → shuffle-split\): 6 tasks\n\s+shuffle-gather: 6 tasks\n\s+shuffle-split \(scan-memory → shuffle-split\): 4 tasks/);
    const broadcast = a.merge(dd.fromColumns(right), { on: "k" });
    expect(broadcast.explain()).not.toMatch(/shuffle/);
    const q = (m: dd.DataFrame) => m.groupBy("k").agg({ n: dd.count(), v_y: "count" });
    const onThreads = await q(shuffled).compute();
    const prev = dd.config.set({ scheduler: "inline" });
    try {
      assertFrameEqual(await q(shuffled).compute(), onThreads);
    } finally {
      dd.config.set(prev);
    }
  });

  it("pushes filters and projections below the merge to the side they read", async () => {
    const a = dd.fromColumns(left, { npartitions: 3 }), b = dd.fromColumns(right, { npartitions: 2 });
    const m = a.merge(b, { on: "k" }).filter(dd.col("v_x").ne("l5").and(dd.col("s_y").eq("s1"))).select(["k", "v_x", "s_y"]);
    const text = m.explain();
    const optimized = text.slice(text.indexOf("== Optimized plan =="), text.indexOf("== Physical plan =="));
    // the filter goes to each side; every column stays, since both sides have every name (suffixes would change)
    expect(optimized).toMatch(/Merge how=inner on=\[k\] broadcast=right \(~[\d.]+kB estimated < broadcastThreshold 64MB\)\n\s+Scan memory\[3 partitions, 300 rows\] filter=v != "l5"\n\s+Scan memory\[2 partitions, 120 rows\] filter=s == "s1"/);
    const narrow = a.merge(b.select(["k", "s"]).rename({ s: "t" }), { on: "k" }).select(["v", "t"]).explain();
    expect(narrow).toMatch(/Scan memory\[3 partitions, 300 rows\] columns=\[k, v\]/);
    const expected = reference(L, R, "inner", ["k"], ["k"], onK);
    const keep = expected.k.map((_, i) => expected.v_x[i] !== null && expected.v_x[i] !== "l5" && expected.s_y[i] === "s1");
    assertFrameEqual(await m.compute(), { k: expected.k.filter((_, i) => keep[i]), v_x: expected.v_x.filter((_, i) => keep[i]), s_y: expected.s_y.filter((_, i) => keep[i]) }, { ignoreRowOrder: true });
  });

  it("explains bad merges: no shared column, mismatched key types, unknown key, both on and leftOn", () => {
    const a = dd.fromColumns({ a: [1], s: ["x"] }), b = dd.fromColumns({ b: [1], t: [true] });
    expect(() => a.merge(b)).toThrow(/share no column name to join on/);
    expect(() => a.merge(b, { leftOn: "s", rightOn: "t" })).toThrow(/cannot match left key "s" \(utf8\) with right key "t" \(bool\)/);
    expect(() => a.merge(b, { on: "zz" })).toThrow(/"zz" not found/);
    expect(() => a.merge(b, { on: "a", leftOn: "a", rightOn: "b" })).toThrow(/either on, or leftOn with rightOn/);
    expect(() => a.merge(b, { leftOn: "a", rightOn: "b", how: "cross" as never })).toThrow(/how must be one of/);
  });
});
