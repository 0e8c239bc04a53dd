/** groupBy with splitOut: partial results shuffled by key into several output partitions. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, groupByDataset } from "@dusk/testing";

const g = groupByDataset({ rows: 20_000, groups: 30, naFraction: 0.03, seed: 8 });

describe("groupBy splitOut", () => {
  const df = dd.fromColumns(g.columns, { npartitions: 7 });
  const q = (splitOut: number | boolean, dropna = true) =>
    df.groupBy(["id3", "id4"], { splitOut, dropna }).agg({ v1: "sum", v3: ["mean", "std", "first", "last"], n: dd.count() });

  for (const dropna of [true, false]) {
    it(`gives the same groups as one partition, each group once (dropna ${dropna})`, async () => {
      const one = await q(1, dropna).compute();
      const split = q(4, dropna);
      expect(split.npartitions).toBe(4);
      const t = await split.compute();
      assertFrameEqual(t, one, { ignoreRowOrder: true, rtol: 1e-12 });
      // sorted by key within each output partition
      const ids = t.getChild("id3")!;
      let boundaries = 0;
      for (let i = 1; i < t.numRows; i++) {
        const a = ids.get(i - 1), b = ids.get(i);
        if (a !== null && b !== null && a > b) boundaries++;
      }
      expect(boundaries).toBeLessThanOrEqual(3);
    });
  }

  it("shows the shuffle in explain; true takes the input's partition count; whole-frame aggregates refuse it", () => {
    const text = q(3).explain();
    expect(text).toMatch(/Aggregate keys=\[id3, id4\] .* splitOut=3/);
    expect(text).toMatch(/aggregate \(shuffle-gather → aggregate-final\): 3 tasks\n\s+shuffle-split \(scan-memory → aggregate-partial → shuffle-split\): 7 tasks/);
    expect(q(true).npartitions).toBe(7);
    expect(() => df.groupBy("id1", { splitOut: 0 }).sum()).toThrow(/splitOut must be a whole number ≥ 1/);
    expect(() => df.groupBy([], { splitOut: 2 }).agg({ v1: "sum" })).toThrow(/splitOut > 1 needs group keys/);
  });
});
