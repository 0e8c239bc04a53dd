/**
 * Files Dusk writes are read identically by another engine (DuckDB), and files DuckDB writes are
 * read identically by Dusk: Parquet (every codec we write, and DuckDB's own) and CSV.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual } from "@dusk/testing";

let dir: string;
let db: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dusk-duckdb-"));
  db = await DuckDBInstance.create(":memory:");
  con = await db.connect();
});
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const n = 2000;
const cols = {
  row: Array.from({ length: n }, (_, i) => i),
  s: Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : ["a", "with,comma", 'q"uote', "日本", "x y"][i % 5])),
  i64: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i % 2 ? -1n : 1n) * (2n ** 62n - BigInt(i)))),
  i32: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : (i * 7919) % 2_000_000_000 - 1_000_000_000)),
  f: Array.from({ length: n }, (_, i) => (i % 6 === 0 ? null : i / 7 - 100)),
  b: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : i % 3 === 0)),
  d: Array.from({ length: n }, (_, i) => (i % 8 === 0 ? null : new Date(Date.UTC(1950 + (i % 100), i % 12, 1 + (i % 28))))),
};
const df = dd.fromColumns(cols, { npartitions: 3, dtypes: { i32: "int32", d: "date32" } });
const sql = `select s, i64, i32, f, b, d from t order by row`;

/** DuckDB's rows as Dusk-comparable columns (dates as day numbers, as Dusk's date32 reads back). */
async function duck(from: string): Promise<Record<string, unknown[]>> {
  const r = await con.runAndReadAll(sql.replace("from t", `from ${from}`));
  const rows = r.getRowObjectsJS() as Record<string, unknown>[];
  const out: Record<string, unknown[]> = { s: [], i64: [], i32: [], f: [], b: [], d: [] };
  for (const row of rows) {
    for (const k of Object.keys(out)) {
      const v = row[k];
      out[k].push(v instanceof Date ? Math.round(v.getTime() / 86_400_000) : v);
    }
  }
  return out;
}

async function dusk(frame: dd.DataFrame): Promise<Record<string, unknown[]>> {
  const t = await frame.compute();
  const row = t.getChild("row")!;
  const idx = Array.from({ length: t.numRows }, (_, i) => i).sort((a, b) => Number(row.get(a)) - Number(row.get(b)));
  const out: Record<string, unknown[]> = {};
  for (const name of ["s", "i64", "i32", "f", "b", "d"]) {
    const c = t.getChild(name)!;
    out[name] = idx.map((i) => {
      const v = c.get(i);
      return name === "d" && typeof v === "number" ? Math.round(v / 86_400_000) : v;
    });
  }
  return out;
}

describe("DuckDB and Dusk read each other's files", () => {
  for (const compression of ["snappy", "zstd", "gzip", "uncompressed"] as const) {
    it(`DuckDB reads Dusk's Parquet (${compression}) with every value equal`, async () => {
      const out = join(dir, `pq-${compression}`);
      await df.toParquet(out, { compression });
      expect(await duck(`read_parquet('${out}/*.parquet')`)).toEqual(await dusk(df));
    });
  }

  it("DuckDB reads Dusk's CSV with every value equal", async () => {
    const out = join(dir, "csv");
    await df.toCsv(out);
    const types = "{'row': 'BIGINT', 's': 'VARCHAR', 'i64': 'BIGINT', 'i32': 'INTEGER', 'f': 'DOUBLE', 'b': 'BOOLEAN', 'd': 'DATE'}";
    expect(await duck(`read_csv('${out}/*.csv', header = true, columns = ${types})`)).toEqual(await dusk(df));
  });

  it("Dusk reads DuckDB's Parquet and CSV with every value equal", async () => {
    const pq = join(dir, "duck.parquet"), csv = join(dir, "duck.csv");
    await con.run(`create table src as select * from read_parquet('${join(dir, "pq-zstd")}/*.parquet')`);
    await con.run(`copy src to '${pq}' (format parquet, compression zstd, row_group_size 700)`);
    await con.run(`copy src to '${csv}' (format csv, header true)`);
    const fromPq = dd.readParquet(pq);
    expect(fromPq.dtypes).toEqual(df.dtypes);
    assertFrameEqual(await fromPq.compute(), await df.compute(), { ignoreRowOrder: true, rtol: 0, atol: 0 });
    const fromCsv = dd.readCsv(csv, { dtype: df.dtypes });
    assertFrameEqual(await fromCsv.compute(), await df.compute(), { ignoreRowOrder: true, rtol: 0, atol: 0 });
  });
});
