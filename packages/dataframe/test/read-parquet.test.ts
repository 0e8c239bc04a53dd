/** dd.readParquet: schema from footers, partitions of row groups, projection, statistics pruning, errors. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { writeParquet } from "@dusk/io";
import { columnFromValues, type Batch } from "@dusk/kernels";
import { dtypes } from "@dusk/core";
import { assertFrameEqual, groupByDataset } from "@dusk/testing";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-read-parquet-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function caught(f: () => unknown): Promise<dd.DuskError> {
  try { await f(); } catch (e) { if (dd.isDuskError(e)) return e; throw e; }
  throw new Error("expected a DuskError");
}

const g = groupByDataset({ rows: 8000, groups: 40, naFraction: 0.05, seed: 21 });
const base = dd.fromColumns(g.columns, { npartitions: 4 });

describe("readParquet", () => {
  it("reads back what toParquet wrote: every file a partition, same rows and dtypes", async () => {
    const out = join(dir, "g1");
    await base.toParquet(out, { compression: "zstd" });
    const df = dd.readParquet(out);
    expect(df.columns).toEqual(base.columns);
    expect(df.dtypes).toEqual(base.dtypes);
    expect(df.npartitions).toBe(4);
    assertFrameEqual(await df.compute(), await base.compute(), { rtol: 0, atol: 0 });
    const q = (f: dd.DataFrame) => f.filter(dd.col("v2").ge(8)).groupBy(["id1", "id4"]).agg({ v3: ["sum", "mean"], n: dd.count() });
    assertFrameEqual(await q(df).compute(), await q(base).compute());
    expect(await df.length()).toBe(8000);
  });

  it("skips row groups by statistics, for filters option and .filter alike, and filters the rows exactly", async () => {
    // sorted by v3 in row groups of 500 rows: a range on v3 touches few of them
    const n = 6000;
    const v3 = Float64Array.from({ length: n }, (_, i) => i / 10);
    const id = Array.from({ length: n }, (_, i) => `k${i % 13}`);
    const batch: Batch = { names: ["v3", "id"], columns: [columnFromValues(dtypes.float64, v3), columnFromValues(dtypes.utf8, id)], length: n };
    const path = join(dir, "sorted.parquet");
    await writeParquet(batch, path, { rowGroupSize: 500 });
    const all = dd.readParquet(path, { blocksize: 1 }); // a partition per row group
    expect(all.npartitions).toBe(12);
    const viaFilter = all.filter(dd.col("v3").ge(100).and(dd.col("v3").lt(150)));
    expect(viaFilter.explain()).toMatch(/scan: 12 tasks, 1 of 12 row groups/);
    const viaOption = dd.readParquet(path, { blocksize: 1, filters: [["v3", ">=", 100], ["v3", "<", 150]] });
    expect(viaOption.explain()).toMatch(/scan: 12 tasks, 1 of 12 row groups/);
    const expected = { v3: [...v3].filter((x) => x >= 100 && x < 150), id: id.filter((_, i) => v3[i] >= 100 && v3[i] < 150) };
    assertFrameEqual(await viaFilter.compute(), expected);
    assertFrameEqual(await viaOption.compute(), expected);
    // a condition statistics cannot decide reads everything, and still filters
    const other = dd.readParquet(path, { filters: [["id", "in", ["k3"]], ["v3", "!=", null]] });
    expect((await other.compute()).numRows).toBe(id.filter((k) => k === "k3").length);
    expect(dd.readParquet(path, { blocksize: 1 }).filter(dd.col("v3").gt(1e9)).explain()).toMatch(/0 of 12 row groups/);
    expect(await dd.readParquet(path).filter(dd.col("v3").gt(1e9)).length()).toBe(0);
  });

  it("answers length() from the footers, reading no data", async () => {
    const out = join(dir, "len");
    const paths = await base.toParquet(out);
    const df = dd.readParquet(out).select(["v1"]).assign({ w: dd.col("v1").mul(2) }).limit(7000);
    for (const p of paths) writeFileSync(p, "gone"); // reading any data now would fail
    expect(await df.length()).toBe(7000);
    expect(await dd.fromColumns(g.columns, { npartitions: 3 }).length()).toBe(8000);
    await expect(dd.readParquet(join(dir, "g1")).filter(dd.col("v1").gt(1)).length()).resolves.toBeLessThan(8000);
  });

  it("reads only the columns asked for, in that order", async () => {
    const df = dd.readParquet(join(dir, "g1"), { columns: ["v3", "id1"] });
    expect(df.columns).toEqual(["v3", "id1"]);
    assertFrameEqual(await df.compute(), await base.select(["v3", "id1"]).compute(), { rtol: 0, atol: 0 });
  });

  it("names the file and what is wrong: missing column, other schema, not Parquet, bad filters", async () => {
    expect((await caught(() => dd.readParquet(join(dir, "g1"), { columns: ["nope"] }))).code).toBe("COLUMN_NOT_FOUND");
    const mixed = join(dir, "mixed");
    await base.toParquet(mixed);
    await base.select(["id1", "v1"]).toParquet(join(mixed, "extra-*.parquet"));
    const e = await caught(() => dd.readParquet(mixed));
    expect(e.code).toBe("SCHEMA_MISMATCH");
    // the first file (by path) has fewer columns than the others: not silently dropped
    expect(e.message).toMatch(/mixed\/part-00000\.parquet has columns "id2", "id3", .* too, but .*mixed\/extra-00000\.parquet .* has id1: utf8, v1: int64; .*pass columns/);
    expect(await dd.readParquet(mixed, { columns: ["id1", "v1"] }).length()).toBe(16_000);
    const bogus = join(dir, "bogus.parquet");
    writeFileSync(bogus, "id,v\n1,2\n");
    expect((await caught(() => dd.readParquet(bogus))).message).toContain("bogus.parquet");
    expect((await caught(() => dd.readParquet(join(dir, "g1"), { filters: [["v1", "~", 3]] as never }))).code).toBe("INVALID_ARGUMENT");
    expect((await caught(() => dd.readParquet(join(dir, "none-*.parquet")))).code).toBe("EMPTY_GLOB");
  });
});
