// writeCsvFile on the local disk: whole and chunked writes, gzip, and failures that leave nothing
// behind (a value that cannot be written midway, a directory that cannot be made, a target that
// cannot be replaced). Files are read back the way readCsv reads them (planCsvRead + readCsvBlock).
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { dtypes, isDuskError } from "@dusk/core";
import { columnFromValues, type Batch } from "@dusk/kernels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planCsvRead, readCsvBlock, writeCsvFile, type WriteCsvFileOptions } from "../../src/csv/index.js";
import { formatCsv, formatCsvChunks } from "../../src/csv/write-format.js";
import { batchOf, dictColumn, dtypeOptions, expectSameBatch, floatColumn, rng } from "./helpers.js";

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "dusk-csv-write-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** A batch of `n` rows; under quoting "none" row `bad` (if any) cannot be written (its string holds the separator). */
function batch(n: number, bad = -1): Batch {
  const next = rng(n);
  return batchOf({
    id: dictColumn(["id001", "id002", "x y"], Array.from({ length: n }, () => Math.floor(next() * 4) - 1)),
    s: columnFromValues(dtypes.utf8, Array.from({ length: n }, (_, i) => (i === bad ? "a,b" : `row ${i} ü`))),
    v: columnFromValues(dtypes.int64, Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : BigInt(i) * 1000000007n))),
    f: floatColumn(Array.from({ length: n }, () => (next() - 0.5) * 1e6)),
  });
}

/** The file read back as readCsv reads it: planned, then every block parsed. */
async function readFile2(path: string, b: Batch): Promise<Batch> {
  const plan = planCsvRead(path, { dtype: dtypeOptions(b), blocksize: null });
  expect(plan.blocks.length).toBe(1);
  return readCsvBlock(plan.blocks[0], plan.read);
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isDuskError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return expect.fail("expected a rejection");
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe("writeCsvFile", () => {
  it("writes a small batch in one piece, and says what it wrote", async () => {
    const b = batch(100);
    const path = join(dir, "out.csv");
    const r = await writeCsvFile(b, path);
    const bytes = await readFile(path);
    expect(r).toEqual({ path, rows: 100, bytes: bytes.length });
    expect(same(bytes, formatCsv(b))).toBe(true);
    expectSameBatch(await readFile2(path, b), b, "small");
    expect(await readdir(dir)).toEqual(["out.csv"]);
  });

  it("writes a large batch chunk by chunk, creating parent directories, replacing an old file", async () => {
    const b = batch(30000);
    const path = join(dir, "a", "b", "out.csv");
    await mkdir(join(dir, "a", "b"), { recursive: true });
    await writeFile(path, "old");
    const r = await writeCsvFile(b, path, { chunkBytes: 4096, sep: ";", quoting: "nonnumeric" });
    const bytes = await readFile(path);
    expect(r.bytes).toBe(bytes.length);
    expect([...formatCsvChunks(b, { sep: ";", quoting: "nonnumeric" }, { chunkBytes: 4096 })].length).toBeGreaterThan(2);
    expect(same(bytes, formatCsv(b, { sep: ";", quoting: "nonnumeric" }))).toBe(true);
    const plan = planCsvRead(path, { sep: ";", dtype: dtypeOptions(b), blocksize: null });
    expectSameBatch(await readCsvBlock(plan.blocks[0], plan.read), b, "chunked");
    expect(await readdir(join(dir, "a", "b"))).toEqual(["out.csv"]);
  });

  it("gzips by extension or by option (one stream, small or chunked), and not when compression is null", async () => {
    const small = batch(50), large = batch(30000);
    const cases: [Batch, string, WriteCsvFileOptions, boolean][] = [
      [small, "s.csv.gz", {}, true], [large, "l.csv.gz", { chunkBytes: 4096 }, true], [small, "s.csv", { compression: "gzip" }, true],
      [large, "l.txt", { compression: "gzip", chunkBytes: 100000 }, true], [small, "n.csv.gz", { compression: null }, false],
    ];
    for (const [b, name, options, gz] of cases) {
      const path = join(dir, name);
      const r = await writeCsvFile(b, path, options);
      const bytes = await readFile(path);
      expect(r.bytes, name).toBe(bytes.length);
      expect(bytes[0] === 0x1f && bytes[1] === 0x8b, name).toBe(gz);
      expect(same(gz ? gunzipSync(bytes) : bytes, formatCsv(b)), name).toBe(true);
      if (gz && name.endsWith(".gz")) expectSameBatch(await readFile2(path, b), b, name);
    }
    expect((await stat(join(dir, "l.csv.gz"))).size).toBeLessThan(formatCsv(large).length / 2);
  });

  for (const name of ["out.csv", "out.csv.gz"]) {
    it(`leaves the old file and no temporary file when a value fails midway (${name})`, async () => {
      const b = batch(30000, 25000);
      // the first two chunks are made before the bad row's: the file was opened and written to
      const chunks = formatCsvChunks(b, { quoting: "none" }, { chunkBytes: 1000 });
      expect(chunks.next().done).toBe(false);
      expect(chunks.next().done).toBe(false);
      expect(() => [...chunks]).toThrow(/row 25000/);

      const path = join(dir, name);
      await writeFile(path, "old");
      const e = await rejection(writeCsvFile(b, path, { quoting: "none", chunkBytes: 1000 }));
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.message).toContain(`toCsv ${path}: column "s", row 25000: the value "a,b" contains the separator ","`);
      expect(await readFile(path, "utf8")).toBe("old");
      expect(await readdir(dir)).toEqual([name]);

      await rm(path);
      await rejection(writeCsvFile(b, path, { quoting: "none", chunkBytes: 1000 }));
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it("fails without a trace when the target directory cannot be made", async () => {
    await writeFile(join(dir, "file"), "x");
    for (const [b, chunkBytes] of [[batch(10), undefined], [batch(30000), 4096]] as const) {
      const path = join(dir, "file", "sub", "out.csv");
      const e = await rejection(writeCsvFile(b, path, { chunkBytes }));
      expect(["IO_ERROR", "NOT_FOUND"]).toContain(e.code);
      expect(e.message).toContain(join(dir, "file"));
      expect(await readdir(dir)).toEqual(["file"]);
      expect(await readFile(join(dir, "file"), "utf8")).toBe("x");
    }
  });

  it("fails without a trace when the target cannot be replaced (a directory is there), after writing everything", async () => {
    const path = join(dir, "taken");
    await mkdir(path);
    await writeFile(join(path, "keep"), "k");
    for (const [b, chunkBytes] of [[batch(10), undefined], [batch(30000), 4096]] as const) {
      const e = await rejection(writeCsvFile(b, path, { chunkBytes }));
      expect(e.code).toBe("IO_ERROR");
      expect(e.message).toContain(path);
      expect(await readdir(dir)).toEqual(["taken"]);
      expect(await readdir(path)).toEqual(["keep"]);
    }
  });

  it("checks options before touching the disk", async () => {
    const path = join(dir, "new", "out.csv");
    const bad: WriteCsvFileOptions[] = [{ compression: "zip" as never }, { sep: "::" }, { chunkBytes: -1 }, { quoting: "never" as never }];
    for (const options of bad) {
      const e = await rejection(writeCsvFile(batch(10), path, options));
      expect(e.code, JSON.stringify(options)).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(new RegExp(`^toCsv ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("writes a batch without rows as its header, and one without columns as an empty file", async () => {
    const empty = batchOf({ a: columnFromValues(dtypes.int8, []), b: columnFromValues(dtypes.utf8, []) });
    expect(await writeCsvFile(empty, join(dir, "e.csv"))).toMatchObject({ rows: 0, bytes: 4 });
    expect(await readFile(join(dir, "e.csv"), "utf8")).toBe("a,b\n");
    expect(await writeCsvFile({ names: [], columns: [], length: 0 }, join(dir, "none.csv.gz"))).toMatchObject({ rows: 0 });
    expect(gunzipSync(await readFile(join(dir, "none.csv.gz"))).length).toBe(0);
  });
});
