/** nlargest / nsmallest against a plain-JS reference: ties keep the first row, null and NaN only when too few others. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { columnsOf, frameOf, randomColumns, referenceSort, rowsOf } from "./helpers/sort-reference.js";

const data = randomColumns(500, 23);
const rows = rowsOf(data);
const names = Object.keys(data);

describe("nlargest and nsmallest", () => {
  for (const nparts of [1, 3, 17]) {
    for (const [n, by] of [[10, ["k"]], [40, ["f", "big"]], [7, ["big"]], [600, ["f"]], [0, ["k"]]] as const) {
      it(`n=${n} by [${by.join(", ")}], ${nparts} partitions`, async () => {
        const df = frameOf(data, nparts);
        const large = df.nlargest(n, [...by]), small = df.nsmallest(n, [...by]);
        expect(large.npartitions).toBe(1);
        assertFrameEqual(await large.compute(), columnsOf(referenceSort(rows, by, by.map(() => false)).slice(0, n), names));
        assertFrameEqual(await small.compute(), columnsOf(referenceSort(rows, by, by.map(() => true)).slice(0, n), names));
      });
    }
  }

  it("keeps the first of tied rows across partitions, and works on empty partitions", async () => {
    const df = dd.fromColumns({ v: [1, 5, 5, 2, 5, 5, 0], i: [0, 1, 2, 3, 4, 5, 6] }, { npartitions: 5 }).filter(dd.col("i").ne(0));
    assertFrameEqual(await df.nlargest(3, "v").compute(), { v: [5n, 5n, 5n], i: [1n, 2n, 4n] });
    assertFrameEqual(await df.nsmallest(2, "v").compute(), { v: [0n, 2n], i: [6n, 3n] });
  });

  it("gives the same answer inline and on threads", async () => {
    const df = frameOf(data, 9).nsmallest(33, ["k", "big"]);
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await df.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("is not moved below by a filter, and explains as TopN", () => {
    const df = frameOf(data, 3).nlargest(5, "k").filter(dd.col("f").gt(0));
    expect(df.explain()).toMatch(/Filter f > 0\n\s+TopN 5 by=\[k desc\]/);
  });

  it("rejects text and bool columns like pandas, and bad n", () => {
    const df = frameOf(data, 2);
    expect(() => df.nlargest(3, "s")).toThrow(/nlargest cannot order by column "s" \(utf8\).*sortValues\("s"\)\.limit\(3\)/);
    expect(() => df.nsmallest(3, ["k", "b"])).toThrow(/column "b" \(bool\)/);
    expect(() => df.nlargest(-1, "k")).toThrow(/whole number/);
  });
});
