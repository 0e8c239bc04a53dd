/**
 * groupBy(keys).nlargest / nsmallest against a plain-JS reference on random data (null keys, a key
 * holding half the rows, null/NaN/-0 values, int64 beyond 2^53), over one, several and many
 * partitions, empty partitions, a shuffle by key (splitOut), on worker threads and inline.
 */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, tableToColumns } from "@dusk/testing";
import { columnsOf, frameOf, randomColumns, referenceSort, rowsOf, type Row } from "./helpers/sort-reference.js";

const data = randomColumns(600, 71);
const rows = rowsOf(data);
const names = Object.keys(data);

const missing = (v: unknown): boolean => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
const keyString = (r: Row, keys: readonly string[]): string => JSON.stringify(keys.map((k) => (r[k] === null ? null : String(r[k]))));

/** pandas' `dropna(subset=[col]).sort_values(col).groupby(keys).head(n)`, then sorted by keys (null keys last or dropped). */
function reference(src: readonly Row[], keys: readonly string[], col: string, n: number, largest: boolean, dropna = true): Row[] {
  const ranked = referenceSort(src.filter((r) => !missing(r[col]) && !(dropna && keys.some((k) => r[k] === null))), [col], [!largest]);
  const seen = new Map<string, number>();
  const kept = ranked.filter((r) => {
    const s = keyString(r, keys);
    const c = seen.get(s) ?? 0;
    seen.set(s, c + 1);
    return c < n;
  });
  return referenceSort(kept, keys, keys.map(() => true));
}

describe("groupBy().nlargest and nsmallest", () => {
  for (const nparts of [1, 4, 23]) {
    for (const [keys, col, n] of [[["g"], "f", 2], [["k"], "big", 1], [["g", "b"], "i", 3], [["k"], "f", 5]] as const) {
      it(`by [${keys.join(", ")}] top ${n} of ${col}, ${nparts} partitions`, async () => {
        const df = frameOf(data, nparts);
        const large = df.groupBy([...keys]).nlargest(n, col);
        const small = df.groupBy([...keys]).nsmallest(n, col, { columns: "all" });
        expect(large.columns).toEqual([...keys, col]);
        expect(large.npartitions).toBe(1);
        assertFrameEqual(await large.compute(), columnsOf(reference(rows, keys, col, n, true), [...keys, col]));
        assertFrameEqual(await small.compute(), columnsOf(reference(rows, keys, col, n, false), names));
      });
    }
  }

  it("keeps null keys as a group with dropna: false", async () => {
    const df = frameOf(data, 5).groupBy("g", { dropna: false }).nlargest(2, "f", { columns: "all" });
    assertFrameEqual(await df.compute(), columnsOf(reference(rows, ["g"], "f", 2, true, false), names));
  });

  it("shuffles by key with splitOut: each key in one partition, each partition in key then rank order", async () => {
    const df = frameOf(data, 9).groupBy("k", { splitOut: 3 }).nlargest(2, "f", { columns: "all" });
    expect(df.npartitions).toBe(3);
    const got = tableToColumns(await df.compute());
    const back = referenceSort(rowsOf(got), ["k"], [true]); // stable: rank order within each key stays
    expect(columnsOf(back, names)).toEqual(columnsOf(reference(rows, ["k"], "f", 2, true), names));
  });

  it("works with empty partitions and ties across partitions (the earlier row wins)", async () => {
    const df = dd.fromColumns({ id: [1, 1, 2, 1, 2, 1, 2, 1], v: [5, 7, 3, 7, 3, 7, 1, 0], i: [0, 1, 2, 3, 4, 5, 6, 7] }, { npartitions: 6 })
      .filter(dd.col("i").ge(1).and(dd.col("i").le(5)));
    assertFrameEqual(await df.groupBy("id").nlargest(2, "v", { columns: "all" }).compute(), { id: [1n, 1n, 2n, 2n], v: [7n, 7n, 3n, 3n], i: [1n, 3n, 2n, 4n] });
    assertFrameEqual(await df.filter(dd.col("i").gt(100)).groupBy("id").nlargest(2, "v").compute(), { id: [], v: [] });
  });

  it("gives the same answer inline and on threads", async () => {
    const df = frameOf(data, 11).groupBy(["g", "b"]).nsmallest(2, "big", { columns: "all" });
    const threads = tableToColumns(await df.compute());
    const prev = dd.config.set({ scheduler: "inline" });
    try { assertFrameEqual(await df.compute(), threads); } finally { dd.config.set(prev); }
  });

  it("explains as a TopN per group; a filter on keys moves below it, one on values does not", () => {
    const top = frameOf(data, 3).groupBy("g").nlargest(2, "f");
    expect(top.explain()).toMatch(/TopN 2 by=\[f desc\] per=\[g\]/);
    const opt = top.filter(dd.col("g").eq("x").and(dd.col("f").gt(0))).explain();
    expect(opt).toMatch(/== Optimized plan ==\nFilter f > 0\n\s+TopN 2 by=\[f desc\] per=\[g\]\n\s+Scan .*filter=g == "x"/);
  });

  it("rejects text ranking columns, a key as the ranked column and bad options", () => {
    const g = frameOf(data, 2).groupBy("g");
    expect(() => g.nlargest(2, "s")).toThrow(/cannot order by column "s" \(utf8\)/);
    expect(() => frameOf(data, 2).groupBy("k").nlargest(2, "k")).toThrow(/"k" is a group key/);
    expect(() => g.nlargest(-1, "f")).toThrow(/whole number/);
    expect(() => g.nlargest(2, "f", { columns: "some" as "all" })).toThrow(/columns must be/);
  });
});
