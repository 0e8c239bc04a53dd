/**
 * The block parser's errors, by message text: CSV_BAD_LINE (file, line, expected and found field
 * counts; onBadLines "skip" and "warn"), SCHEMA_MISMATCH (file, line, column, value, dtype and the
 * dtype option that would read it), CSV_PARSE_ERROR (a quote never closed, text that is not
 * UTF-8). Each error must be the same, on the same line, with the fast path on or off and for any
 * chunking.
 */
import { dtypes, type DType } from "@dusk/core";
import { describe, expect, it } from "vitest";
import { inferCsvSchema } from "../../src/csv/infer.js";
import type { CsvOptions } from "../../src/csv/options.js";
import type { CsvLayout } from "../../src/csv/schema.js";
import { PLAIN_CHECK_ROWS } from "../../src/csv/columns/utf8-builder.js";
import { enc, expectDuskError, layoutOf, outcome, parseBlock, parseEveryWay, Rand, readText, rowsOf } from "./helpers.js";

/** The error of parsing `bytes` (the same for every way of pushing it), as `{ code, message }`. */
function errorOf(bytes: Uint8Array | string, layout: CsvLayout, options: CsvOptions = {}, firstLine = 1): { code: string; message: string } {
  const b = typeof bytes === "string" ? enc.encode(bytes) : bytes;
  const got = parseEveryWay(b, layout, options, new Rand(b.length), { everyCut: b.length < 300 });
  if (firstLine !== 1) {
    // the error again with the block starting on another line: line numbers follow
    const shifted = outcome(() => parseBlock(b, layout, options, { firstLine }));
    return shifted as { code: string; message: string };
  }
  expect(got, "expected an error").toHaveProperty("code");
  return got as { code: string; message: string };
}

const col = (name: string, dtype: DType, fieldCount = 1, index = 0): CsvLayout => ({ fieldCount, columns: [{ name, dtype, fileColumnIndex: index }] });

describe("CSV_BAD_LINE", () => {
  it("names the file, the line, and the expected and found field counts", () => {
    const e = errorOf("1,2\n3,4\n5,6,7\n8,9\n", layoutOf(2));
    expect(e.code).toBe("CSV_BAD_LINE");
    expect(e.message).toBe('t.csv line 3: expected 2 fields, found 3; fix the row, or pass onBadLines: "skip" (or "warn") to drop rows like it');
    expect(errorOf("a\nb,c\n", layoutOf(1)).message).toMatch(/^t\.csv line 2: expected 1 field, found 2;/);
    // too few fields is an error too (pandas would fill the row with nulls)
    expect(errorOf("1,2\n3\n", layoutOf(2)).message).toMatch(/^t\.csv line 2: expected 2 fields, found 1;/);
    // the last row, without a line break
    expect(errorOf("1,2\n3,4,", layoutOf(2)).message).toMatch(/^t\.csv line 2: expected 2 fields, found 3;/);
  });

  it("carries the facts in details", () => {
    const { details } = expectDuskError(() => parseBlock(enc.encode("1,2\n3\n"), layoutOf(2), {}, { file: "s3://b/k.csv" }), "CSV_BAD_LINE", /^s3:\/\/b\/k\.csv line 2:/);
    expect(details).toEqual({ file: "s3://b/k.csv", line: 2, expected: 2, found: 1 });
  });

  it("counts physical lines: breaks inside quotes, CRLF, lone CR, blank and comment lines, escaped breaks", () => {
    const o: CsvOptions = { comment: "#", escapechar: "\\" };
    const cases: [string, number][] = [
      ['"a\nb",1\n"c\r\nd",2\r\n"e\rf",3\rbad\n', 7],
      ["1,2\r\n\r\n\n\r\r  \n# note\n3,4\nbad\n", 9],
      ["1,2\r\n3,4\rbad\r\n", 3],
      ["a\\\nb,1\n\"c\\\r\nd\",2\nbad\n", 5],
      ["x,a\\\r\nb,1\nbad\n", 3],
      ['"x\n\n\n",1 # c\nbad', 5],
    ];
    for (const [text, line] of cases) {
      const e = errorOf(text, layoutOf(2), o);
      expect(e.message, JSON.stringify(text)).toMatch(new RegExp(`^t\\.csv line ${line}: expected 2 fields, found 1;`));
      // in a block that starts on line 101 of its file
      expect(errorOf(text, layoutOf(2), o, 101).message, JSON.stringify(text)).toMatch(new RegExp(`^t\\.csv line ${line + 100}:`));
    }
  });

  it("names the line in the file after the header and skipped lines", () => {
    expectDuskError(() => readText("skip me\n\"multi\nline\",b\n1,2\n3\n", { skiprows: 1 }), "CSV_BAD_LINE", /^t\.csv line 5: expected 2 fields, found 1;/);
  });

  it('onBadLines "skip" drops such rows; "warn" drops them and says which, once each', () => {
    const text = "1,2\n3\n4,5\n6,7,8\n\"9\n\",10\n11,12,\n,,\n13,14\n";
    const want = [["1", "2"], ["4", "5"], ["9\n", "10"], ["13", "14"]];
    expect(parseEveryWay(enc.encode(text), layoutOf(2), { onBadLines: "skip", keepDefaultNa: false }, new Rand(1))).toEqual({ rows: want });
    // a skipped row whose fields were nulls leaves no null behind in the row that takes its place
    expect(parseEveryWay(enc.encode(text), layoutOf(2), { onBadLines: "skip" }, new Rand(1))).toEqual({ rows: want.map((row) => [row[0], row[1]]) });
    for (const run of [{}, { slow: true }, { cuts: [5, 9, 17] }, { cuts: Array.from({ length: text.length - 1 }, (_, i) => i + 1), slow: true }]) {
      const warnings: string[] = [];
      const b = parseBlock(enc.encode(text), layoutOf(2), { onBadLines: "warn", onWarning: (m) => warnings.push(m), keepDefaultNa: false }, run);
      expect(rowsOf(b)).toEqual(want);
      expect(warnings).toEqual([
        "t.csv line 2: expected 2 fields, found 1; row skipped",
        "t.csv line 4: expected 2 fields, found 3; row skipped",
        "t.csv line 7: expected 2 fields, found 3; row skipped",
        "t.csv line 8: expected 2 fields, found 3; row skipped",
      ]);
    }
  });
});

describe("SCHEMA_MISMATCH", () => {
  const mismatch = (text: string, layout: CsvLayout, ...patterns: RegExp[]): string => {
    const e = errorOf(text, layout);
    expect(e.code, e.message).toBe("SCHEMA_MISMATCH");
    for (const p of patterns) expect(e.message).toMatch(p);
    return e.message;
  };

  it("names file, line, column, value and dtype, and the dtype that reads the value", () => {
    expect(mismatch("1\n2\n1.5\n", col("a", dtypes.int64)))
      .toBe('t.csv line 3, column "a": "1.5" is not an int64; pass dtype: { a: "float64" } (or fix the value)');
    mismatch("x,1\ny,12a\n", col("n", dtypes.int32, 2, 1), /^t\.csv line 2, column "n": "12a" is not an int32; pass dtype: \{ n: "utf8" \}/);
    mismatch("1.5\nabc\n", col("f", dtypes.float64), /^t\.csv line 2, column "f": "abc" is not a float64; pass dtype: \{ f: "utf8" \}/);
    mismatch('1.5\n"1,5"\n', col("f", dtypes.float32), /line 2, column "f": "1,5" is not a float32; pass dtype: \{ f: "utf8" \}/);
    mismatch("True\nyes\n", col("b", dtypes.bool), /line 2, column "b": "yes" is not a bool; pass dtype: \{ b: "utf8" \}/);
  });

  it("says when an integer is out of the dtype's range, and which dtype holds it", () => {
    mismatch("3000000000\n", col("n", dtypes.int32), /"3000000000" is not an int32 \(outside -2147483648\.\.2147483647\); pass dtype: \{ n: "int64" \}/);
    mismatch("-1\n", col("u", dtypes.uint8), /"-1" is not a uint8 \(outside 0\.\.255\); pass dtype: \{ u: "int64" \}/);
    mismatch("9223372036854775808\n", col("i", dtypes.int64), /is not an int64 \(outside -9223372036854775808\.\.9223372036854775807\); pass dtype: \{ i: "uint64" \}/);
    mismatch("99999999999999999999\n", col("i", dtypes.int64), /"99999999999999999999" is not an int64; pass dtype: \{ i: "float64" \}/);
  });

  it("dates and timestamps suggest the timestamp unit that reads the value", () => {
    mismatch("2024-01-01\n2024-01-01 10:00\n", col("d", dtypes.date32), /line 2, column "d": "2024-01-01 10:00" is not a date32; pass dtype: \{ d: "timestamp\[s\]" \}/);
    mismatch("2023-02-29\n", col("d", dtypes.date32), /"2023-02-29" is not a date32; pass dtype: \{ d: "utf8" \}/);
    mismatch("2024-01-01T00:00:00.5\n", col("t", dtypes.timestamp("s")), /"2024-01-01T00:00:00\.5" is not a timestamp\[s\]; pass dtype: \{ t: "timestamp\[ms\]" \}/);
  });

  it("quotes column names that are not identifiers, and cuts long values", () => {
    mismatch("x\n", col("my col", dtypes.float64), /column "my col": "x" is not a float64; pass dtype: \{ "my col": "utf8" \}/);
    const long = "z".repeat(100);
    mismatch(`${long}\n`, col("v", dtypes.int64), new RegExp(`: "${"z".repeat(40)}"… is not an int64`));
  });

  it("carries the facts in details", () => {
    const { details } = expectDuskError(() => parseBlock(enc.encode("1\n\n2.5\n"), col("a", dtypes.int64), {}, { file: "d/x.csv", firstLine: 7 }), "SCHEMA_MISMATCH");
    expect(details).toEqual({ file: "d/x.csv", line: 9, column: "a", value: "2.5", dtype: "int64" });
  });

  it("a value past the sample that does not fit the inferred dtype names its line in the file", () => {
    const text = `id,v\n${Array.from({ length: 50 }, (_, i) => `${i},${i}`).join("\n")}\n50,n/a\n51,?\n`;
    const bytes = enc.encode(text);
    const schema = inferCsvSchema(bytes.subarray(0, 60), {}, "big.csv");
    expect(schema.columns.map((c) => c.dtype.kind)).toEqual(["int64", "int64"]);
    for (const slow of [false, true]) {
      expectDuskError(() => parseBlock(bytes.subarray(schema.dataStart), schema, {}, { file: "big.csv", firstLine: schema.headerLines + 1, slow }),
        "SCHEMA_MISMATCH", /^big\.csv line 53, column "v": "\?" is not an int64; pass dtype: \{ v: "utf8" \} \(or fix the value\)$/);
    }
  });
});

describe("CSV_PARSE_ERROR", () => {
  it("a quote never closed names the line where it opened", () => {
    const e = errorOf('a,b\r\nc,"d\ne,f\n\n', layoutOf(2));
    expect(e.code).toBe("CSV_PARSE_ERROR");
    expect(e.message).toBe("t.csv line 2: a quoted field starting on this line is never closed (the file ends inside quotes); check the quotes on that line, or the quotechar option");
    expect(errorOf('"a""\n', layoutOf(1)).message).toMatch(/^t\.csv line 1: a quoted field starting on this line is never closed/);
    expect(errorOf('"a\\"\n', layoutOf(1), { escapechar: "\\" }).message).toMatch(/^t\.csv line 1: a quoted field .* never closed/);
  });

  it("text that is not UTF-8 in a text column names file, line and column", () => {
    const bad: number[][] = [
      [0xff], [0x63, 0x61, 0x66, 0xe9] /* latin-1 café */, [0xc0, 0x80], [0xe0, 0x80, 0xaf], [0xf0, 0x82, 0x82, 0xac] /* overlong */, [0xed, 0xa0, 0x80] /* surrogate */,
      [0xe6, 0x97] /* cut */, [0xf4, 0x90, 0x80, 0x80] /* above U+10FFFF */, [0x80], [0xe6, 0x41, 0xa5],
    ];
    for (const seq of bad) {
      for (const quoted of [false, true]) {
        const field = quoted ? [0x22, ...seq, 0x22] : seq;
        const bytes = Uint8Array.from([...enc.encode("ok,1\n"), ...field, ...enc.encode(",2\n")]);
        const e = errorOf(bytes, col("s", dtypes.utf8, 2));
        expect(e.code, String(seq)).toBe("CSV_PARSE_ERROR");
        expect(e.message).toBe('t.csv line 2, column "s": the value is not valid UTF-8; Dusk reads UTF-8 text only (re-encode the file first, e.g. iconv -f latin1 -t utf-8)');
      }
    }
  });

  it("in a text column that went plain too", () => {
    const lines = Array.from({ length: PLAIN_CHECK_ROWS + 10 }, (_, i) => `v${i}`);
    const bytes = Uint8Array.from([...enc.encode(`${lines.join("\n")}\n`), 0x61, 0xff, 0x0a]);
    for (const slow of [false, true]) {
      expectDuskError(() => parseBlock(bytes, layoutOf(1), {}, { slow }), "CSV_PARSE_ERROR", new RegExp(`^t\\.csv line ${lines.length + 1}, column "0": the value is not valid UTF-8`));
    }
  });

  it("in the header", () => {
    expectDuskError(() => inferCsvSchema(Uint8Array.from([0x61, 0x2c, 0xe9, 0x0a, 0x31, 0x2c, 0x32, 0x0a]), {}, "h.csv"), "CSV_PARSE_ERROR",
      /^h\.csv line 1: the header is not valid UTF-8; Dusk reads UTF-8 text only/);
  });

  it("a valid sequence cut by a chunk boundary is fine; an invalid one is an error wherever it is cut", () => {
    const good = enc.encode("日本😀é\n");
    const bad = Uint8Array.from([...enc.encode("日本"), 0xf0, 0x9f, 0x98, 0x0a]);
    for (let c = 1; c < good.length; c++) {
      for (const slow of [false, true]) {
        expect(rowsOf(parseBlock(good, layoutOf(1), {}, { cuts: [c], slow }))).toEqual([["日本😀é"]]);
        if (c < bad.length) expectDuskError(() => parseBlock(bad, layoutOf(1), {}, { cuts: [c], slow }), "CSV_PARSE_ERROR", /line 1, column "0": the value is not valid UTF-8/);
      }
    }
  });
});
