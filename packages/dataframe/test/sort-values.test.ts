/** sortValues against a plain-JS stable sort: several keys, mixed directions, nulls, NaN, skew, empty partitions. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { columnsOf, frameOf, randomColumns, referenceSort, rowsOf } from "./helpers/sort-reference.js";

const data = randomColumns(600, 11);
const rows = rowsOf(data);
const names = Object.keys(data);

const cases: { by: string[]; ascending: boolean[]; naPosition?: "last" | "first" }[] = [
  { by: ["k"], ascending: [true] },
  { by: ["g", "big"], ascending: [false, true] },
  { by: ["s"], ascending: [false], naPosition: "first" },
  { by: ["f", "k", "b"], ascending: [true, false, true] },
  { by: ["big"], ascending: [false], naPosition: "first" },
];

describe("sortValues", () => {
  for (const nparts of [1, 3, 17]) {
    for (const c of cases) {
      it(`by [${c.by.join(", ")}] ascending [${c.ascending.join(", ")}]${c.naPosition ? ` nulls ${c.naPosition}` : ""}, ${nparts} partitions`, async () => {
        const df = frameOf(data, nparts);
        const sorted = df.sortValues(c.by, { ascending: c.ascending, naPosition: c.naPosition });
        expect(sorted.npartitions).toBe(nparts);
        expect(sorted.columns).toEqual(names);
        assertFrameEqual(await sorted.compute(), columnsOf(referenceSort(rows, c.by, c.ascending, c.naPosition), names));
      });
    }
  }

  it("sorts frames with empty partitions (a filter empties the first ones) and a one-value key", async () => {
    const df = frameOf(data, 17).filter(dd.col("i").ge(250));
    const kept = rows.filter((r) => (r.i as number) >= 250);
    assertFrameEqual(await df.sortValues("s").compute(), columnsOf(referenceSort(kept, ["s"], [true]), names));
    const same = dd.fromColumns({ a: Array(40).fill(3), i: Array.from({ length: 40 }, (_, i) => i) }, { npartitions: 7 });
    assertFrameEqual(await same.sortValues("a", { ascending: false }).compute(), { a: Array(40).fill(3n), i: Array.from({ length: 40 }, (_, i) => BigInt(i)) });
    const tiny = dd.fromColumns({ a: [3, 1, 2] }, { npartitions: 3 }).filter(dd.col("a").gt(5));
    expect((await tiny.sortValues("a").compute()).numRows).toBe(0);
  });

  it("gives the same answer inline and on threads", async () => {
    const df = frameOf(data, 5).sortValues(["b", "s", "i"], { ascending: [true, false, false] });
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try {
      assertFrameEqual(await df.compute(), threads);
    } finally {
      dd.config.set(prev);
    }
  });

  it("then limit gives the first rows of the sorted frame", async () => {
    const top = frameOf(data, 6).sortValues(["f", "i"], { ascending: [false, true] }).limit(25);
    assertFrameEqual(await top.compute(), columnsOf(referenceSort(rows, ["f", "i"], [false, true]).slice(0, 25), names));
  });

  it("explains the plan and the sample-sort tasks", () => {
    const df = frameOf(data, 4).sortValues(["k", "s"], { ascending: [true, false] }).filter(dd.col("k").gt(0));
    const text = df.explain();
    expect(text).toContain("Sort by=[k, s desc]");
    expect(text).toMatch(/sort-boundaries.*: 1 task/);
    expect(text).toMatch(/sort-split.*: 4 tasks/);
  });

  it("rejects unknown columns and mismatched flags, naming them", () => {
    const df = frameOf(data, 2);
    expect(() => df.sortValues("kk")).toThrow(/column "kk" not found in sortValues.*Did you mean "k"/);
    expect(() => df.sortValues(["k", "s"], { ascending: [true] })).toThrow(/1 ascending flags for 2 sort columns \[k, s\]/);
    expect(() => df.sortValues([])).toThrow(/at least one column/);
  });
});
