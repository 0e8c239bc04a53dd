/**
 * setIndex / loc / divisions against plain-JS references: unsorted data (random, duplicates across
 * partition edges, nulls), sorted data declared or detected, loc ranges on memory and Parquet
 * frames (fewer read tasks), on worker threads (default) and inline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { DuskError } from "@dusk/core";
import { assertFrameEqual, Rng, tableToColumns } from "@dusk/testing";
import { columnsOf, referenceSort, type Row } from "./helpers/sort-reference.js";

let dir = "";
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-set-index-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** 60 rows in 6 partitions of 10, t = ⌊i / 3⌋: values 3, 6, 13 and 16 span partition edges. */
const N = 60, P = 6;
const sortedData = { t: Array.from({ length: N }, (_, i) => Math.floor(i / 3)), v: Array.from({ length: N }, (_, i) => i) };
const sortedFrame = () => dd.fromColumns(sortedData, { npartitions: P });
const sortedRows: Row[] = sortedData.t.map((t, i) => ({ t: BigInt(t), v: BigInt(sortedData.v[i]) }));
const big = (c: Record<string, unknown[]>) => Object.fromEntries(Object.entries(c).map(([k, vs]) => [k, vs.map((x) => (typeof x === "number" ? BigInt(x) : x))]));
const between = (rows: readonly Row[], lo: bigint | null, hi: bigint | null) =>
  rows.filter((r) => r.t !== null && (lo === null || (r.t as bigint) >= lo) && (hi === null || (r.t as bigint) <= hi));
/** Read tasks in the physical plan: the line of the scan or of a fused chain starting with a read. */
const scanTasks = (df: dd.DataFrame): number => {
  const phys = df.explain().split("== Physical plan ==")[1];
  const line = phys.split("\n").find((l) => /^\s+scan:|\((read-parquet|scan-memory)\b/.test(l));
  return line === undefined ? 0 : Number(/(\d+) tasks?/.exec(line)![1]);
};

async function inlineToo(df: dd.DataFrame, expected: Record<string, unknown[]>): Promise<void> {
  assertFrameEqual(await df.compute(), expected);
  const prev = dd.config.set({ scheduler: "inline" });
  try {
    assertFrameEqual(await df.compute(), expected);
  } finally {
    dd.config.set(prev);
  }
}

describe("setIndex on unsorted data", () => {
  const rng = new Rng(7);
  const n = 500;
  // few distinct values (duplicates span partitions), 8 % nulls
  const k = Array.from({ length: n }, () => (rng.chance(0.08) ? null : rng.int(-30, 30)));
  const i = Array.from({ length: n }, (_, j) => j);
  const rows: Row[] = k.map((x, j) => ({ k: x === null ? null : BigInt(x), i: BigInt(i[j]) }));

  it("sorts with the sample sort, nulls last; divisions unknown until run; loc filters", async () => {
    const df = dd.fromColumns({ k, i }, { npartitions: 7 }).setIndex("k");
    expect(df.index).toBe("k");
    expect(df.npartitions).toBe(7);
    expect(df.divisions()).toBeNull();
    expect(df.explain()).toMatch(/sort-split/);
    await inlineToo(df, columnsOf(referenceSort(rows, ["k"], [true]), ["k", "i"]));
    const sel = df.loc(-5, 5);
    await inlineToo(sel, columnsOf(referenceSort(rows.filter((r) => r.k !== null && (r.k as bigint) >= -5n && (r.k as bigint) <= 5n), ["k"], [true]), ["k", "i"]));
  });

  it("persist keeps the index and learns the divisions the sample sort chose, so loc prunes", async () => {
    const sorted = dd.fromColumns({ k, i }, { npartitions: 5 }).setIndex("k");
    const kept = await sorted.persist();
    expect(kept.index).toBe("k");
    const divs = kept.divisions()!;
    expect(divs).toHaveLength(5);
    const ref = referenceSort(rows, ["k"], [true]);
    assertFrameEqual(await kept.compute(), columnsOf(ref, ["k", "i"]));
    const sel = kept.loc(10, 12);
    expect(sel.explain()).toMatch(/partitions [1-3] of 5 \(divisions\)/);
    // a persisted frame lives on its client's workers (switching to inline would close that client)
    assertFrameEqual(await sel.compute(), columnsOf(ref.filter((r) => r.k !== null && (r.k as bigint) >= 10n && (r.k as bigint) <= 12n), ["k", "i"]));
  });

  it("sorted: true on unsorted data is a NOT_SORTED error naming partitions and values", () => {
    const df = dd.fromColumns({ t: [1, 2, 9, 3, 4, 5] }, { npartitions: 2 });
    let err: unknown;
    try { df.setIndex("t", { sorted: true }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DuskError);
    expect((err as DuskError).code).toBe("NOT_SORTED");
    expect((err as DuskError).message).toContain("partition 0 ends at t = 9 but partition 1 starts at 3");
    const inside = dd.fromColumns({ t: [2, 1, 3, 4] }, { npartitions: 2 });
    expect(() => inside.setIndex("t", { sorted: true })).toThrow(/partition 0 is not sorted by t inside/);
    const nulls = dd.fromColumns({ t: [1, null, 3, 4] }, { npartitions: 2 });
    expect(() => nulls.setIndex("t", { sorted: true })).toThrow(/nulls must come last/);
  });

  it("partitions in ascending ranges but unsorted inside sort themselves, without a shuffle", async () => {
    const df = dd.fromColumns({ t: [3, 1, 2, 6, 5, 4] }, { npartitions: 2 }).setIndex("t");
    expect(df.explain()).toMatch(/SetIndex t sort-partitions divisions=known/);
    expect(df.explain()).not.toMatch(/sort-split/);
    expect(df.divisions()).toEqual([[1n, 3n], [4n, 6n]]);
    await inlineToo(df, { t: [1n, 2n, 3n, 4n, 5n, 6n] });
  });
});

describe("setIndex on sorted data", () => {
  it("sorted: true computes divisions from the data and runs no sort", async () => {
    const df = sortedFrame().setIndex("t", { sorted: true });
    expect(df.divisions()).toEqual([[0n, 3n], [3n, 6n], [6n, 9n], [10n, 13n], [13n, 16n], [16n, 19n]]);
    expect(df.explain()).not.toMatch(/sort-|Sort by/);
    expect(scanTasks(df)).toBe(P);
    await inlineToo(df, big(sortedData));
  });

  it("detects sorted in-memory data without sorted: true", () => {
    const df = sortedFrame().setIndex("t");
    expect(df.explain()).toMatch(/SetIndex t sorted divisions=known/);
    expect(df.explain()).not.toMatch(/Sort by/);
  });

  it("keeps the index through filter, assign and select; loses it through a merge; resetIndex forgets it", () => {
    const df = sortedFrame().setIndex("t", { sorted: true });
    expect(df.filter(dd.col("v").gt(3)).divisions()).toEqual(df.divisions());
    expect(df.assign({ w: dd.col("v").mul(2) }).index).toBe("t");
    expect(df.select("v", "t").index).toBe("t");
    expect(df.select("v").index).toBeNull();
    expect(df.merge(sortedFrame(), { on: "t" }).index).toBeNull();
    expect(df.setIndex("t").plan).toBe(df.plan);
    expect(df.filter(dd.col("v").gt(3)).setIndex("t").explain()).not.toMatch(/Sort by/);
    const r = df.resetIndex();
    expect(r.index).toBeNull();
    expect(r.divisions()).toBeNull();
    expect(r.npartitions).toBe(P);
    expect(() => r.loc(1, 2)).toThrow(/loc needs an indexed frame/);
  });

  const cases: [string, number | null, number | null][] = [
    ["a closed range", 5, 12],
    ["an open lower end", null, 4],
    ["an open upper end", 14, null],
    ["exact boundary values shared by two partitions", 3, 3],
    ["a partition's last value", 9, 9],
    ["values between two partitions (none held)", 9.5, 9.7],
    ["an empty range (lo > hi)", 12, 5],
    ["a range beyond every value", 100, 200],
    ["both ends open", null, null],
  ];
  for (const [what, lo, hi] of cases) {
    it(`loc with ${what} reads only the partitions it needs`, async () => {
      const df = sortedFrame().setIndex("t", { sorted: true });
      const sel = df.loc(lo, hi);
      const expected = between(sortedRows, lo === null ? null : BigInt(Math.ceil(lo)), hi === null ? null : BigInt(Math.floor(hi)));
      const divs = df.divisions()!;
      const needed = divs.filter((b) => b !== null && (lo === null || Number(b[1]) >= lo) && (hi === null || Number(b[0]) <= hi)).length;
      expect(scanTasks(sel)).toBe(needed);
      if (needed < P) expect(sel.explain()).toContain(`partitions ${needed} of ${P} (divisions)`);
      await inlineToo(sel, columnsOf(expected, ["t", "v"]));
    });
  }

  it("an ordinary filter on the index prunes too; a filter on another column does not", () => {
    const df = sortedFrame().setIndex("t", { sorted: true });
    expect(df.filter(dd.col("t").ge(17)).explain()).toContain("partitions 1 of 6 (divisions)");
    expect(scanTasks(df.filter(dd.col("t").ge(17)))).toBe(1);
    expect(df.filter(dd.col("v").ge(50)).explain()).not.toContain("(divisions)");
  });

  it("strings, date32 and timestamps as the index", async () => {
    const s = dd.fromColumns({ s: ["a", "b", "c", "d", "é", "ｚ"] }, { npartitions: 3 }).setIndex("s", { sorted: true });
    expect(s.divisions()).toEqual([["a", "b"], ["c", "d"], ["é", "ｚ"]]);
    await inlineToo(s.loc("b", "d"), { s: ["b", "c", "d"] });
    expect(scanTasks(s.loc("b", "d"))).toBe(2);
    const days = ["2024-01-01", "2024-01-02", "2024-01-05", "2024-02-01"].map((d) => new Date(`${d}T00:00:00Z`));
    const ts = dd.fromColumns({ ts: days, v: [1, 2, 3, 4] }, { npartitions: 2 }).setIndex("ts", { sorted: true });
    expect(ts.divisions()).toEqual([[BigInt(days[0].getTime()), BigInt(days[1].getTime())], [BigInt(days[2].getTime()), BigInt(days[3].getTime())]]);
    const got = ts.loc(new Date("2024-01-03T00:00:00Z"), undefined);
    expect(scanTasks(got)).toBe(1);
    expect(tableToColumns(await got.compute()).v).toEqual([3n, 4n]);
    const d32 = dd.fromColumns({ d: days, v: [1, 2, 3, 4] }, { npartitions: 2, dtypes: { d: "date32" } }).setIndex("d", { sorted: true });
    const dsel = d32.loc(dd.date("2024-01-02"), dd.date("2024-01-05"));
    expect(scanTasks(dsel)).toBe(2);
    expect(tableToColumns(await dsel.compute()).v).toEqual([2n, 3n]);
  });

  it("declared divisions with sorted: true, for sources that cannot tell", () => {
    const df = sortedFrame().setIndex("t", { sorted: true, divisions: [0, 3, 6, 10, 13, 16, 19] });
    expect(df.divisions()).toEqual([[0n, 3n], [3n, 6n], [6n, 10n], [10n, 13n], [13n, 16n], [16n, 19n]]);
    expect(() => sortedFrame().setIndex("t", { divisions: [0, 19] })).toThrow(/not supported yet/);
    expect(() => sortedFrame().setIndex("t", { sorted: true, divisions: [0, 19] })).toThrow(/needs 7 boundaries/);
  });
});

describe("setIndex on Parquet files", () => {
  it("detects ascending files from their statistics (no shuffle) and loc skips the other files", async () => {
    const out = join(dir, "sorted");
    await sortedFrame().toParquet(out);
    const df = dd.readParquet(out).setIndex("t");
    expect(df.npartitions).toBe(P);
    expect(df.explain()).toMatch(/SetIndex t sort-partitions divisions=known/);
    expect(df.explain()).not.toMatch(/sort-split/);
    expect(df.divisions()).toEqual([[0n, 3n], [3n, 6n], [6n, 9n], [10n, 13n], [13n, 16n], [16n, 19n]]);
    await inlineToo(df, big(sortedData));
    const sel = df.loc(7, 11);
    expect(scanTasks(sel)).toBe(2);
    expect(sel.explain()).toContain("partitions 2 of 6 (divisions)");
    await inlineToo(sel, columnsOf(between(sortedRows, 7n, 11n), ["t", "v"]));
    const declared = dd.readParquet(out).setIndex("t", { sorted: true });
    expect(declared.explain()).toMatch(/SetIndex t sorted divisions=known/);
    expect(scanTasks(declared.loc(null, 2))).toBe(1);
    await inlineToo(declared.loc(null, 2), columnsOf(between(sortedRows, null, 2n), ["t", "v"]));
  });

  it("files whose ranges overlap are sorted by the sample sort; sorted: true refuses them", async () => {
    const out = join(dir, "shuffled");
    const rng = new Rng(3);
    const t = Array.from({ length: 80 }, () => rng.int(0, 50));
    await dd.fromColumns({ t }, { npartitions: 4 }).toParquet(out);
    const df = dd.readParquet(out).setIndex("t");
    expect(df.divisions()).toBeNull();
    expect(df.explain()).toMatch(/sort-split/);
    await inlineToo(df.loc(10, 20), { t: t.filter((x) => x >= 10 && x <= 20).sort((a, b) => a - b).map(BigInt) });
    expect(() => dd.readParquet(out).setIndex("t", { sorted: true })).toThrow(/NOT_SORTED|partition \d+ ends at t/);
  });
});
