/** toCsv / toParquet: one file per partition, written by the workers, read back identically. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { readParquetMetadata, readParquetRowGroups } from "@dusk/io";
import { batchesToTable } from "@dusk/kernels";
import { assertFrameEqual, Rng } from "@dusk/testing";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-write-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function caught(f: () => unknown): Promise<dd.DuskError> {
  try { await f(); } catch (e) { if (dd.isDuskError(e)) return e; throw e; }
  throw new Error("expected a DuskError");
}

const rng = new Rng(17);
const n = 3000;
const cols = {
  s: Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : ["a", "with,comma", 'q"uote', "日本", "line\nbreak", " sp "][i % 6])),
  i64: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i % 2 ? -1n : 1n) * (2n ** 62n - BigInt(i)))),
  i32: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : rng.int(-2e9, 2e9))),
  f: Array.from({ length: n }, (_, i) => (i % 6 === 0 ? null : (rng.int(-1e9, 1e9) / 7) * 10 ** rng.int(-30, 30))),
  b: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : i % 3 === 0)),
  d: Array.from({ length: n }, (_, i) => (i % 8 === 0 ? null : new Date(Date.UTC(1900 + (i % 200), i % 12, 1 + (i % 28))))),
  t: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + i * 1234567))),
};
const df = dd.fromColumns(cols, { npartitions: 5, dtypes: { i32: "int32", d: "date32", t: "timestamp[ms]" } });

describe("toCsv", () => {
  it("writes one file per partition that reads back identically", async () => {
    const out = join(dir, "csv");
    const paths = await df.toCsv(out);
    expect(paths).toEqual([0, 1, 2, 3, 4].map((i) => join(out, `part-0000${i}.csv`)));
    expect(readdirSync(out).sort()).toEqual(paths.map((p) => p.slice(out.length + 1)));
    const back = dd.readCsv(join(out, "*.csv"), { dtype: df.dtypes, blocksize: null });
    expect(back.npartitions).toBe(5);
    assertFrameEqual(await back.compute(), await df.compute(), { rtol: 0, atol: 0 });
  });

  it("takes a pattern with one *, gzip, and the text options; rejects two *", async () => {
    const paths = await df.filter(dd.col("b")).toCsv(join(dir, "gz/export-*.csv.gz"), { sep: ";" });
    expect(paths[0]).toBe(join(dir, "gz/export-00000.csv.gz"));
    const back = dd.readCsv(join(dir, "gz/*.csv.gz"), { sep: ";", dtype: df.dtypes });
    assertFrameEqual(await back.compute(), await df.filter(dd.col("b")).compute(), { rtol: 0, atol: 0 });
    expect((await caught(() => df.toCsv(join(dir, "x-*-*.csv")))).message).toMatch(/one "\*"/);
  });

  it("strings equal to null strings read back as themselves with quotedNa: false", async () => {
    const words = ["NA", "", "null", "None", "N/A", "x", null];
    const frame = dd.fromColumns({ s: Array.from({ length: 70 }, (_, i) => words[i % words.length]), i: Array.from({ length: 70 }, (_, i) => i) }, { npartitions: 2 });
    const out = join(dir, "nulls");
    await frame.toCsv(out);
    const exact = await dd.readCsv(join(out, "*.csv"), { quotedNa: false }).compute();
    assertFrameEqual(exact, await frame.compute(), { rtol: 0, atol: 0 });
    // by default (pandas' rule) the quoted null strings are nulls too
    const lossy = (await dd.readCsv(join(out, "*.csv")).compute()).getChild("s")!.toArray();
    expect(lossy.slice(0, 7)).toEqual(["NA", "", "null", "None", "N/A", "x", null].map((w) => (w === "x" ? "x" : null)));
  });

  it("a partition that cannot be written fails naming its file and leaves no partial file", async () => {
    const blocked = join(dir, "blocked");
    writeFileSync(blocked, "a file where a directory should be");
    const e = await caught(() => df.toCsv(join(blocked, "sub")));
    expect(e.message).toContain(join(blocked, "sub", "part-0000"));
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});

describe("toParquet", () => {
  for (const compression of ["snappy", "zstd"] as const) {
    it(`writes one ${compression} file per partition with every dtype exact`, async () => {
      const out = join(dir, `pq-${compression}`);
      const paths = await df.toParquet(out, { compression });
      expect(paths).toHaveLength(5);
      const batches = [];
      for (const p of paths) {
        const meta = await readParquetMetadata(p);
        expect(meta.schema.names).toEqual(df.columns);
        batches.push(await readParquetRowGroups(p, meta.rowGroups.map((_, i) => i), null));
      }
      const table = batchesToTable(batches, df.columns, df.columns.map((c) => df.schema.field(c)!.dtype));
      assertFrameEqual(table, await df.compute(), { rtol: 0, atol: 0 });
    });
  }
});
