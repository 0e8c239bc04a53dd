/** merge: a side estimated below broadcastThreshold is broadcast (collected into one partition), with the same rows as a shuffle. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng } from "@dusk/testing";

type Row = Record<string, unknown>;
type How = "inner" | "left" | "right" | "outer" | "semi" | "anti";

function side(n: number, seed: number, prefix: string) {
  const rng = new Rng(seed);
  return {
    k: Array.from({ length: n }, () => (rng.chance(0.08) ? null : rng.chance(0.3) ? 7 : rng.int(0, 60))),
    v: Array.from({ length: n }, (_, i) => (rng.chance(0.1) ? null : `${prefix}${i}`)),
    x: Array.from({ length: n }, () => (rng.chance(0.1) ? null : rng.int(0, 1000) / 4)),
  };
}
const rowsOf = (c: Record<string, unknown[]>): Row[] => c.k.map((_, i) => Object.fromEntries(Object.keys(c).map((k) => [k, c[k][i]])));

/** Nested-loop join on k (nulls never match); columns k, v_x, x_x, v_y, x_y (semi/anti: k, v, x). */
function reference(L: Row[], R: Row[], how: How): Record<string, unknown[]> {
  const big = (x: unknown) => (x === null || x === undefined ? null : BigInt(x as number));
  const out = (l: Row | null, r: Row | null): Row => (how === "semi" || how === "anti"
    ? { k: big(l!.k), v: l!.v, x: l!.x }
    : { k: big(l?.k ?? r?.k ?? null), v_x: l?.v ?? null, x_x: l?.x ?? null, v_y: r?.v ?? null, x_y: r?.x ?? null });
  const match = (l: Row, r: Row) => l.k !== null && l.k === r.k;
  const rows: Row[] = [];
  const usedR = new Set<number>();
  if (how === "right") {
    for (const r of R) { const hits = L.filter((l) => match(l, r)); for (const l of hits) rows.push(out(l, r)); if (!hits.length) rows.push(out(null, r)); }
  } else {
    for (const l of L) {
      const hits = R.map((r, j) => (match(l, r) ? j : -1)).filter((j) => j >= 0);
      if (how === "semi") { if (hits.length) rows.push(out(l, null)); continue; }
      if (how === "anti") { if (!hits.length) rows.push(out(l, null)); continue; }
      for (const j of hits) { rows.push(out(l, R[j])); usedR.add(j); }
      if (!hits.length && (how === "left" || how === "outer")) rows.push(out(l, null));
    }
    if (how === "outer") R.forEach((r, j) => { if (!usedR.has(j)) rows.push(out(null, r)); });
  }
  const names = how === "semi" || how === "anti" ? ["k", "v", "x"] : ["k", "v_x", "x_x", "v_y", "x_y"];
  return Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])]));
}

const big = side(2000, 3, "l"), small = side(150, 4, "r");
const BIG = rowsOf(big), SMALL = rowsOf(small);
const physical = (text: string) => text.slice(text.indexOf("== Physical plan =="));

for (const scheduler of ["threads", "inline"] as const) {
  describe(`merge broadcast by size (${scheduler})`, () => {
    let prev: dd.Config;
    beforeAll(() => { prev = dd.config.set({ scheduler }); });
    afterAll(() => { dd.config.set(prev); });

    for (const how of ["inner", "left", "semi", "anti", "right", "outer"] as const) {
      for (const [bp, sp] of [[6, 4], [3, 40]] as const) {
        it(`how=${how}, big ${bp} partitions, small ${sp} partitions (nulls, empty partitions): strategy and rows`, async () => {
          // the small side is on the side the join can broadcast: right for inner/left/semi/anti, left for right
          const [l, r, L, R] = how === "right"
            ? [dd.fromColumns(small, { npartitions: sp }), dd.fromColumns(big, { npartitions: bp }), SMALL, BIG]
            : [dd.fromColumns(big, { npartitions: bp }), dd.fromColumns(small, { npartitions: sp }), BIG, SMALL];
          const m = l.merge(r, { on: "k", how });
          const text = m.explain();
          if (how === "outer") {
            expect(text).not.toMatch(/broadcast=/);
            expect(physical(text)).toMatch(/shuffle-split/);
          } else {
            expect(text).toMatch(new RegExp(`Merge how=${how} on=\\[k\\] broadcast=${how === "right" ? "left" : "right"} \\(~[\\d.]+kB estimated < broadcastThreshold 64MB\\)`));
            expect(physical(text)).toMatch(/broadcast-concat: 1 task/);
            expect(physical(text)).not.toMatch(/shuffle-split/);
            expect(m.npartitions).toBe(bp);
          }
          const expected = reference(L, R, how);
          const got = await m.compute();
          assertFrameEqual(got, expected, { ignoreRowOrder: true });
          // the same rows as the shuffle strategy
          const before = dd.config.set({ broadcastThreshold: 0 });
          try {
            const shuffled = l.merge(r, { on: "k", how });
            expect(physical(shuffled.explain())).toMatch(/shuffle-split/);
            assertFrameEqual(await shuffled.compute(), got, { ignoreRowOrder: true });
          } finally { dd.config.set(before); }
        });
      }
    }

    it("a broadcast inner/left join keeps the left row order", async () => {
      const m = dd.fromColumns(big, { npartitions: 5 }).merge(dd.fromColumns(small, { npartitions: 3 }), { on: "k", how: "left" });
      assertFrameEqual(await m.compute(), reference(BIG, SMALL, "left"));
    });

    it("a side above the threshold is shuffled; explain says nothing of broadcast", () => {
      const before = dd.config.set({ broadcastThreshold: "4kB" });
      try {
        const m = dd.fromColumns(big, { npartitions: 4 }).merge(dd.fromColumns(small, { npartitions: 3 }), { on: "k" });
        expect(m.explain()).not.toMatch(/broadcast/);
        expect(physical(m.explain())).toMatch(/shuffle-split/);
        // a one-partition side is still broadcast, whatever its size
        const one = dd.fromColumns(big, { npartitions: 4 }).merge(dd.fromColumns(small), { on: "k" });
        expect(physical(one.explain())).not.toMatch(/shuffle-split|broadcast-concat/);
      } finally { dd.config.set(before); }
    });
  });
}

describe("merge broadcast by size: sources without row counts", () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-broadcast-")); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it("a CSV side (rows unknown until read) is not broadcast by size; a filtered in-memory side is (its rows bound it)", async () => {
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `p${i}.csv`), "k,w\n" + Array.from({ length: 20 }, (_, j) => `${i * 20 + j},w${j}`).join("\n") + "\n");
    const csv = dd.readCsv(join(dir, "*.csv"));
    expect(csv.npartitions).toBe(3);
    const m = dd.fromColumns(big, { npartitions: 4 }).merge(csv, { on: "k" });
    expect(physical(m.explain())).toMatch(/shuffle-split/);
    const filtered = dd.fromColumns(small, { npartitions: 3 }).filter(dd.col("x").gt(100));
    const f = dd.fromColumns(big, { npartitions: 4 }).merge(filtered, { on: "k" });
    expect(f.explain()).toMatch(/broadcast=right/);
    const got = await f.compute();
    const R = SMALL.filter((r) => r.x !== null && (r.x as number) > 100);
    assertFrameEqual(got, reference(BIG, R, "inner"), { ignoreRowOrder: true });
  });

  it("config broadcastThreshold is checked", () => {
    expect(() => dd.config.set({ broadcastThreshold: "lots" })).toThrow(/broadcastThreshold/);
  });
});
