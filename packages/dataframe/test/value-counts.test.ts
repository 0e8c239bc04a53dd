/** valueCounts: distinct values with their row counts, most frequent first, against a plain-JS count. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, Rng } from "@dusk/testing";

const rng = new Rng(4);
const n = 3000;
const cols = {
  s: Array.from({ length: n }, () => (rng.chance(0.05) ? null : rng.chance(0.4) ? "hot" : `v${rng.int(0, 30)}`)),
  k: Array.from({ length: n }, () => rng.int(0, 3)),
};

/** Counts of (columns) tuples, by count descending then values ascending (nulls last). */
function reference(names: (keyof typeof cols)[], dropna: boolean) {
  const counts = new Map<string, { vals: unknown[]; n: number }>();
  for (let i = 0; i < n; i++) {
    const vals = names.map((c) => cols[c][i]);
    if (dropna && vals.some((v) => v === null)) continue;
    const key = JSON.stringify(vals);
    const e = counts.get(key);
    if (e) e.n++; else counts.set(key, { vals, n: 1 });
  }
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : (a as number) < (b as number) ? -1 : 1);
  const rows = [...counts.values()].sort((a, b) => b.n - a.n || names.reduce((r, _, j) => r || cmp(a.vals[j], b.vals[j]), 0));
  return Object.fromEntries([...names.map((c, j) => [c, rows.map((r) => (c === "k" ? BigInt(r.vals[j] as number) : r.vals[j]))]), ["count", rows.map((r) => BigInt(r.n))]]);
}

describe("valueCounts", () => {
  const df = dd.fromColumns(cols, { npartitions: 5 });

  it("counts one column, most frequent first, nulls left out", async () => {
    const vc = df.valueCounts("s");
    expect(vc.columns).toEqual(["s", "count"]);
    const t = await vc.compute();
    assertFrameEqual(t, reference(["s"], true));
    expect(t.getChild("s")!.get(0)).toBe("hot");
  });

  it("counts value combinations, keeps nulls with dropna false, and refuses a column named count", async () => {
    assertFrameEqual(await df.valueCounts(["k", "s"], { dropna: false }).compute(), reference(["k", "s"], false));
    expect(() => dd.fromColumns({ count: [1] }).valueCounts("count")).toThrow(/names its result column "count"/);
  });
});
