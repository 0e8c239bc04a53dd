/**
 * Typed parsing in CsvBlockParser: int64/uint64 exact beyond 2^53, floats exactly as parseFloat,
 * the small ints, bools, date32, timestamps, nulls from the default null strings and from
 * naValues / keepDefaultNa; skipped fields; utf8 columns that go from dictionary to plain. Each case
 * runs with the fast path on and off and cut into chunks, and must give the same columns.
 */
import { dtypes, type DType } from "@dusk/core";
import type { ScalarValue } from "@dusk/kernels";
import { describe, expect, it } from "vitest";
import { PLAIN_CHECK_ROWS } from "../../src/csv/columns/utf8-builder.js";
import { NaMatcher } from "../../src/csv/na-values.js";
import { DEFAULT_NA_VALUES, type CsvOptions } from "../../src/csv/options.js";
import type { CsvLayout } from "../../src/csv/schema.js";
import { columnsOf, enc, expectDuskError, layoutOf, parseBlock, parseEveryWay, randomCuts, Rand, rowsOf, TEXT } from "./helpers.js";

/** One column of `dtype`: the values written one per line, parsed every way; returns the values. */
function parseColumn(lines: readonly string[], dtype: DType, options: CsvOptions = {}, seed = 0): ScalarValue[] {
  const text = lines.map((l) => `${l}\n`).join("");
  const bytes = enc.encode(text);
  const r = new Rand(seed);
  const got = parseEveryWay(bytes, layoutOf(1, dtype), options, r, { everyCut: bytes.length < 200 });
  if (!("rows" in got)) throw new Error(`${got.code}: ${got.message}`);
  return got.rows.map((row) => row[0]);
}

/** Two columns of `dtype` (value, then the same value quoted or not): the fast path's inner and last field. */
function parseTwice(values: readonly string[], dtype: DType, r: Rand, options: CsvOptions = {}): ScalarValue[][] {
  const text = values.map((v) => `${v},${r.chance(0.3) ? `"${v}"` : v}\n`).join("");
  const bytes = enc.encode(text);
  const runs = [
    parseBlock(bytes, layoutOf(2, dtype), options),
    parseBlock(bytes, layoutOf(2, dtype), options, { slow: true }),
    parseBlock(bytes, layoutOf(2, dtype), options, { cuts: randomCuts(r, bytes.length, 20) }),
  ].map(rowsOf);
  expect(runs[1]).toEqual(runs[0]);
  expect(runs[2]).toEqual(runs[0]);
  return runs[0];
}

describe("int64 and uint64", () => {
  const I64_MIN = -(2n ** 63n), I64_MAX = 2n ** 63n - 1n, U64_MAX = 2n ** 64n - 1n;

  function randomBig(r: Rand, max: bigint, signed: boolean): bigint {
    const digits = r.int(1, 20);
    let v = 0n;
    for (let k = 0; k < digits; k++) v = v * 10n + BigInt(r.int(0, 9));
    v %= max + 1n;
    return signed && r.chance(0.5) ? -v : v;
  }

  /** The value as text: canonical, or with +, leading zeros, spaces around it. */
  function spell(v: bigint, r: Rand): string {
    let t = (v < 0n ? -v : v).toString();
    if (r.chance(0.2)) t = "0".repeat(r.int(1, 5)) + t;
    t = (v < 0n ? "-" : r.chance(0.2) ? "+" : "") + t;
    if (r.chance(0.1)) t = ` ${t}\t`;
    return t;
  }

  it("int64 is exact over the whole range, as bigint", () => {
    const r = new Rand(10);
    const values = [0n, 1n, -1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 9007199254740993n, 999999999999999n, 1000000000000000n,
      -999999999999999n, 2147483648n, -2147483649n, 4294967296n, I64_MAX, I64_MIN];
    for (let k = 0; k < 3000; k++) values.push(randomBig(r, I64_MAX, true));
    const texts = values.map((v) => spell(v, r));
    const rows = parseTwice(texts, dtypes.int64, r);
    expect(rows.map((row) => row[0])).toEqual(values);
    expect(rows.map((row) => row[1])).toEqual(values);
    expect(parseColumn(["9223372036854775807", "-9223372036854775808", "-0", "+0"], dtypes.int64)).toEqual([I64_MAX, I64_MIN, 0n, 0n]);
  });

  it("uint64 is exact up to 2^64 − 1", () => {
    const r = new Rand(11);
    const values = [0n, U64_MAX, I64_MAX + 1n, 2n ** 53n + 1n];
    for (let k = 0; k < 2000; k++) values.push(randomBig(r, U64_MAX, false));
    const rows = parseTwice(values.map((v) => spell(v, r)), dtypes.uint64, r);
    expect(rows.map((row) => row[0])).toEqual(values);
    expect(rows.map((row) => row[1])).toEqual(values);
  });

  it("the small int dtypes keep their range, in their own array types", () => {
    const r = new Rand(12);
    const kinds = { int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295] } as const;
    for (const [kind, [lo, hi]] of Object.entries(kinds)) {
      const values = [lo, hi, 0];
      for (let k = 0; k < 300; k++) values.push(r.int(lo, hi));
      const dtype = dtypes[kind as keyof typeof kinds];
      const rows = parseTwice(values.map(String), dtype, r);
      expect(rows.map((row) => row[0]), kind).toEqual(values);
      expect(rows.map((row) => row[1]), kind).toEqual(values);
      const col = parseBlock(enc.encode("1\n"), layoutOf(1, dtype), {}).columns[0];
      expect(col.layout === "primitive" && col.values.constructor.name, kind).toBe(`${kind[0].toUpperCase()}${kind.slice(1)}Array`);
    }
  });
});

describe("floats", () => {
  /** A random double from random bits (finite), or a "human" one. */
  function randomDouble(r: Rand): number {
    if (r.chance(0.5)) {
      const view = new DataView(new ArrayBuffer(8));
      for (;;) {
        view.setUint32(0, Math.floor(r.next() * 2 ** 32));
        view.setUint32(4, Math.floor(r.next() * 2 ** 32));
        const x = view.getFloat64(0);
        if (Number.isFinite(x)) return x;
      }
    }
    return (r.chance(0.5) ? -1 : 1) * r.int(0, 10 ** r.int(0, 9)) / 10 ** r.int(0, 12);
  }

  /** `x` printed one of many ways, each a valid float literal. */
  function spell(x: number, r: Rand): string {
    let t: string;
    switch (r.int(0, 3)) {
      case 0: t = x.toString(); break;
      case 1: t = x.toPrecision(r.int(1, 21)); break;
      case 2: t = x.toExponential(r.int(0, 20)); break;
      default: t = Math.abs(x) < 1e21 ? x.toFixed(r.int(0, 20)) : x.toString();
    }
    if (r.chance(0.2) && !t.startsWith("-")) t = `+${t}`;
    if (r.chance(0.3)) t = t.replace(/^([+-]?)0\./, "$1."); // ".5"
    if (r.chance(0.3) && !/[.e]/.test(t)) t = `${t}.`; // "5."
    if (r.chance(0.3)) t = t.replace("e", "E");
    if (r.chance(0.3)) t = t.replace(/([eE][+-])(\d)$/, "$10$2"); // e+05
    if (r.chance(0.2)) t = t.replace(/[eE]\+/, "e"); // e5
    return t;
  }

  it("float64 values are exactly what parseFloat gives for the same text", () => {
    const r = new Rand(20);
    const texts = ["0", "-0", "0.0", "-0.0", ".5", "5.", "-.5", "+.5", "1e308", "1.7976931348623157e308", "2e308", "5e-324", "1e-400",
      "0.1", "0.30000000000000004", "123456789012345678901234567890", "9007199254740993", "1.5e-10", "00000001.25",
      "0.000000000000000000000000000001", "4.35", "1e22", "1e23", "123456789012345.6", "1234567890123456", "-1E-7"];
    for (let k = 0; k < 4000; k++) texts.push(spell(randomDouble(r), r));
    const rows = parseTwice(texts, dtypes.float64, r);
    const want = texts.map((t) => parseFloat(t));
    expect(texts.map((t) => Number(t))).toEqual(want); // every text is a complete literal
    expect(rows.map((row) => row[0])).toEqual(want); // toEqual tells -0 from 0
    expect(rows.map((row) => row[1])).toEqual(want);
  });

  it("inf, infinity and nan in any case; spaces around numbers", () => {
    expect(parseColumn(["inf", "-Inf", "+INFINITY", "Infinity", " 1.5 ", "\t-2"], dtypes.float64)).toEqual([Infinity, -Infinity, Infinity, Infinity, 1.5, -2]);
    // nan is a null string by default; without the defaults it is a NaN value, not a null
    expect(parseColumn(["nan", "NaN", "1"], dtypes.float64)).toEqual([null, null, 1]);
    expect(parseColumn(["nan", "NAN", "-nan", "1"], dtypes.float64, TEXT)).toEqual([NaN, NaN, NaN, 1]);
  });

  it("float32 is the double rounded to single precision", () => {
    const r = new Rand(21);
    const texts = Array.from({ length: 500 }, () => spell(randomDouble(r) / 1e280, r));
    const rows = parseTwice(texts, dtypes.float32, r);
    expect(rows.map((row) => row[0])).toEqual(texts.map((t) => Math.fround(parseFloat(t))));
    const col = parseBlock(enc.encode("1.5\n"), layoutOf(1, dtypes.float32), {}).columns[0];
    expect(col.layout === "primitive" && col.values).toBeInstanceOf(Float32Array);
  });
});

describe("bool, date32, timestamp", () => {
  it("bool words in three cases, and 1/0 when the dtype says bool", () => {
    expect(parseColumn(["true", "True", "TRUE", "1", "false", "False", "FALSE", "0", " true ", "\tFALSE"], dtypes.bool))
      .toEqual([true, true, true, true, false, false, false, false, true, false]);
  });

  it("date32 from YYYY-MM-DD as days since the epoch", () => {
    const r = new Rand(30);
    const days = [0, -1, 1, 19782 /* 2024-02-29 */, -25567 /* 1900-01-01 */, 2932896 /* 9999-12-31 */, -719162 /* 0001-01-01 */];
    for (let k = 0; k < 500; k++) days.push(r.int(-25567, 47482));
    const text = days.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    expect(parseColumn(text, dtypes.date32, {}, 1)).toEqual(days);
  });

  it("timestamps in each unit, with T or space, fractions and offsets", () => {
    const r = new Rand(31);
    const ms: number[] = [];
    for (let k = 0; k < 300; k++) ms.push(r.int(-2e12, 4e12));
    const iso = ms.map((m) => new Date(m).toISOString()); // 2024-01-01T10:00:00.123Z
    expect(parseColumn(iso, dtypes.timestamp("ms"))).toEqual(ms.map(BigInt));
    // no zone: stored as written; a space instead of T
    expect(parseColumn(iso.map((s) => s.replace("T", " ").replace("Z", "")), dtypes.timestamp("ms"))).toEqual(ms.map(BigInt));
    // finer units, with extra fraction digits
    const extra = ms.map(() => r.int(0, 999_999));
    const nsText = iso.map((s, i) => s.replace("Z", `${String(extra[i]).padStart(6, "0")}Z`));
    expect(parseColumn(nsText, dtypes.timestamp("ns"))).toEqual(ms.map((m, i) => BigInt(m) * 1_000_000n + BigInt(extra[i])));
    expect(parseColumn(iso, dtypes.timestamp("us"))).toEqual(ms.map((m) => BigInt(m) * 1000n));
    const whole = ms.map((m) => Math.floor(m / 1000) * 1000);
    expect(parseColumn(whole.map((m) => new Date(m).toISOString().slice(0, 19)), dtypes.timestamp("s"))).toEqual(whole.map((m) => BigInt(m / 1000)));
    // offsets are converted to UTC
    expect(parseColumn(["2024-01-01T10:00:00+01:00", "2024-01-01T10:00:00-0230", "2024-01-01T10:00Z", "2024-01-01"], dtypes.timestamp("s")))
      .toEqual([BigInt(Date.UTC(2024, 0, 1, 9) / 1000), BigInt(Date.UTC(2024, 0, 1, 12, 30) / 1000), BigInt(Date.UTC(2024, 0, 1, 10) / 1000), BigInt(Date.UTC(2024, 0, 1) / 1000)]);
  });
});

describe("nulls", () => {
  const ALL: readonly DType[] = [dtypes.int64, dtypes.uint64, dtypes.int32, dtypes.int8, dtypes.float64, dtypes.float32, dtypes.bool, dtypes.date32, dtypes.timestamp("ms"), dtypes.utf8];
  const VALUE: Record<string, [string, ScalarValue]> = {
    int64: ["7", 7n], uint64: ["7", 7n], int32: ["7", 7], int8: ["7", 7], float64: ["7.5", 7.5], float32: ["7.5", 7.5], bool: ["True", true],
    date32: ["1970-01-08", 7], timestamp: ["1970-01-01T00:00:00.007", 7n], utf8: ["seven", "seven"],
  };

  it("pandas' default null strings read as null in every dtype, quoted or not", () => {
    const defaults = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"];
    expect([...DEFAULT_NA_VALUES].sort()).toEqual([...defaults].sort());
    for (const dtype of ALL) {
      const [text, value] = VALUE[dtype.kind];
      const lines = [text, ...defaults.filter((d) => d !== "").map((d) => (d.length % 2 === 0 ? `"${d}"` : d)), '""', text];
      // a lone empty field is a blank line: take the empty string in a two-field layout instead
      expect(parseColumn(lines, dtype), dtype.kind).toEqual([value, ...defaults.slice(1).map(() => null), null, value]);
      const two = parseBlock(enc.encode(`${text},\n,${text}\n`), layoutOf(2, dtype), {}, { slow: true });
      expect(rowsOf(two), dtype.kind).toEqual([[value, null], [null, value]]);
    }
  });

  it("naValues adds null strings, even ones that parse as values of the column", () => {
    const o: CsvOptions = { naValues: ["-1", "?", "missing", "1970-01-01"] };
    expect(parseColumn(["-1", "5", "?", "NA", "-10"], dtypes.int64, o)).toEqual([null, 5n, null, null, -10n]);
    expect(parseColumn(["-1", "5", "?", "NA"], dtypes.int16, o)).toEqual([null, 5, null, null]);
    expect(parseColumn(["-1", "-1.0", "?", "2.5"], dtypes.float64, o)).toEqual([null, -1, null, 2.5]);
    expect(parseColumn(["missing", "x", "?", "NA", "-1"], dtypes.utf8, o)).toEqual([null, "x", null, null, null]);
    expect(parseColumn(["1970-01-01", "1970-01-02"], dtypes.date32, o)).toEqual([null, 1]);
  });

  it("parsers share one null-string matcher per list of null strings, and lists never mix", () => {
    expect(NaMatcher.of(["-1", "?"])).toBe(NaMatcher.of(["-1", "?"]));
    expect(NaMatcher.of(["-1", "?"])).not.toBe(NaMatcher.of(["?", "-1"]));
    expect(NaMatcher.of(["-1", "?"]).encoded.map((b) => Array.from(b))).toEqual([[45, 49], [63]]);
    // one list after another (each block gets a parser of its own): each sees only its own nulls
    const minusOne: CsvOptions = { naValues: ["-1"] };
    const question: CsvOptions = { keepDefaultNa: false, naValues: ["?"] };
    for (let round = 0; round < 2; round++) {
      expect(parseColumn(["-1", "?", "3"], dtypes.utf8, minusOne)).toEqual([null, "?", "3"]);
      expect(parseColumn(["-1", "?", "NA"], dtypes.utf8, question)).toEqual(["-1", null, "NA"]);
      expect(parseColumn(["-1", "NA", "3"], dtypes.int64, minusOne)).toEqual([null, null, 3n]);
      expect(parseColumn(["-1", "?", "3"], dtypes.int64, question)).toEqual([-1n, null, 3n]);
      expect(parseColumn(["-1", "NA", "3"], dtypes.int64)).toEqual([-1n, null, 3n]);
    }
  });

  it("keepDefaultNa: false keeps only naValues as null strings", () => {
    const o: CsvOptions = { keepDefaultNa: false, naValues: ["?"] };
    expect(rowsOf(parseBlock(enc.encode('NA,,?\n"",null,x\n'), layoutOf(3), o))).toEqual([["NA", "", null], ["", "null", "x"]]);
    expect(parseColumn(["?", "1"], dtypes.int64, o)).toEqual([null, 1n]);
    expect(rowsOf(parseBlock(enc.encode("NA,,?\n"), layoutOf(3), { keepDefaultNa: false }))).toEqual([["NA", "", "?"]]);
  });

  it("quotedNa: false reads quoted fields as values, never as nulls", () => {
    const o: CsvOptions = { quotedNa: false };
    const text = 'NA,"NA",,"","a""b"\n"null",null,"",x,""\n';
    const expected = [[null, "NA", null, "", 'a"b'], ["null", null, "", "x", ""]];
    expect(rowsOf(parseBlock(enc.encode(text), layoutOf(5), o))).toEqual(expected);
    expect(rowsOf(parseBlock(enc.encode(text), layoutOf(5), o, { slow: true }))).toEqual(expected);
    expect(rowsOf(parseBlock(enc.encode(text), layoutOf(5), o, { cuts: [3, 9, 14, 22] }))).toEqual(expected);
    // by default both are null, like pandas
    expect(rowsOf(parseBlock(enc.encode(text), layoutOf(5), {}))).toEqual([[null, null, null, null, 'a"b'], [null, null, null, "x", null]]);
    // numbers: a quoted number is a number, a quoted null string is a bad value
    expect(parseColumn(["1", '"2"', "NA"], dtypes.int64, o)).toEqual([1n, 2n, null]);
    for (const dtype of [dtypes.int64, dtypes.int32, dtypes.float64, dtypes.bool, dtypes.date32]) {
      const bad = parseEveryWay(enc.encode('"NA"\n'), layoutOf(1, dtype), o, new Rand(1), { everyCut: true });
      expect("code" in bad && bad.code, dtype.kind).toBe("SCHEMA_MISMATCH");
      expect("message" in bad && bad.message, dtype.kind).toMatch(/line 1, column "0": "NA" is not .*quoted, so a value with quotedNa: false/);
    }
  });

  it("null strings match whole fields exactly (no trimming, case-sensitive)", () => {
    expect(rowsOf(parseBlock(enc.encode(" NA,na,Null,NA \n"), layoutOf(4), {}))).toEqual([[" NA", "na", "Null", "NA "]]);
  });
});

describe("layouts and large inputs", () => {
  it("only the kept fields are parsed, in the layout's order", () => {
    const layout: CsvLayout = { fieldCount: 4, columns: [{ name: "b", dtype: dtypes.int64, fileColumnIndex: 1 }, { name: "d", dtype: dtypes.utf8, fileColumnIndex: 3 }] };
    const text = 'x,1,"not, a number",é\n"y\n",2,zz,"日本"\r\n';
    for (const slow of [false, true]) {
      const b = parseBlock(enc.encode(text), layout, {}, { slow });
      expect(b.names).toEqual(["b", "d"]);
      expect(columnsOf(b)).toEqual({ b: [1n, 2n], d: ["é", "日本"] });
    }
  });

  it("a layout must put its columns on distinct fields within the row", () => {
    const at = (...idx: number[]): CsvLayout => ({ fieldCount: 2, columns: idx.map((i, k) => ({ name: `c${k}`, dtype: dtypes.int64, fileColumnIndex: i })) });
    expectDuskError(() => parseBlock(enc.encode("1,2\n"), at(0, 0), {}), "INVALID_ARGUMENT", /columns "c0" and "c1" are both at field 0/);
    expectDuskError(() => parseBlock(enc.encode("1,2\n"), at(2), {}), "INVALID_ARGUMENT", /column "c0" is at field 2, outside the 2 fields of a row/);
    expect(rowsOf(parseBlock(enc.encode("1,2\n"), at(1, 0), {}))).toEqual([[2n, 1n]]);
  });

  it("mixed dtypes over many rows: fast path, exact path and every chunking agree with the values written", () => {
    const r = new Rand(40);
    const n = 9000;
    const want: ScalarValue[][] = [];
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = BigInt(r.int(-9e8, 9e8)) * 10_000_000_000n + BigInt(r.int(0, 1e9));
      const small = r.int(-2e9, 2e9);
      const f = Math.round(r.next() * 1e8) / 1e3;
      const s = r.pick(["id001", "id002", "é", "日本語", "a,b", 'say "x"', "long value past twelve bytes"]);
      const b = r.chance(0.5);
      const nul = r.int(0, 5);
      const row: ScalarValue[] = [id, small, f, s, b];
      row[nul] = null;
      want.push(row.slice(0, 5));
      const cells = [String(id), String(small), String(f), /[,"]/.test(s) || r.chance(0.1) ? `"${s.replaceAll('"', '""')}"` : s, b ? "True" : "False"];
      if (nul < 5) cells[nul] = r.pick(["", "NA", '""', "null"]);
      lines.push(cells.join(","));
    }
    const bytes = enc.encode(lines.join("\n"));
    const layout: CsvLayout = {
      fieldCount: 5,
      columns: [dtypes.int64, dtypes.int32, dtypes.float64, dtypes.utf8, dtypes.bool].map((dtype, i) => ({ name: `c${i}`, dtype, fileColumnIndex: i })),
    };
    for (const slow of [false, true]) {
      for (const cuts of [[], randomCuts(r, bytes.length, 50)]) {
        expect(rowsOf(parseBlock(bytes, layout, {}, { cuts, slow }))).toEqual(want);
      }
    }
  });

  it("a utf8 column of mostly distinct values goes plain; one of few values stays a dictionary", () => {
    const n = PLAIN_CHECK_ROWS + 5000;
    const lines: string[] = [];
    const many: ScalarValue[] = [], few: ScalarValue[] = [];
    for (let i = 0; i < n; i++) {
      const nul = i % 1000 === 7;
      many.push(nul ? null : `v${i}é`);
      few.push(nul ? null : `k${i % 50}`);
      lines.push(nul ? "," : `v${i}é,k${i % 50}`);
    }
    const bytes = enc.encode(lines.join("\n"));
    for (const slow of [false, true]) {
      const b = parseBlock(bytes, layoutOf(2), {}, { slow, cuts: [1 << 20] });
      expect(b.columns.map((c) => c.layout)).toEqual(["utf8", "dict"]);
      const cols = columnsOf(b);
      expect(cols["0"]).toEqual(many);
      expect(cols["1"]).toEqual(few);
    }
    // few rows, all distinct: plain at the end
    expect(parseBlock(enc.encode("a\nb\n"), layoutOf(1), {}).columns[0].layout).toBe("utf8");
  });

  it("a field the fast path gives up on is read whole by the exact path (an escape or comment after a null-looking start)", () => {
    const o: CsvOptions = { escapechar: "\\", comment: "#" };
    const text = "\\x,N\\A\n,a\n\\,,NA#c\nNA\\,b,\\N\n";
    expect(parseEveryWay(enc.encode(text), layoutOf(2), o, new Rand(41))).toEqual({ rows: [["x", null], [null, "a"], [",", null], ["NA,b", "N"]] });
    const ints = "\\1,2\n,3#\n";
    expect(parseEveryWay(enc.encode(ints), layoutOf(2, dtypes.int64), o, new Rand(42))).toEqual({ rows: [[1n, 2n], [null, 3n]] });
  });

  it("quoted numbers parse as numbers; text with the quote char inside stays text", () => {
    expect(rowsOf(parseBlock(enc.encode('"12","1.5"\n" 7 ",".5"\n'), { fieldCount: 2, columns: [{ name: "a", dtype: dtypes.int64, fileColumnIndex: 0 }, { name: "b", dtype: dtypes.float64, fileColumnIndex: 1 }] }, {})))
      .toEqual([[12n, 1.5], [7n, 0.5]]);
  });
});
