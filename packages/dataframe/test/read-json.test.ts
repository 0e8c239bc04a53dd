/**
 * dd.readJson and df.toJson end to end: partitions by the newline rule, globs, gzip, nested keys,
 * pushdown, the round trip through toJson, S3, and errors naming file and line.
 */
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, groupByDataset, Rng, startS3Server } from "@dusk/testing";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-read-json-")); });
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

/** Mixed columns with nulls, escapes, multi-byte text and int64 past 2^53. */
function mixed(rows: number, seed: number) {
  const rng = new Rng(seed);
  const words = ["plain", 'say "hi"', "back\\slash", "日本語", "émoji 🙂", "line\nbreak", "x"];
  return {
    k: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : words[rng.int(0, words.length - 1)])),
    i: Array.from({ length: rows }, (_, j) => (rng.chance(0.1) ? null : 2n ** 60n + BigInt(j * 7919))),
    f: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : (rng.int(-1e6, 1e6) / 1000) * 1.5 + 0.25)),
    b: Array.from({ length: rows }, () => (rng.chance(0.1) ? null : rng.chance(0.5))),
  };
}

/** The rows of columns as NDJSON text (bigints as digits, nulls as missing keys or null). */
function ndjson(cols: Record<string, readonly unknown[]>, eol = "\n"): string {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  const out: string[] = [];
  for (let r = 0; r < n; r++) {
    const parts: string[] = [];
    names.forEach((c, j) => {
      const v = cols[c][r];
      if (v === null && (r + j) % 2 === 0) return; // missing key
      parts.push(`${JSON.stringify(c)}:${typeof v === "bigint" ? v.toString() : JSON.stringify(v)}`);
    });
    out.push(`{${parts.join(",")}}`);
  }
  return out.join(eol) + eol;
}

describe("readJson", () => {
  const data = mixed(2000, 5);

  it("reads the same rows at any blocksize, LF or CRLF", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const path = write(`mixed-${eol.length}.ndjson`, ndjson(data, eol));
      for (const blocksize of [null, 997, 4096, "64MB"] as const) {
        const df = dd.readJson(path, { lines: true, blocksize });
        expect(df.dtypes).toEqual({ k: "utf8", i: "int64", f: "float64", b: "bool" });
        assertFrameEqual(await df.compute(), data);
      }
      expect(dd.readJson(path, { blocksize: 1000 }).npartitions).toBeGreaterThan(40);
    }
  });

  it("round-trips through toJson: a glob of the files written reads back equal", async () => {
    const g = groupByDataset({ rows: 5000, groups: 20, seed: 3 });
    const df = dd.fromColumns(g.columns, { npartitions: 4 });
    const out = join(dir, "roundtrip");
    const paths = await df.toJson(out);
    expect(paths.map((p) => p.slice(out.length + 1))).toEqual(["part-00000.json", "part-00001.json", "part-00002.json", "part-00003.json"]);
    expect(readdirSync(out).sort()).toEqual(paths.map((p) => p.slice(out.length + 1)));
    const back = dd.readJson(join(out, "*.json"), { blocksize: 20_000 });
    expect(back.dtypes).toEqual(df.dtypes);
    assertFrameEqual(await back.compute(), await df.compute());
    const mixedDf = dd.fromColumns(data, { npartitions: 3 });
    await mixedDf.toJson(join(dir, "rt-mixed", "p-*.json.gz"));
    assertFrameEqual(await dd.readJson(join(dir, "rt-mixed")).compute(), data);
  });

  it("flattens nested objects to dotted columns, keeps arrays as JSON text, and reads gzip files whole", async () => {
    const lines = Array.from({ length: 300 }, (_, j) => JSON.stringify({ id: j, user: { name: `u${j % 7}`, geo: { lat: j / 8 } }, tags: j % 2 ? ["a", j] : [] }));
    const text = `${lines.join("\n")}\n`;
    write("nested/a.ndjson.gz", gzipSync(text));
    write("nested/b.ndjson.gz", gzipSync(text));
    const df = dd.readJson(join(dir, "nested/*.ndjson.gz"), { blocksize: 100 });
    expect(df.npartitions).toBe(2);
    expect(df.dtypes).toEqual({ id: "int64", "user.name": "utf8", "user.geo.lat": "float64", tags: "utf8" });
    const t = await df.groupBy("user.name").agg({ "user.geo.lat": "sum", id: "count" }).sortValues("user.name").compute();
    expect(t.numRows).toBe(7);
    const first = await df.select(["tags"]).head(2);
    expect([...first.getChild("tags")!]).toEqual(["[]", '["a",1]']);
  });

  it("parses only the columns used and pushes filters into the read", async () => {
    const path = write("pushdown.ndjson", ndjson(data));
    const df = dd.readJson(path, { blocksize: 4096 }).filter(dd.col("i").gt(2n ** 60n + 10_000_000n)).select(["k", "f"]);
    expect(df.explain()).toMatch(/Scan json\[1 file, \d+ partitions\] columns=\[k, f\] filter=/);
    const keep = data.i.map((v) => v !== null && v > 2n ** 60n + 10_000_000n);
    assertFrameEqual(await df.compute(), { k: data.k.filter((_, j) => keep[j]), f: data.f.filter((_, j) => keep[j]) });
  });

  it("a value of another type in a later partition names the file, the true line, the column and the dtype to pass", async () => {
    const lines = Array.from({ length: 5000 }, (_, j) => JSON.stringify({ id: `r${j}`, v: j === 4321 ? 4321.5 : j }));
    const path = write("mismatch.ndjson", `${lines.join("\n")}\n`);
    const df = dd.readJson(path, { blocksize: 2048, sampleSize: 1024 });
    expect(df.dtypes.v).toBe("int64");
    const e = await caught(() => df.compute());
    expect(e.code).toBe("SCHEMA_MISMATCH");
    expect(e.message).toContain(`${path} line 4322, column "v": 4321.5 is not an int64; pass dtype: { v: "float64" }`);
    const fixed = await dd.readJson(path, { blocksize: 2048, dtype: { v: "float64" } }).compute();
    expect(fixed.getChild("v")!.get(4321)).toBe(4321.5);
  });

  it("a malformed line in a later partition names the true line; onBadLines skip drops it", async () => {
    const lines = Array.from({ length: 3000 }, (_, j) => `{"a": ${j}, "b": ${j * 2}}`);
    lines[2500] = '{"a": 2500, "b": }';
    const path = write("bad-line.ndjson", lines.join("\r\n") + "\r\n");
    const e = await caught(() => dd.readJson(path, { blocksize: 1500, sampleSize: 1024 }).compute());
    expect(e.code).toBe("JSON_PARSE_ERROR");
    expect(e.message).toContain(`${path} line 2501: not valid JSON`);
    expect(await dd.readJson(path, { blocksize: 1500, onBadLines: "skip" }).length()).toBe(2999);
  });

  it("reads from and writes to S3", async () => {
    const server = await startS3Server();
    try {
      await server.createBucket("json");
      const { storageOptions } = server;
      const df = dd.fromColumns(data, { npartitions: 2 });
      const written = await df.toJson("s3://json/out/", { storageOptions });
      expect(written).toEqual(["s3://json/out/part-00000.json", "s3://json/out/part-00001.json"]);
      const back = dd.readJson("s3://json/out/", { storageOptions, blocksize: 5000 });
      expect(back.npartitions).toBeGreaterThan(2);
      assertFrameEqual(await back.compute(), data);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
