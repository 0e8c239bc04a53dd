/**
 * Schema inference from a sample (inferCsvSchema) and option validation (normalizeCsvOptions):
 * dtypes chosen from the sampled values, header / names / usecols / skiprows / comment / sep /
 * quotechar / escapechar, where the data starts, and the errors for samples too small to tell.
 */
import { formatDType } from "@dusk/core";
import { describe, expect, it } from "vitest";
import { inferCsvSchema } from "../../src/csv/infer.js";
import { normalizeCsvOptions, type CsvOptions } from "../../src/csv/options.js";
import type { CsvSchema } from "../../src/csv/schema.js";
import { columnsOf, dec, enc, expectDuskError, readText } from "./helpers.js";

/** The schema of a whole file as "name:dtype" strings. */
function dtypesOf(text: string, options: CsvOptions = {}): string[] {
  return describeSchema(inferCsvSchema(enc.encode(text), options, "t.csv", { wholeFile: true }));
}

function describeSchema(s: CsvSchema): string[] {
  return s.columns.map((c) => `${c.name}:${formatDType(c.dtype)}`);
}

describe("dtypes from the sampled values", () => {
  it("picks the narrowest of bool, int64, uint64, float64, utf8 per column", () => {
    const text = [
      "i,f,mix,txt,b,nulls,big,huge,e,sp,hex,thousands,nan",
      "1,1.5,1,1,True,,9223372036854775807,18446744073709551616,1e5, 5 ,0x10,\"1,000\",inf",
      "-2,2,2.5,x,false,NA,9223372036854775808,1,-2E-3,6,0x11,2,-inf",
      "+3,-3.25e2,3,2,TRUE,null,1,1,.5,\t7,1,3,1",
    ].join("\n");
    expect(dtypesOf(text)).toEqual([
      "i:int64", "f:float64", "mix:float64", "txt:utf8", "b:bool", "nulls:float64", "big:uint64", "huge:utf8", "e:float64",
      "sp:int64", "hex:utf8", "thousands:utf8", "nan:float64",
    ]);
  });

  it("integers beyond int64 and uint64 stay text (exact), as pandas keeps them, instead of losing digits as float64", () => {
    const text = "id,signed,mixed\n12345678901234567890123,-1,1.5\n7,18446744073709551615,99999999999999999999\n";
    expect(dtypesOf(text)).toEqual(["id:utf8", "signed:utf8", "mixed:float64"]);
    expect(columnsOf(readText(text).batch)).toEqual({
      id: ["12345678901234567890123", "7"], signed: ["-1", "18446744073709551615"], mixed: [1.5, 1e20],
    });
    expect(dtypesOf("u\n18446744073709551615\n\n1\nNA\n")).toEqual(["u:uint64"]);
  });

  it("bool takes only the words (1/0 are ints); mixed bool and ints are text", () => {
    expect(dtypesOf("a,b,c\nTrue,1,True\nFALSE,0,1\n")).toEqual(["a:bool", "b:int64", "c:utf8"]);
  });

  it("nan and other null strings do not make a column text; without the defaults they do (or read as NaN)", () => {
    expect(dtypesOf("a,b\n1,nan\nNA,2.5\n#N/A,1\n")).toEqual(["a:int64", "b:float64"]);
    expect(dtypesOf("a,b\n1,nan\nNA,2.5\n", { keepDefaultNa: false })).toEqual(["a:utf8", "b:float64"]);
    expect(dtypesOf("a,b\n1,x\n-,2\n", { naValues: ["-", "x"] })).toEqual(["a:int64", "b:int64"]);
  });

  it("a file with a header only has utf8 columns; one whose rows are all null has float64 columns", () => {
    expect(dtypesOf("a,b\n")).toEqual(["a:utf8", "b:utf8"]);
    expect(dtypesOf("a,b")).toEqual(["a:utf8", "b:utf8"]);
    expect(dtypesOf("a,b\n,\nNA,\n")).toEqual(["a:float64", "b:float64"]);
  });

  it("dates are text unless parseDates names them: date32 for YYYY-MM-DD, else the timestamp unit the fractions need", () => {
    const text = "d,ts,us,ns,plain\n2024-01-01,2024-01-01,2024-01-01 10:00:00.123456,2024-01-01T00:00:00.000000001Z,2024-01-01\n" +
      "2024-02-29,2024-01-02T03:04:05,,2024-01-01,2024-01-02\n";
    expect(dtypesOf(text, { parseDates: ["d", "ts", "us", "ns"] })).toEqual(["d:date32", "ts:timestamp[ms]", "us:timestamp[us]", "ns:timestamp[ns]", "plain:utf8"]);
    const { batch } = readText(text, { parseDates: ["d", "ts"], usecols: ["d", "ts"] });
    expect(columnsOf(batch)).toEqual({ d: [19723, 19782], ts: [BigInt(Date.UTC(2024, 0, 1)), BigInt(Date.UTC(2024, 0, 2, 3, 4, 5))] });
  });

  it("a parseDates value that is no date is an error naming file, line, column and value", () => {
    expectDuskError(() => dtypesOf("a,d\n1,2024-01-01\n2,soon\n", { parseDates: ["d"] }), "SCHEMA_MISMATCH",
      /^t\.csv line 3, column "d": "soon" is not a date or timestamp; remove "d" from parseDates/);
    expectDuskError(() => dtypesOf("a,d\n1,2024-02-30\n", { parseDates: ["d"] }), "SCHEMA_MISMATCH", /line 2, column "d": "2024-02-30"/);
  });

  it("dtype overrides inference (by any dtype name)", () => {
    expect(dtypesOf("a,b,c\n1,2,x\n", { dtype: { a: "string", b: "float32", c: "utf8" } })).toEqual(["a:utf8", "b:float32", "c:utf8"]);
  });

  it("only complete lines of a partial sample count; the whole file counts its last line too", () => {
    const text = "a,b\n1,x\n2,y\n3.5,z";
    expect(describeSchema(inferCsvSchema(enc.encode(text), {}, "t.csv"))).toEqual(["a:int64", "b:utf8"]);
    expect(describeSchema(inferCsvSchema(enc.encode(text), {}, "t.csv", { wholeFile: true }))).toEqual(["a:float64", "b:utf8"]);
    // cut inside a quoted field that spans lines: the rows before it count
    const s = inferCsvSchema(enc.encode('a,b\n1,2\n3,"x\n4.5,'), {}, "t.csv");
    expect([describeSchema(s), s.sampleRows]).toEqual([["a:int64", "b:int64"], 1]);
  });
});

describe("layout options", () => {
  it("header row, data start and header lines; a BOM is not part of the first name", () => {
    const s = inferCsvSchema(enc.encode("\ufeffid,v\r\n1,2\r\n"), {}, "t.csv", { wholeFile: true });
    expect(s.fileColumns).toEqual(["id", "v"]);
    expect([s.dataStart, s.headerLines, s.fieldCount, s.sampleRows]).toEqual([9, 1, 2, 1]);
  });

  it("a quoted header spanning lines counts its lines", () => {
    const bytes = enc.encode('"a\nb",c\r\n1,2\n');
    const s = inferCsvSchema(bytes, {}, "t.csv", { wholeFile: true });
    expect([s.fileColumns, s.headerLines, dec.decode(bytes.subarray(s.dataStart))]).toEqual([["a\nb", "c"], 2, "1,2\n"]);
  });

  it("empty and repeated header names are made unique as pandas does", () => {
    expect(inferCsvSchema(enc.encode("a,,a,a.1,a,\n1,2,3,4,5,6\n"), {}, "t.csv").fileColumns)
      .toEqual(["a", "Unnamed: 1", "a.1", "a.1.1", "a.2", "Unnamed: 5"]);
    expect(inferCsvSchema(enc.encode("a,a,a.1\n1,2,3\n"), {}, "t.csv").fileColumns).toEqual(["a", "a.1", "a.1.1"]);
  });

  it("header: false numbers the columns; header: n drops the rows before row n (blank and comment lines not counted)", () => {
    expect(dtypesOf("1,x\n2,y\n", { header: false })).toEqual(["0:int64", "1:utf8"]);
    const text = "title line\n\n# note\nx,y\n1,2\n";
    const s = inferCsvSchema(enc.encode(text), { header: 1, comment: "#" }, "t.csv", { wholeFile: true });
    expect([s.fileColumns, s.headerLines, s.dataStart]).toEqual([["x", "y"], 4, text.indexOf("1,2")]);
    expect(columnsOf(readText(text, { header: 1, comment: "#" }).batch)).toEqual({ x: [1n], y: [2n] });
  });

  it("names: used instead of a header (no header row by default), or replacing it with header: 0", () => {
    expect(columnsOf(readText("1,x\n2,y\n", { names: ["n", "s"] }).batch)).toEqual({ n: [1n, 2n], s: ["x", "y"] });
    expect(columnsOf(readText("a,b\n1,x\n", { names: ["n", "s"], header: 0 }).batch)).toEqual({ n: [1n], s: ["x"] });
    expectDuskError(() => dtypesOf("1,2,3\n", { names: ["a", "b"] }), "INVALID_ARGUMENT", /names: 2 names given, but the rows of t\.csv have 3 fields/);
  });

  it("usecols by name or position keeps file order; unknown ones are errors naming the columns", () => {
    const text = "a,b,c\n1,x,2.5\n";
    expect(dtypesOf(text, { usecols: ["c", "a"] })).toEqual(["a:int64", "c:float64"]);
    expect(dtypesOf(text, { usecols: [2, 1] })).toEqual(["b:utf8", "c:float64"]);
    expect(inferCsvSchema(enc.encode(text), { usecols: ["c"] }, "t.csv").columns[0].fileColumnIndex).toBe(2);
    expectDuskError(() => dtypesOf(text, { usecols: ["a", "d"] }), "COLUMN_NOT_FOUND", /usecols: "d" is not a column of t\.csv; its columns are "a", "b", "c"/);
    expectDuskError(() => dtypesOf(text, { usecols: [3] }), "COLUMN_NOT_FOUND", /position 3 is past the 3 columns of t\.csv/);
    expectDuskError(() => dtypesOf(text, { dtype: { d: "int64" } }), "COLUMN_NOT_FOUND", /readCsv dtype: "d" is not a column of t\.csv/);
    expectDuskError(() => dtypesOf(text, { parseDates: ["e"] }), "COLUMN_NOT_FOUND", /readCsv parseDates: "e" is not a column/);
  });

  it("skiprows skips physical lines before the header, whatever they hold", () => {
    // (pandas' C parser honours quotes in skipped lines: its stray quote would swallow the file)
    const text = "junk,with,fields\r\nmore \"junk\rx,y\n1,2\n";
    const s = inferCsvSchema(enc.encode(text), { skiprows: 2 }, "t.csv", { wholeFile: true });
    expect([s.fileColumns, s.headerLines, dec.decode(enc.encode(text).subarray(s.dataStart))]).toEqual([["x", "y"], 3, "1,2\n"]);
    expect(columnsOf(readText(text, { skiprows: 2 }).batch)).toEqual({ x: [1n], y: [2n] });
  });

  it("comment: whole comment lines are skipped, a comment ends a row", () => {
    const text = "# generated\na,b # the header\n#\n1,2#x,y\n3,\"#4\"\n";
    expect(columnsOf(readText(text, { comment: "#" }).batch)).toEqual({ a: [1n, 3n], "b ": ["2", "#4"] });
  });

  it("sep, quotechar and escapechar", () => {
    expect(columnsOf(readText("a;b\n1;'x;y'\n2;'it''s'\n", { sep: ";", quotechar: "'" }).batch)).toEqual({ a: [1n, 2n], b: ["x;y", "it's"] });
    // with a tab separator, a row starting with a tab is not blank: its first field is empty
    expect(columnsOf(readText("a\tb\tc\n1\t\tx\n\t2\ty\n", { sep: "\t" }).batch)).toEqual({ a: [1n, null], b: [null, 2n], c: ["x", "y"] });
    expect(columnsOf(readText('a,b\n1,x\\,y\n2,"q\\"q"\n', { escapechar: "\\" }).batch)).toEqual({ a: [1n, 2n], b: ["x,y", 'q"q'] });
  });

  it("an empty file has no columns, or the columns names gives (as text)", () => {
    const s = inferCsvSchema(new Uint8Array(0), {}, "t.csv", { wholeFile: true });
    expect([s.columns, s.fieldCount]).toEqual([[], 0]);
    expect(dtypesOf("", { names: ["a", "b"] })).toEqual(["a:utf8", "b:utf8"]);
    expect(dtypesOf("\ufeff\n\n", { names: ["a"] })).toEqual(["a:utf8"]);
  });
});

describe("samples too small to tell", () => {
  const tooSmall = (text: string, options: CsvOptions = {}): void => {
    const { details } = expectDuskError(() => inferCsvSchema(enc.encode(text), options, "data/t.csv"), "CSV_PARSE_ERROR",
      /^data\/t\.csv: .* does not fit in the first \d+ bytes read to infer the schema; read a larger sample$/);
    expect(details).toMatchObject({ file: "data/t.csv", reason: "sample-too-small", sampleBytes: enc.encode(text).length });
  };

  it("the header, or the skipped lines, or the header row index, past the end of the sample", () => {
    tooSmall("id,name,val");
    tooSmall('"a\nb",c');
    tooSmall("x\ny\n", { skiprows: 3 });
    tooSmall("x\ny\n", { header: 2 });
    tooSmall("1,2,3", { header: false });
    expectDuskError(() => inferCsvSchema(enc.encode("id,name,val"), {}, "t.csv"), "CSV_PARSE_ERROR", /the header \(row 0\) does not fit in the first 11 bytes/);
  });

  it("a header cut between \\r and a possible \\n", () => {
    tooSmall("a,b\r");
    expect(inferCsvSchema(enc.encode("a,b\r"), {}, "t.csv", { wholeFile: true }).dataStart).toBe(4);
  });

  it("a header whose trailing comment runs past the sample (data must not start inside the comment)", () => {
    const text = "a,b # units: kg, m\n1,2\n";
    const cut = enc.encode(text).subarray(0, 12);
    tooSmall(dec.decode(cut), { comment: "#" });
    const s = inferCsvSchema(enc.encode(text), { comment: "#" }, "t.csv");
    expect([s.dataStart, s.headerLines]).toEqual([text.indexOf("1,2"), 1]);
  });
});

describe("rows of the wrong length in the sample", () => {
  it("are errors by default, and left to the block parser with skip or warn (no warning twice)", () => {
    const text = "a,b\n1,2\n3\n4.5,6\n";
    expectDuskError(() => dtypesOf(text), "CSV_BAD_LINE", /^t\.csv line 3: expected 2 fields, found 1; fix the row, or pass onBadLines: "skip"/);
    const warnings: string[] = [];
    expect(dtypesOf(text, { onBadLines: "warn", onWarning: (m) => warnings.push(m) })).toEqual(["a:float64", "b:int64"]);
    expect(warnings).toEqual([]);
    expect(dtypesOf(text, { onBadLines: "skip" })).toEqual(["a:float64", "b:int64"]);
  });
});

describe("option validation", () => {
  const bad = (options: unknown, ...patterns: RegExp[]): void => {
    expectDuskError(() => normalizeCsvOptions(options as CsvOptions), "INVALID_ARGUMENT", ...patterns);
  };

  it("names the option and what it accepts", () => {
    bad({ sep: "::" }, /^readCsv: sep must be one ASCII character, got "::"$/);
    bad({ sep: "é" }, /sep must be one ASCII character/);
    bad({ quotechar: "\n" }, /quotechar cannot be a line break/);
    bad({ sep: ";", quotechar: ";" }, /sep and quotechar are the same character ";"/);
    bad({ escapechar: "#", comment: "#" }, /escapechar and comment are the same character "#"/);
    bad({ names: ["a", "b", "a"] }, /names has duplicates: "a"/);
    bad({ usecols: ["a", 1] }, /usecols must be all column names or all 0-based positions/);
    bad({ usecols: [1, 1] }, /usecols has duplicates: 1/);
    bad({ header: -1 }, /header must be true, false or a row index ≥ 0, got -1/);
    bad({ skiprows: 1.5 }, /skiprows must be an integer ≥ 0, got 1\.5/);
    bad({ onBadLines: "ignore" }, /onBadLines must be "error", "skip" or "warn", got "ignore"/);
    bad({ encoding: "latin1" }, /encoding "latin1" is not supported; only utf-8 is/);
    bad({ keepDefaultNa: "no" }, /keepDefaultNa must be a boolean/);
    expectDuskError(() => normalizeCsvOptions({ dtype: { a: "int128" as "int64" } }), "INVALID_DTYPE", /readCsv dtype\.a: unknown dtype "int128"/);
  });

  it("resolves defaults as pandas does", () => {
    const o = normalizeCsvOptions({});
    expect([o.sep, o.quote, o.escape, o.comment, o.header, o.skiprows, o.onBadLines]).toEqual([44, 34, -1, -1, 0, 0, "error"]);
    expect(normalizeCsvOptions({ names: ["a"] }).header).toBeNull();
    expect(normalizeCsvOptions({ header: true }).header).toBe(0);
    expect(normalizeCsvOptions({ encoding: "UTF8" }).sep).toBe(44);
    expect(normalizeCsvOptions({ keepDefaultNa: false, naValues: ["x", "x"] }).naValues).toEqual(["x"]);
    expect(normalizeCsvOptions(o)).toBe(o);
  });
});
