// What readParquetRowGroups reads from the file system: the tail once, then only the selected
// columns' chunks of the selected row groups (nearby chunks merged into one request), never the
// whole file. The file system here is the real local one, wrapped to record each read.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { dtypes } from "@dusk/core";
import { parquetMetadata } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalFileSystem, writeParquet, type FileSystem } from "../../src/index.js";
import { chunkRange } from "../../src/parquet/chunk-range.js";
import { TAIL_BYTES } from "../../src/parquet/footer.js";
import { clearParquetMetadataCache } from "../../src/parquet/metadata-cache.js";
import { readRowGroupsWith } from "../../src/parquet/read.js";
import { batchOf, expectSameBatch, sliceValues, useTempDir } from "./helpers.js";

const tmp = useTempDir();
let path: string;
let chunks: (readonly [number, number])[][]; // [row group][column] byte spans
const ROWS = 30_000;
const values = {
  a: Array.from({ length: 3 * ROWS }, (_, i) => Math.sin(i) * 1e6),
  b: Array.from({ length: 3 * ROWS }, (_, i) => Math.cos(i) * 1e6),
  c: Array.from({ length: 3 * ROWS }, (_, i) => Math.tan(i)),
};
const types = { a: dtypes.float64, b: dtypes.float64, c: dtypes.float64 };

/** The local file system, recording every ranged read. */
function recording(): { fs: FileSystem; reads: [number, number][] } {
  const local = new LocalFileSystem();
  const reads: [number, number][] = [];
  const fs: FileSystem = {
    protocol: "file",
    info: (p) => local.info(p),
    list: (d) => local.list(d),
    read: (p, start = 0, end) => {
      reads.push([start, end ?? Number.POSITIVE_INFINITY]); // in the order asked
      return local.read(p, start, end);
    },
    write: (p, data) => local.write(p, data),
    openWrite: (p) => local.openWrite(p),
    remove: (p) => local.remove(p),
  };
  return { fs, reads };
}

beforeAll(async () => {
  path = join(tmp.dir, "wide.parquet");
  await writeParquet(batchOf(values, types), path, { compression: "uncompressed", rowGroupSize: ROWS });
  const meta = parquetMetadata(await readFile(path));
  chunks = meta.row_groups.map((rg) => rg.columns.map((c) => {
    const r = chunkRange(c.meta_data!);
    return [r.start, r.end] as const;
  }));
});

describe("the byte ranges a read fetches", () => {
  it("are the tail and one column chunk for one column of one row group", async () => {
    clearParquetMetadataCache();
    const { fs, reads } = recording();
    const info = await new LocalFileSystem().info(path);
    expect(info.size).toBeGreaterThan(2_000_000);
    const batch = await readRowGroupsWith(fs, info, [1], ["b"]);
    expectSameBatch(batch, batchOf(sliceValues({ b: values.b }, ROWS, 2 * ROWS), types));
    expect(reads).toEqual([
      [info.size - TAIL_BYTES, info.size],
      chunks[1][1],
    ]);
    const total = reads.reduce((n, [s, e]) => n + e - s, 0);
    expect(total).toBeLessThan(TAIL_BYTES + (chunks[1][1][1] - chunks[1][1][0]) + 1);
  });

  it("merge adjacent chunks into one request and keep distant ones apart", async () => {
    const { fs, reads } = recording();
    const info = await new LocalFileSystem().info(path);
    await readRowGroupsWith(fs, info, [0], ["b", "a"]);
    expect(reads.slice(1)).toEqual([[chunks[0][0][0], chunks[0][1][1]]]);
    reads.length = 0;
    await readRowGroupsWith(fs, info, [2, 0], ["c", "a"]);
    expect(reads.slice(1)).toEqual([chunks[2][0], chunks[2][2], chunks[0][0], chunks[0][2]]);
  });

  it("come from the tail alone for a small file", async () => {
    const small = join(tmp.dir, "small.parquet");
    await writeParquet(batchOf(sliceValues(values, 0, 100), types), small, { rowGroupSize: 40 });
    const { fs, reads } = recording();
    const info = await new LocalFileSystem().info(small);
    const batch = await readRowGroupsWith(fs, info, [0, 1, 2], null);
    expectSameBatch(batch, batchOf(sliceValues(values, 0, 100), types));
    expect(reads).toEqual([[0, info.size]]);
  });
});
