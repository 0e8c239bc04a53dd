/** dd.concat: rows of every frame in order, partitions appended, common types, schema errors naming frame and column. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { columnsOf, frameOf, randomColumns, referenceSort, rowsOf } from "./helpers/sort-reference.js";

const a = randomColumns(300, 5), b = randomColumns(170, 6), c = randomColumns(3, 7);
const names = Object.keys(a);
const all = [...rowsOf(a), ...rowsOf(b), ...rowsOf(c)];

describe("dd.concat", () => {
  for (const [pa, pb, pc] of [[1, 1, 1], [3, 17, 5], [17, 3, 1]] as const) {
    it(`stacks rows in order, ${pa} + ${pb} + ${pc} partitions (some empty)`, async () => {
      const df = dd.concat([frameOf(a, pa), frameOf(b, pb), frameOf(c, pc)]);
      expect(df.npartitions).toBe(pa + pb + pc);
      expect(df.columns).toEqual(names);
      assertFrameEqual(await df.compute(), columnsOf(all, names));
    });
  }

  it("filters and sorts the stacked frame (the filter moves below the concat)", async () => {
    const df = dd.concat([frameOf(a, 4), frameOf(b, 3)]).filter(dd.col("k").ne(7)).sortValues(["g", "i"], { ascending: [true, false] });
    expect(df.explain()).toMatch(/Optimized[\s\S]*Concat 2 frames\n\s+Scan .* filter=k != 7/);
    const kept = [...rowsOf(a), ...rowsOf(b)].filter((r) => r.k !== null && r.k !== 7);
    assertFrameEqual(await df.compute(), columnsOf(referenceSort(kept, ["g", "i"], [true, false]), names));
  });

  it("stacks a frame with itself and casts to common types (int32 + int64 → int64, int + float → float64)", async () => {
    const x = dd.fromColumns({ n: [1, 2], v: [1, 2] }, { dtypes: { n: "int32", v: "int32" } });
    const y = dd.fromColumns({ n: [3n], v: [0.5] }, { dtypes: { n: "int64", v: "float64" } });
    const df = dd.concat([x, y, x]);
    expect(df.dtypes).toEqual({ n: "int64", v: "float64" });
    assertFrameEqual(await df.compute(), { n: [1n, 2n, 3n, 1n, 2n], v: [1, 2, 0.5, 1, 2] });
    const twice = dd.concat([frameOf(c, 2), frameOf(c, 2)]);
    assertFrameEqual(await twice.compute(), columnsOf([...rowsOf(c), ...rowsOf(c)], names));
  });

  it("gives the same answer inline and on threads", async () => {
    const df = dd.concat([frameOf(a, 3), frameOf(b, 2)]).select("s", "big");
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await df.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("names the frame and the column when schemas differ", () => {
    const x = dd.fromColumns({ n: [1], s: ["a"] });
    expect(() => dd.concat([x, dd.fromColumns({ n: [1], t: ["a"] })])).toThrow(/frame 1 has column "t" where frame 0 has "s"/);
    expect(() => dd.concat([x, x, dd.fromColumns({ n: [1] })])).toThrow(/frame 2 has no column 1 \(frame 0 has "s"\)/);
    expect(() => dd.concat([x, dd.fromColumns({ n: ["1"], s: ["a"] })])).toThrow(/column "n" is utf8 in frame 1 but int64/);
    expect(() => dd.concat([])).toThrow(/at least one frame/);
    let error: unknown;
    try { dd.concat([x, dd.fromColumns({ s: [1], n: ["a"] })]); } catch (e) { error = e; }
    expect(dd.isDuskError(error, "SCHEMA_MISMATCH")).toBe(true);
    expect((error as dd.DuskError).details).toEqual({ frame: 1, column: "s" });
  });
});
