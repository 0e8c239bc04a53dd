/** dd.readCsv end to end: partitioning by the newline rule, globs, gzip, pushdown, and errors naming file and line. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, csvText, groupByDataset, Rng, type CsvTextOptions } from "@dusk/testing";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-read-csv-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function write(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function caught(f: () => unknown): Promise<dd.DuskError> {
  try { await f(); } catch (e) { if (dd.isDuskError(e)) return e; throw e; }
  throw new Error("expected a DuskError");
}

/** Mixed columns with nulls, quotes, separators, multi-byte text and int64 past 2^53. */
function mixed(rows: number, seed: number) {
  const rng = new Rng(seed);
  const words = ["plain", "with,comma", 'say "hi"', "日本語", "émoji 🙂", " padded ", "x"];
  return {
    k: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : words[rng.int(0, words.length - 1)])),
    i: Array.from({ length: rows }, (_, j) => (rng.chance(0.1) ? null : 2n ** 60n + BigInt(j * 7919))),
    f: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : (rng.int(-1e6, 1e6) / 1000) * 1.5)),
    b: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : rng.chance(0.5))),
  };
}

describe("readCsv", () => {
  const data = mixed(2000, 5);
  const expected = { k: data.k, i: data.i, f: data.f, b: data.b };

  for (const [label, opts] of [
    ["LF", {}], ["CRLF with a BOM", { lineEnding: "\r\n", bom: true }], ["no trailing newline", { trailingNewline: false }],
    ["every field quoted", { quoteAll: true }],
  ] as [string, CsvTextOptions][]) {
    it(`reads the same rows at any blocksize (${label})`, async () => {
      const path = write(`mixed-${label.replace(/\W+/g, "-")}.csv`, csvText(data, opts));
      for (const blocksize of [null, 97, 1000, 4096, "64MB"] as const) {
        const df = dd.readCsv(path, { blocksize });
        expect(df.dtypes).toEqual({ k: "utf8", i: "int64", f: "float64", b: "bool" });
        assertFrameEqual(await df.compute(), expected);
      }
      expect(dd.readCsv(path, { blocksize: 1000 }).npartitions).toBeGreaterThan(40);
    });
  }

  it("reads a glob of files in path order, each file its own partitions", async () => {
    const g = groupByDataset({ rows: 4000, groups: 20, seed: 3 });
    const parts = 4, per = 1000;
    const cols = Object.keys(g.columns) as (keyof typeof g.columns)[];
    for (let p = 0; p < parts; p++) {
      const slice = Object.fromEntries(cols.map((c) => [c, g.columns[c].slice(p * per, (p + 1) * per)]));
      write(`glob/part-${p}.csv`, csvText(slice));
    }
    write("glob/_SUCCESS", "");
    const df = dd.readCsv(join(dir, "glob/*.csv"), { blocksize: 8000 });
    expect(df.npartitions).toBeGreaterThan(parts);
    assertFrameEqual(await df.compute(), g.columns);
    const q = (f: dd.DataFrame) => f.filter(dd.col("v1").ge(3)).groupBy(["id1", "id4"]).agg({ v3: ["sum", "mean"], n: dd.count() });
    assertFrameEqual(await q(df).compute(), await q(dd.fromColumns(g.columns, { npartitions: 3 })).compute());
    assertFrameEqual(await dd.readCsv(join(dir, "glob")).compute(), g.columns); // a directory: every visible file
  });

  it("reads gzip files whole, one partition each", async () => {
    const text = csvText(data);
    const a = write("gz/a.csv.gz", gzipSync(text));
    write("gz/b.csv.gz", gzipSync(text));
    const df = dd.readCsv(join(dir, "gz/*.csv.gz"), { blocksize: 1000 });
    expect(df.npartitions).toBe(2);
    const t = await df.compute();
    expect(t.numRows).toBe(4000);
    assertFrameEqual(await dd.readCsv(a).compute(), expected);
    const plain = write("gz/not-gzip.csv.gz", text);
    expect((await caught(() => dd.readCsv(plain))).message).toMatch(/not-gzip\.csv\.gz: not a gzip file.*compression: null/);
  });

  it("parses only the columns used and pushes filters into the read", async () => {
    const path = write("pushdown.csv", csvText(data));
    const df = dd.readCsv(path, { blocksize: 4096 }).filter(dd.col("i").gt(2n ** 60n + 10_000_000n)).select(["k", "f"]);
    expect(df.explain()).toMatch(/Scan csv\[1 file, \d+ partitions\] columns=\[k, f\] filter=/);
    const keep = data.i.map((v) => v !== null && v > 2n ** 60n + 10_000_000n);
    assertFrameEqual(await df.compute(), { k: data.k.filter((_, j) => keep[j]), f: data.f.filter((_, j) => keep[j]) });
  });

  it("takes the reader options: sep, dtype, parseDates, naValues, usecols, skiprows, comment", async () => {
    const text = "exported by hand, 2024\n# a comment\nday;n;label;extra\n2024-01-02;1;a;x\n2024-02-29;-;b;y\n# a comment\n2024-03-01;3;-;z\n";
    const path = write("options.csv", text);
    const df = dd.readCsv(path, {
      sep: ";", skiprows: 1, comment: "#", parseDates: ["day"], naValues: ["-"], usecols: ["day", "n", "label"], dtype: { n: "int32" },
    });
    expect(df.dtypes).toEqual({ day: "date32", n: "int32", label: "utf8" });
    const t = await df.compute();
    expect(t.getChild("n")!.toArray()).toEqual(Int32Array.from([1, 0, 3]));
    expect(t.getChild("n")!.nullCount).toBe(1);
    expect([...t.getChild("label")!]).toEqual(["a", "b", null]);
    expect(t.getChild("day")!.get(1)).toBe(Date.UTC(2024, 1, 29));
  });

  it("a value of another type in a later partition names the file, the true line, the column and the dtype to pass", async () => {
    const n = 5000;
    const v = Array.from({ length: n }, (_, j) => String(j));
    v[4321] = "4321.5";
    const path = write("mismatch.csv", csvText({ id: Array.from({ length: n }, (_, j) => `r${j}`), v }));
    const df = dd.readCsv(path, { blocksize: 2048, sampleSize: 1024 });
    expect(df.dtypes.v).toBe("int64");
    const e = await caught(() => df.compute());
    expect(e.code).toBe("SCHEMA_MISMATCH");
    expect(e.message).toContain(`${path} line 4323, column "v": "4321.5" is not an int64; pass dtype: { v: "float64" }`);
    const fixed = await dd.readCsv(path, { blocksize: 2048, dtype: { v: "float64" } }).compute();
    expect(fixed.getChild("v")!.get(4321)).toBe(4321.5);
  });

  it("a row with the wrong field count in a later partition names the true line; onBadLines skip drops it", async () => {
    const lines = ["a,b", ...Array.from({ length: 3000 }, (_, j) => `${j},${j * 2}`)];
    lines[2500] = "2499,4998,extra";
    const path = write("bad-line.csv", lines.join("\r\n") + "\r\n");
    const e = await caught(() => dd.readCsv(path, { blocksize: 1500 }).compute());
    expect(e.code).toBe("CSV_BAD_LINE");
    expect(e.message).toMatch(new RegExp(`${path.replace(/[.\\/]/g, "\\$&")} line 2501: expected 2 fields, (found|saw|got) 3`));
    expect(await dd.readCsv(path, { blocksize: 1500, onBadLines: "skip" }).length()).toBe(2999);
  });

  it("a line break inside quotes on a partition boundary fails with the blocksize: null advice; blocksize null reads it", async () => {
    const notes = Array.from({ length: 400 }, (_, j) => (j % 3 === 0 ? `first line ${j}\nsecond line, still quoted` : `note ${j}`));
    const path = write("multiline.csv", csvText({ id: notes.map((_, j) => j), note: notes }));
    const e = await caught(() => dd.readCsv(path, { blocksize: 700 }).compute());
    expect(e.code).toBe("CSV_PARSE_ERROR");
    expect(e.message).toMatch(/multiline\.csv line \d+: a quoted field starting on this line runs past the end of its partition.*blocksize: null/);
    assertFrameEqual(await dd.readCsv(path, { blocksize: null }).compute(), { id: notes.map((_, j) => BigInt(j)), note: notes });
  });

  it("files with other columns than the first are an error naming both", async () => {
    write("hdr/a.csv", "x,y\n1,2\n");
    write("hdr/b.csv", "x,z\n1,2\n");
    const e = await caught(() => dd.readCsv(join(dir, "hdr/*.csv")).compute());
    expect(e.code).toBe("SCHEMA_MISMATCH");
    expect(e.message).toMatch(/hdr\/b\.csv has columns "x", "z", but .*hdr\/a\.csv .* has "x", "y"/);
  });

  it("missing files, empty globs, empty files and bad options are clear errors", async () => {
    expect((await caught(() => dd.readCsv(join(dir, "nope.csv")))).code).toBe("NOT_FOUND");
    expect((await caught(() => dd.readCsv(join(dir, "nothing-*.csv")))).code).toBe("EMPTY_GLOB");
    const empty = write("empty.csv", "");
    expect((await caught(() => dd.readCsv(empty))).message).toMatch(/empty\.csv is empty: there are no columns to read; pass names/);
    const named = dd.readCsv(empty, { names: ["a", "b"] });
    expect(named.columns).toEqual(["a", "b"]);
    expect(await named.length()).toBe(0);
    expect((await caught(() => dd.readCsv(empty, { blocksize: "lots" }))).message).toMatch(/blocksize must be a positive number of bytes/);
    expect((await caught(() => dd.readCsv(empty, { compression: "zip" as never }))).message).toMatch(/compression must be "infer", "gzip" or null/);
  });

  it("gives the same answers inline and on threads", async () => {
    const path = write("engines.csv", csvText(data));
    const q = dd.readCsv(path, { blocksize: 5000 }).groupBy("k").agg({ f: "sum", i: "max", n: dd.count() });
    const onThreads = await q.compute();
    const prev = dd.config.set({ scheduler: "inline" });
    try {
      assertFrameEqual(await q.compute(), onThreads);
    } finally {
      dd.config.set(prev);
    }
  });
});
