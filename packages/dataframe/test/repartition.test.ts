/** repartition: the same rows in the same order over fewer or more partitions. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { frameOf, randomColumns } from "./helpers/sort-reference.js";

const data = randomColumns(250, 31);

describe("repartition", () => {
  for (const [from, to] of [[1, 1], [1, 3], [3, 17], [17, 3], [17, 1], [5, 5], [4, 9]] as const) {
    it(`${from} → ${to} partitions keeps every row in order`, async () => {
      const df = frameOf(data, from).repartition({ npartitions: to });
      expect(df.npartitions).toBe(to);
      assertFrameEqual(await df.compute(), data);
      const parts = await df.persist();
      expect(parts.npartitions).toBe(to);
    });
  }

  it("splits partitions evenly by their own lengths, after a filter made some empty", async () => {
    const df = frameOf(data, 3).filter(dd.col("i").ge(100)).repartition({ npartitions: 7 });
    const out = tableToColumns(await df.compute());
    expect(out.i).toEqual(data.i.filter((i) => (i as number) >= 100));
    expect(df.explain()).toMatch(/split-rows.*: 3 tasks/);
  });

  it("gives the same answer inline and on threads, after a sort", async () => {
    const df = frameOf(data, 6).sortValues("f").repartition({ npartitions: 2 });
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await df.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("rejects a bad npartitions", () => {
    const df = frameOf(data, 2);
    expect(() => df.repartition({ npartitions: 0 })).toThrow(/whole number ≥ 1/);
    expect(() => df.repartition({} as { npartitions: number })).toThrow(/takes \{ npartitions \}/);
  });
});
