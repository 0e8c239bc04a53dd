/** The NDJSON writer: exact values, escapes, nulls, atomic files, and reading back what it wrote. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dtypes } from "@dusk/core";
import { columnFromValues, type Batch, type Column } from "@dusk/kernels";
import { formatJson, writeJsonFile } from "../../src/index.js";
import { readAll } from "./helpers.js";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-json-write-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const batchOf = (cols: Record<string, Column>): Batch => ({ names: Object.keys(cols), columns: Object.values(cols), length: Object.values(cols)[0].length });

function sample(n = 3): Batch {
  const pick = <T,>(xs: T[]): T[] => Array.from({ length: n }, (_, i) => xs[i % xs.length]);
  return batchOf({
    i: columnFromValues(dtypes.int64, pick([2n ** 63n - 1n, null, -(2n ** 63n)])),
    u: columnFromValues(dtypes.uint64, pick([2n ** 64n - 1n, 0n, null])),
    small: columnFromValues(dtypes.int16, pick([-5, null, 7])),
    f: columnFromValues(dtypes.float64, pick([0.1, 1, null])),
    b: columnFromValues(dtypes.bool, pick([true, false, null])),
    s: columnFromValues(dtypes.utf8, pick(['say "hi"\n\\', "日本🙂", null])),
    d: columnFromValues(dtypes.date32, pick([19782, null, -1])),
    t: columnFromValues(dtypes.timestamp("ms"), pick([1500n, null, 1700000000123n])),
    "x.y": columnFromValues(dtypes.utf8, pick(["\u0001", "", null])),
  });
}

describe("NDJSON writer", () => {
  it("writes every value exactly as JSON", () => {
    const text = new TextDecoder().decode(formatJson(sample()));
    expect(text.split("\n")).toEqual([
      '{"i":9223372036854775807,"u":18446744073709551615,"small":-5,"f":0.1,"b":true,"s":"say \\"hi\\"\\n\\\\","d":"2024-02-29","t":"1970-01-01T00:00:01.500","x.y":"\\u0001"}',
      '{"i":null,"u":0,"small":null,"f":1.0,"b":false,"s":"日本🙂","d":null,"t":null,"x.y":""}',
      '{"i":-9223372036854775808,"u":null,"small":7,"f":null,"b":null,"s":null,"d":"1969-12-31","t":"2023-11-14T22:13:20.123","x.y":null}',
      "",
    ]);
    for (const line of text.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    const nan = formatJson(batchOf({ f: columnFromValues(dtypes.float64, [NaN, Infinity, -0]) }));
    expect(new TextDecoder().decode(nan)).toBe('{"f":null}\n{"f":null}\n{"f":-0.0}\n');
  });

  it("reads back what it wrote, in chunks and gzipped, leaving no temporary file", async () => {
    const b = sample(5000);
    for (const name of ["plain.json", "zipped.json.gz"]) {
      const path = join(dir, name);
      const r = await writeJsonFile(b, path, { chunkBytes: 4096 });
      expect(r.rows).toBe(5000);
      const raw = readFileSync(path);
      expect(r.bytes).toBe(raw.length);
      if (name.endsWith(".gz")) expect(gunzipSync(raw).toString()).toBe(Buffer.from(formatJson(b)).toString());
      const got = await readAll(path, { dtype: { u: "uint64", small: "int16", d: "date32", t: "timestamp[ms]" }, blocksize: 50_000 });
      expect(got.i.slice(0, 3)).toEqual([2n ** 63n - 1n, null, -(2n ** 63n)]);
      expect(got.s.slice(0, 3)).toEqual(['say "hi"\n\\', "日本🙂", null]);
      expect(got.t.slice(0, 3)).toEqual([1500n, null, 1700000000123n]);
      expect(got.d.slice(0, 3)).toEqual([19782, null, -1]);
      expect(got["x.y"].slice(0, 3)).toEqual(["\u0001", "", null]);
      expect(got.f.slice(0, 3)).toEqual([0.1, 1, null]);
    }
    expect(readdirSync(dir).sort()).toEqual(["plain.json", "zipped.json.gz"]);
  });
});
