/**
 * dropDuplicates against a plain-JS reference on random data (nulls equal each other, NaN, -0, a
 * value holding half the rows), over one, several and many partitions, empty partitions, a shuffle
 * by the subset (splitOut), on worker threads and inline.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { columnsOf, frameOf, randomColumns, referenceSort, rowsOf, type Row } from "./helpers/sort-reference.js";

const data = randomColumns(700, 5);
const rows = rowsOf(data);
const names = Object.keys(data);

const valueKey = (v: unknown): string =>
  v === null ? "null" : typeof v === "number" && Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "number:0" : `${typeof v}:${String(v)}`;

/** pandas' drop_duplicates(subset, keep): the kept rows in row order. */
function reference(src: readonly Row[], subset: readonly string[], keep: "first" | "last"): Row[] {
  const at = new Map<string, number>();
  src.forEach((r, i) => {
    const s = subset.map((c) => valueKey(r[c])).join("|");
    if (keep === "last" || !at.has(s)) at.set(s, i);
  });
  return [...at.values()].sort((a, b) => a - b).map((i) => src[i]);
}

describe("dropDuplicates", () => {
  for (const nparts of [1, 3, 40]) {
    for (const subset of [["g"], ["k", "b"], ["f"], ["s", "g"]]) {
      it(`subset [${subset.join(", ")}], ${nparts} partitions: first and last, in row order`, async () => {
        const df = frameOf(data, nparts);
        const first = df.dropDuplicates(subset), last = df.dropDuplicates(subset, { keep: "last" });
        expect(first.npartitions).toBe(1);
        assertFrameEqual(await first.compute(), columnsOf(reference(rows, subset, "first"), names));
        assertFrameEqual(await last.compute(), columnsOf(reference(rows, subset, "last"), names));
      });
    }
  }

  it("compares every column by default", async () => {
    const dup = { a: [1, 1, null, null, 2, 1], b: ["x", "x", null, null, "y", "z"] };
    assertFrameEqual(await dd.fromColumns(dup, { npartitions: 4 }).dropDuplicates().compute(), { a: [1n, null, 2n, 1n], b: ["x", null, "y", "z"] });
    const df = frameOf(data, 6).select(["k", "b"]);
    assertFrameEqual(await df.dropDuplicates().compute(), columnsOf(reference(rows, ["k", "b"], "first"), ["k", "b"]));
  });

  for (const keep of ["first", "last"] as const) {
    it(`shuffles by the subset with splitOut (keep ${keep}): each partition in row order, together the reference`, async () => {
      const df = frameOf(data, 13).dropDuplicates(["k", "g"], { keep, splitOut: 4 });
      expect(df.npartitions).toBe(4);
      const got = tableToColumns(await df.compute());
      const back = referenceSort(rowsOf(got), ["i"], [true]);
      expect(columnsOf(back, names)).toEqual(columnsOf(reference(rows, ["k", "g"], keep), names));
    });
  }

  it("works with empty partitions and keeps partition order across the tree", async () => {
    const df = dd.fromColumns({ k: [3, 1, 3, 2, 1, 2, 3], i: [0, 1, 2, 3, 4, 5, 6] }, { npartitions: 7 }).filter(dd.col("i").ne(2).and(dd.col("i").ne(3)));
    assertFrameEqual(await df.dropDuplicates("k").compute(), { k: [3n, 1n, 2n], i: [0n, 1n, 5n] });
    assertFrameEqual(await df.dropDuplicates("k", { keep: "last" }).compute(), { k: [1n, 2n, 3n], i: [4n, 5n, 6n] });
    assertFrameEqual(await df.filter(dd.col("i").gt(99)).dropDuplicates("k").compute(), { k: [], i: [] });
  });

  it("gives the same answer inline and on threads", async () => {
    const df = frameOf(data, 17).dropDuplicates(["g", "b"], { keep: "last" });
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await df.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("moves a filter on the subset below it, not one on other columns; narrows the read to what is used", () => {
    const df = frameOf(data, 3).dropDuplicates(["g"]);
    const text = df.filter(dd.col("g").eq("x").and(dd.col("f").gt(0))).select(["i"]).explain();
    expect(text).toMatch(/== Optimized plan ==\nProject \[i\]\n\s+Filter f > 0\n\s+DropDuplicates subset=\[g\] keep=first\n\s+Scan .*columns=\[i, g, f\] filter=g == "x"/);
  });

  it("rejects bad arguments", () => {
    const df = frameOf(data, 2);
    expect(() => df.dropDuplicates([])).toThrow(/subset is empty/);
    expect(() => df.dropDuplicates("zz")).toThrow(/zz/);
    expect(() => df.dropDuplicates("g", { keep: false as unknown as "first" })).toThrow(/keep must be "first" or "last"/);
    expect(() => df.dropDuplicates("g", { splitOut: 0 })).toThrow(/splitOut/);
  });
});
