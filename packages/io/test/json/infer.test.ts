/** Schema inference from a sample: the CSV reader's dtype rules on JSON values, flattening, and the options that shape it. */
import { describe, expect, it } from "vitest";
import { formatDType } from "@dusk/core";
import { inferJsonSchema, resolveReadJsonOptions, type ReadJsonOptions } from "../../src/index.js";

const enc = new TextEncoder();
function infer(lines: readonly string[], options: ReadJsonOptions = {}, wholeFile = true): Record<string, string> {
  const s = inferJsonSchema(enc.encode(lines.join("\n") + "\n"), resolveReadJsonOptions(options).json, "t.ndjson", { wholeFile });
  return Object.fromEntries(s.columns.map((c) => [c.name, formatDType(c.dtype)]));
}

describe("inferJsonSchema", () => {
  it("infers bool, int64, uint64, float64 and utf8 as the CSV reader does", () => {
    expect(infer([
      '{"b": true, "i": 1, "u": 18446744073709551615, "f": 1.0, "g": 2, "s": "x", "n": null, "huge": 123456789012345678901234567890, "mix": 1, "arr": [1]}',
      '{"b": false, "i": -9223372036854775808, "u": 1, "f": 2, "g": 2.5e3, "s": "y", "n": null, "huge": 1, "mix": "a", "arr": []}',
    ])).toEqual({ b: "bool", i: "int64", u: "uint64", f: "float64", g: "float64", s: "utf8", n: "float64", huge: "utf8", mix: "utf8", arr: "utf8" });
  });

  it("flattens nested objects to dotted names in first-seen order; a null-only key where others nest is no column", () => {
    expect(infer(['{"a": {"b": 1, "c": {"d": "x"}}, "e": 1}', '{"a": null, "f": {"g": true}}', '{"a": {"b": 2, "z": 0.5}}'])).toEqual({
      "a.b": "int64", "a.c.d": "utf8", e: "int64", "f.g": "bool", "a.z": "float64",
    });
  });

  it("dtype overrides, adds keys the sample lacks and keeps objects as text; columns chooses", () => {
    const s = inferJsonSchema(enc.encode('{"a": {"b": 1}, "c": 2}\n'),
      resolveReadJsonOptions({ dtype: { a: "utf8", later: "int32", c: "float32" } }).json, "t.ndjson", { wholeFile: true });
    expect(s.columns.map((c) => [c.name, formatDType(c.dtype), c.text])).toEqual([["a", "utf8", true], ["c", "float32", false], ["later", "int32", false]]);
    expect(infer(['{"a": 1, "b": {"c": 2}, "d": 3}'], { columns: ["d", "b.c"] })).toEqual({ "b.c": "int64", d: "int64" });
  });

  it("parseDates reads date32 or the finest timestamp unit needed, and refuses non-dates", () => {
    expect(infer(['{"d": "2024-01-02", "t": "2024-01-02T03:04:05.123456Z"}'], { parseDates: ["d", "t"] })).toEqual({ d: "date32", t: "timestamp[us]" });
    expect(() => infer(['{"d": "soon"}'], { parseDates: ["d"] })).toThrow('t.ndjson line 1, column "d": "soon" is not a date or timestamp');
  });

  it("leaves out the last, maybe cut, line of a sample that is not the whole file", () => {
    const cut = inferJsonSchema(enc.encode('{"a": 1}\n{"a": 1, "b": 2'), resolveReadJsonOptions().json, "t.ndjson", {});
    expect(cut.columns.map((c) => c.name)).toEqual(["a"]);
    expect(() => inferJsonSchema(enc.encode('{"a": 1'), resolveReadJsonOptions().json, "t.ndjson", {})).toThrow("does not fit");
  });
});
