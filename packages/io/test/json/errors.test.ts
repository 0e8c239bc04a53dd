/** Errors of the JSON reader: each names the file and the true line, the key and value, and the option that fixes it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { planJsonRead, readJsonBlock } from "../../src/index.js";
import { readAll, rejection, writeIn } from "./helpers.js";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-json-err-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const good = (i: number): string => JSON.stringify({ id: i, v: i * 2, s: `row ${i}` });

/** 400 good lines with line `bad` (1-based) replaced. */
function fileWith(name: string, bad: number, text: string): string {
  const lines = Array.from({ length: 400 }, (_, i) => (i + 1 === bad ? text : good(i)));
  return writeIn(dir, name, `${lines.join("\n")}\n`);
}

async function firstError(path: string, options: Parameters<typeof planJsonRead>[1] = {}) {
  const plan = planJsonRead(path, options);
  const errors = await Promise.all(plan.blocks.map((b) => readJsonBlock(b, plan.read).then(() => null, (e: unknown) => e)));
  const failed = errors.filter((e) => e !== null);
  expect(failed.length).toBe(1);
  return failed[0] as Error & { code: string; details: Record<string, unknown> };
}

describe("readJson errors", () => {
  it("a malformed line names the file and its true line in any partition, with a snippet", async () => {
    const path = fileWith("bad.ndjson", 333, '{"id": 332, "v": oops}');
    expect((await rejection(() => planJsonRead(path))).message).toContain(`${path} line 333: not valid JSON`); // in the sample
    for (const blocksize of [null, 64, 1000, 4096]) {
      const e = await firstError(path, { blocksize, sampleSize: 1024 });
      expect(e.code).toBe("JSON_PARSE_ERROR");
      expect(e.message).toContain(`${path} line 333: not valid JSON`);
      expect(e.message).toContain('{\\"id\\": 332, \\"v\\": oops}');
      expect(e.message).toContain('onBadLines: "skip"');
    }
  });

  it("a line that is not an object is a bad line; onBadLines skip drops it, warn drops it and says where", async () => {
    const path = fileWith("array.ndjson", 200, "[1, 2, 3]");
    const e = await firstError(path, { blocksize: 500, sampleSize: 1024 });
    expect(e.message).toContain(`${path} line 200: not a JSON object`);
    const skipped = await readAll(path, { blocksize: 500, onBadLines: "skip" });
    expect(skipped.id.length).toBe(399);
    expect(skipped.id).not.toContain(199n);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const warned = await readAll(path, { blocksize: 500, onBadLines: "warn" });
      expect(warned.id.length).toBe(399);
      expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toContain(`${path} line 200: not a JSON object`);
    } finally {
      warn.mockRestore();
    }
  });

  it("a value a later block disagrees on names file, line, column, value and the dtype that fixes it", async () => {
    const path = fileWith("float.ndjson", 390, '{"id": 389, "v": 4321.5, "s": "x"}');
    const e = await firstError(path, { blocksize: 1000, sampleSize: 1024 });
    expect(e.code).toBe("SCHEMA_MISMATCH");
    expect(e.message).toBe(`${path} line 390, column "v": 4321.5 is not an int64; pass dtype: { v: "float64" } (or fix the value)`);
    expect(await readAll(path, { dtype: { v: "float64" }, blocksize: 1000 }).then((c) => c.v[389])).toBe(4321.5);

    const str = fileWith("string.ndjson", 380, '{"id": 379, "v": "12", "s": "x"}');
    const e2 = await firstError(str, { blocksize: 1000, sampleSize: 1024 });
    expect(e2.message).toBe(`${str} line 380, column "v": "12" is not an int64; pass dtype: { v: "utf8" } (or fix the value)`);
    // a utf8 column takes numbers as their JSON text
    expect((await readAll(str, { dtype: { v: "utf8" } })).v.slice(378, 380)).toEqual(["756", "12"]);
  });

  it("int64 values outside the range, or a big integer in an int32 column, are errors, never rounded", async () => {
    const path = fileWith("huge.ndjson", 300, '{"id": 299, "v": 9223372036854775808, "s": "x"}');
    const e = await firstError(path, { blocksize: 1000, sampleSize: 1024 });
    expect(e.message).toContain('column "v": 9223372036854775808 is not an int64 (outside -9223372036854775808..9223372036854775807); pass dtype: { v: "uint64" }');
    const e2 = await firstError(fileWith("i32.ndjson", 10, '{"id": 9, "v": 3000000000, "s": "x"}'), { dtype: { v: "int32" } });
    expect(e2.message).toContain('"v": 3000000000 is not an int32 (outside -2147483648..2147483647); pass dtype: { v: "int64" }');
  });

  it("a key the sample did not have fails the read, naming it; dtype adds it, columns ignores it", async () => {
    const path = fileWith("newkey.ndjson", 350, '{"id": 349, "v": 698, "s": "x", "extra": {"deep": true}}');
    const e = await firstError(path, { blocksize: 1000, sampleSize: 1024 });
    expect(e.code).toBe("SCHEMA_MISMATCH");
    expect(e.message).toContain(`${path} line 350: key "extra" (value {"deep":true}) is not a column`);
    expect(e.message).toContain('Pass dtype: { extra: "utf8" } to read it as a column');
    const asText = await readAll(path, { blocksize: 1000, sampleSize: 1024, dtype: { extra: "utf8" } });
    expect(asText.extra.filter((x) => x !== null)).toEqual(['{"deep":true}']);
    const withDtype = await readAll(path, { blocksize: 1000, sampleSize: 1024, dtype: { "extra.deep": "bool" } });
    expect(withDtype["extra.deep"].filter((x) => x !== null)).toEqual([true]);
    const chosen = await readAll(path, { blocksize: 1000, sampleSize: 1024, columns: ["id", "s"] });
    expect(Object.keys(chosen)).toEqual(["id", "s"]);
    expect(chosen.id.length).toBe(400);
  });

  it("a scalar where the sample had objects names the key and the way to keep it as text", async () => {
    const lines = ['{"a": {"b": 1}}', '{"a": {"b": 2}}', '{"a": 5}'];
    const path = writeIn(dir, "scalar.ndjson", lines.join("\n"));
    // the sample is the whole file: a and a.b are both columns
    expect(await readAll(path)).toEqual({ "a.b": [1n, 2n, null], a: [null, null, 5n] });
    const path2 = writeIn(dir, "scalar2.ndjson", [...Array.from({ length: 100 }, () => lines[0]), lines[2]].join("\n"));
    const e2 = await rejection(readAll(path2, { sampleSize: 1024, blocksize: 200 }));
    expect(e2.message).toContain('line 101, key "a": 5 is not an object, but in the sample it holds objects (columns "a.b")');
    expect(e2.message).toContain('pass dtype: { a: "utf8" }');
    const asText = await readAll(path2, { dtype: { a: "utf8" } });
    expect(asText.a.slice(99)).toEqual(['{"b":1}', "5"]);
  });

  it("bad UTF-8 names its line; a dotted key colliding with a nested one is DUPLICATE_COLUMN", async () => {
    const bytes = Buffer.concat([Buffer.from(`${good(0)}\n${good(1)}\n{"id": 2, "v": 4, "s": "`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    const path = writeIn(dir, "latin.ndjson", bytes);
    const e = await rejection(readAll(path, { sampleSize: 1024 }));
    expect(e.message).toContain(`${path} line 3: not valid UTF-8`);
    const path2 = writeIn(dir, "dots.ndjson", '{"a.b": 1, "a": {"b": 2}}\n');
    const e2 = await rejection(readAll(path2));
    expect(e2.code).toBe("DUPLICATE_COLUMN");
    expect(e2.message).toContain('column "a.b" is given twice');
  });

  it("options are checked at the call", async () => {
    const path = fileWith("opts.ndjson", 0, "");
    expect((await rejection(() => planJsonRead(path, { lines: false }))).message).toContain("only newline-delimited JSON");
    expect((await rejection(() => planJsonRead(path, { onBadLines: "drop" as "skip" }))).code).toBe("INVALID_ARGUMENT");
    expect((await rejection(() => planJsonRead(path, { columns: ["nope"] }))).message).toContain('readJson columns: "nope" is not a key');
    expect((await rejection(() => planJsonRead(path, { dtype: { v: "int65" as "int64" } }))).code).toBe("INVALID_DTYPE");
  });
});
