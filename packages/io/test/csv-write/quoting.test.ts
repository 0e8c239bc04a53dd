// Quoting modes, strings with every special character, the header, options, and what papaparse
// (a reference tokenizer) and our reader make of the text.
import { dtypes } from "@dusk/core";
import { columnToValues, type Batch, type Column } from "@dusk/kernels";
import { describe, expect, it } from "vitest";
import { DEFAULT_NA_VALUES } from "../../src/csv/index.js";
import { formatCsv, type CsvWriteOptions } from "../../src/csv/write-format.js";
import {
  batchOf, col, dictColumn, dtypeOptions, enc, expectSameBatch, expectSameValues, floatColumn, floatText, papaRows, readBack, rng, text, thrown, valuesOf,
} from "./helpers.js";

/** A batch of one row per kind, for the quoting modes. */
function small(): Batch {
  return batchOf({
    s: col("utf8", ["a,b", "plain", null]),
    i: col("int64", [1n, -2n, null]),
    f: floatColumn([0.5, NaN, 0], [false, false, true]),
    b: col("bool", [true, null, false]),
    d: col("date32", [0, 19782, null]),
  });
}

describe("quoting modes", () => {
  it("minimal quotes only what must be quoted", () => {
    expect(text(formatCsv(small()))).toBe("s,i,f,b,d\n\"a,b\",1,0.5,True,1970-01-01\nplain,-2,NAN,,2024-02-29\n,,,False,\n");
  });

  it("all quotes every field, nulls and header included", () => {
    expect(text(formatCsv(small(), { quoting: "all" }))).toBe(
      '"s","i","f","b","d"\n"a,b","1","0.5","True","1970-01-01"\n"plain","-2","NAN","","2024-02-29"\n"","","","False",""\n');
  });

  it("nonnumeric quotes everything but non-null ints and floats", () => {
    expect(text(formatCsv(small(), { quoting: "nonnumeric" }))).toBe(
      '"s","i","f","b","d"\n"a,b",1,0.5,"True","1970-01-01"\n"plain",-2,NAN,"","2024-02-29"\n"","","","False",""\n');
  });

  it("none quotes nothing, and refuses a value that needs quotes, naming column and row", () => {
    const ok = batchOf({ s: col("utf8", ["plain", " spaced ", "NA", ""]), i: col("int32", [1, 2, null, 4]) });
    expect(text(formatCsv(ok, { quoting: "none" }))).toBe("s,i\nplain,1\n spaced ,2\nNA,\n,4\n");
    const cases: [Column, number, RegExp][] = [
      [col("utf8", ["ok", "x", "a,b"]), 2, /column "s", row 2: the value "a,b" contains the separator ","/],
      [col("utf8", ['say "hi"', "x", "y"]), 0, /row 0: the value "say \\"hi\\"" contains the quote character "\\""/],
      [col("utf8", ["x", "two\nlines", "y"]), 1, /row 1: .* contains a line break/],
      [col("utf8", ["x", "y", "cr\r"]), 2, /contains a line break/],
      [dictColumn(["p", "q;r"], [0, 1, 0]), 1, /row 1: the value "q;r" contains the separator ";"/],
    ];
    for (const [column, row, message] of cases) {
      const sep = column.layout === "dict" ? ";" : ",";
      const e = thrown(() => formatCsv(batchOf({ s: column, n: col("int8", [1, 2, 3]) }), { quoting: "none", sep }));
      expect(e.code).toBe("INVALID_ARGUMENT");
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/quoting: "minimal"/);
      expect(e.details).toMatchObject({ column: "s", row });
    }
  });

  it("none refuses what would read back as a blank line in a one-column file, and a naRep that needs quotes", () => {
    expect(thrown(() => formatCsv(batchOf({ s: col("utf8", ["a", "  "]) }), { quoting: "none" })).message)
      .toMatch(/column "s", row 1: .*reads back as a blank line/);
    expect(thrown(() => formatCsv(batchOf({ s: col("int64", [1n, null]) }), { quoting: "none" })).message)
      .toMatch(/column "s", row 1: the value is null and naRep "" is empty/);
    expect(thrown(() => formatCsv(batchOf({ a: col("int64", [1n, null]), b: col("int8", [1, 2]) }), { quoting: "none", naRep: "n,a" })).message)
      .toMatch(/column "a", row 1: the value is null and naRep "n,a" contains the separator/);
    expect(thrown(() => formatCsv(batchOf({ "a,b": col("int8", [1]) }), { quoting: "none" })).message)
      .toMatch(/the header, column "a,b": the column name "a,b" contains the separator/);
    // a dictionary entry no row uses is never written, so it is no error
    expect(text(formatCsv(batchOf({ s: dictColumn(["ok", "a,b"], [0, 0]) }), { quoting: "none" }))).toBe("s\nok\nok\n");
  });
});

/** Strings from the characters that make CSV hard, plus multibyte text. */
function trickyStrings(count: number, seed: number): string[] {
  const parts = [",", '"', "\r", "\n", "\r\n", " ", "\t", ";", "'", "#", "a", "é", "日本", "🙂", "\uFEFF", "NA", "null", "\\", "x y", "\u00a0", "\u2028"];
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = "";
    const n = Math.floor(next() * 7);
    for (let k = 0; k < n; k++) s += parts[Math.floor(next() * parts.length)];
    out.push(s);
  }
  return out;
}

/** What our reader reads a non-null string back as: null for its null strings (see write-format's limitation). */
const readsAs = (s: string | null): string | null => (s === null || DEFAULT_NA_VALUES.includes(s) ? null : s);

describe("strings", () => {
  const values: (string | null)[] = [
    "", " ", "  lead", "trail ", "\tx", "a,b", 'q"uote', '"', '""', "line\nbreak", "cr\rreturn", "crlf\r\nx", "\r\n", "日本語", "🙂🙃", "é,ü",
    "\uFEFFbom", "plain", null, "NA", "null", "N/A", "nan", "None", "<NA>", "#N/A", "x".repeat(300), `${"y".repeat(100)},"${"z".repeat(100)}"`,
    ...trickyStrings(3000, 1),
  ];

  for (const quoting of ["minimal", "all", "nonnumeric"] as const) {
    for (const sep of [",", ";", "\t", "|"]) {
      it(`survive papaparse and our reader, quoting ${quoting}, sep ${JSON.stringify(sep)}`, () => {
        const batch = batchOf({ plain: col("utf8", values), dict: dictColumn(values.map((v) => v ?? "?"), values.map((v, i) => (v === null ? -1 : i))) });
        const out = text(formatCsv(batch, { quoting, sep }));
        // papaparse sees the exact strings (nulls as the empty naRep)
        const rows = papaRows(out, sep);
        expect(rows.length).toBe(values.length + 1);
        expect(rows[0]).toEqual(["plain", "dict"]);
        values.forEach((v, i) => {
          if (rows[i + 1][0] !== (v ?? "") || rows[i + 1][1] !== (v ?? "")) {
            expect.fail(`row ${i}: papaparse read ${JSON.stringify(rows[i + 1])}, wrote ${JSON.stringify(v)}`);
          }
        });
        for (const fast of [true, false]) {
          const back = readBack(enc.encode(out), { sep, dtype: { plain: "utf8", dict: "utf8" } }, fast, 777);
          expectSameValues(valuesOf(back.columns[0]), values.map(readsAs), `plain (fast ${fast})`);
          expectSameValues(valuesOf(back.columns[1]), values.map(readsAs), `dict (fast ${fast})`);
          if (quoting !== "minimal") continue;
          // quotedNa: false reads quoted fields as values: every string comes back, nulls stay null
          const exact = readBack(enc.encode(out), { sep, dtype: { plain: "utf8", dict: "utf8" }, quotedNa: false }, fast, 777);
          expectSameValues(valuesOf(exact.columns[0]), values, `plain, quotedNa: false (fast ${fast})`);
          expectSameValues(valuesOf(exact.columns[1]), values, `dict, quotedNa: false (fast ${fast})`);
        }
      });
    }
  }

  it("quotes (minimal) empty strings, edge spaces, a leading BOM and the reader's null strings", () => {
    const batch = batchOf({ s: col("utf8", ["", " a", "a\t", "\uFEFFx", "NA", "NULL", "ok", "NAs", "-nan"]), n: col("int8", [1, 2, 3, 4, 5, 6, 7, 8, 9]) });
    expect(text(formatCsv(batch, { header: false })).split("\n").slice(0, -1).map((l) => l.slice(0, -2)))
      .toEqual(['""', '" a"', '"a\t"', '"\uFEFFx"', '"NA"', '"NULL"', "ok", "NAs", '"-nan"']);
  });

  it("a string equal to a null string reads back as null by default, as itself with quotedNa: false", () => {
    // our reader (like pandas) matches null strings after removing quotes by default; if this ever
    // changes, the writer's module doc (and readsAs above) should too
    const written = formatCsv(batchOf({ s: col("utf8", ["NA", "", "x", null]), n: col("int8", [1, 2, 3, 4]) }));
    const back = readBack(written, { dtype: { s: "utf8" } });
    expect(columnToValues(back.columns[0])).toEqual([null, null, "x", null]);
    for (const fast of [true, false]) {
      const exact = readBack(written, { quotedNa: false }, fast);
      expect(exact.columns[0].dtype.kind).toBe("utf8");
      expect(columnToValues(exact.columns[0]), `fast ${fast}`).toEqual(["NA", "", "x", null]);
    }
    // reading with only naRep as null string narrows it to strings equal to naRep
    const custom = formatCsv(batchOf({ s: col("utf8", ["NA", "", null]), n: col("int8", [1, 2, 3]) }), { naRep: "\\N" });
    const narrowed = readBack(custom, { dtype: { s: "utf8" }, keepDefaultNa: false, naValues: ["\\N"] });
    expect(columnToValues(narrowed.columns[0])).toEqual(["NA", "", null]);
  });

  it("writes plain columns whose offsets do not start at 0", () => {
    const data = enc.encode("skip,me|ab\"c");
    const column: Column = { layout: "utf8", dtype: dtypes.utf8, length: 2, offsets: Int32Array.from([7, 9, 12]), data, validity: null };
    expect(text(formatCsv(batchOf({ s: column, n: col("int8", [1, 2]) })))).toBe('s,n\n|a,1\n"b""c",2\n');
  });
});

describe("header, separators, quote characters and line terminators", () => {
  it("writes the header with the same quoting, and can leave it out", () => {
    const batch = batchOf({ "a,b": col("int8", [1]), 'q"': col("int8", [2]), " x": col("int8", [3]), "": col("int8", [4]), NA: col("int8", [5]) });
    expect(text(formatCsv(batch))).toBe('"a,b","q""",\" x\","",NA\n1,2,3,4,5\n');
    expect(text(formatCsv(batch, { header: false }))).toBe("1,2,3,4,5\n");
    expect(papaRows(text(formatCsv(batch)))[0]).toEqual(["a,b", 'q"', " x", "", "NA"]);
  });

  it("writes nothing for a batch without columns, and only the header for one without rows", () => {
    expect(formatCsv({ names: [], columns: [], length: 0 }).length).toBe(0);
    expect(text(formatCsv(batchOf({ a: col("int8", []), b: col("utf8", []) })))).toBe("a,b\n");
  });

  /** Every dtype, with values whose text holds the characters the separators below collide with. */
  function everyKind(): Batch {
    return batchOf({
      s: col("utf8", ["a.b", "x-y", null, "e:1"]),
      i: col("int64", [-1n, 2n, null, -9223372036854775808n]),
      u: col("uint32", [1, 4294967295, 0, null]),
      f: floatColumn([-1.5, 1e21, NaN, -Infinity], [false, false, false, true]),
      g: floatColumn([0.1, -0, 3e38, NaN], [], true),
      b: col("bool", [true, false, null, true]),
      d: col("date32", [-719529, 0, null, 2932897]),
      t: col("timestamp[ms]", [-1n, 1500n, null, 0n]),
      z: col("timestamp[ns, UTC]", [1n, null, -1n, 0n]),
    });
  }

  const dialects: (CsvWriteOptions & { name: string })[] = [
    { name: "sep .", sep: "." }, { name: "sep -", sep: "-" }, { name: "sep space", sep: " " }, { name: "sep :", sep: ":" },
    { name: "sep e", sep: "e" }, { name: "sep N", sep: "N" }, { name: "sep 1", sep: "1" },
    { name: "quotechar -", quotechar: "-" }, { name: "quotechar '", quotechar: "'" }, { name: "quotechar 0", quotechar: "0" },
    { name: "crlf", lineTerminator: "\r\n" }, { name: "cr", lineTerminator: "\r" }, { name: "all, sep .", quoting: "all", sep: "." },
    { name: "nonnumeric, quotechar -", quoting: "nonnumeric", quotechar: "-" }, { name: "naRep NULL", naRep: "NULL" },
  ];
  for (const { name, ...options } of dialects) {
    it(`read back every dtype exactly: ${name}`, () => {
      const batch = everyKind();
      const out = formatCsv(batch, options);
      const sep = options.sep ?? ",", quote = options.quotechar ?? '"';
      const back = readBack(out, { sep, quotechar: quote, dtype: dtypeOptions(batch) });
      expectSameBatch(back, batch, name);
      const rows = papaRows(text(out), sep, quote, options.lineTerminator ?? "\n");
      expect(rows.map((r) => r[4])).toEqual(["g", "0.1", "-0", "3e+38", "NAN"]);
      expect(rows.map((r) => r[3])).toEqual(["f", "-1.5", "1e+21", "NAN", options.naRep ?? ""]);
    });
  }

  it("rejects options it cannot honour, naming the option", () => {
    const b = small();
    const bad: [CsvWriteOptions, string][] = [
      [{ sep: "::" }, "sep"], [{ sep: "\n" }, "sep"], [{ sep: "é" }, "sep"], [{ quotechar: "\r" }, "quotechar"],
      [{ sep: "'", quotechar: "'" }, "quotechar"], [{ quoting: "some" as never }, "quoting"], [{ quoting: "toString" as never }, "quoting"],
      [{ lineTerminator: "\t" as never }, "lineTerminator"], [{ naRep: 0 as never }, "naRep"], [{ header: "yes" as never }, "header"],
      [{ nanRep: null as never }, "nanRep"],
    ];
    for (const [options, option] of bad) {
      const e = thrown(() => formatCsv(b, options));
      expect(e.code, JSON.stringify(options)).toBe("INVALID_ARGUMENT");
      expect(e.details.option, JSON.stringify(options)).toBe(option);
      expect(e.message).toMatch(new RegExp(`^toCsv: .*${option}`));
    }
    expect(thrown(() => formatCsv({ names: ["a"], columns: [col("int8", [1, 2])], length: 1 })).message).toMatch(/column "a" has 2 rows, the batch 1/);
    expect(thrown(() => formatCsv({ names: ["a", "b"], columns: [col("int8", [1])], length: 1 })).message).toMatch(/2 names but 1 columns/);
  });

  it("writes floats in columns of any dtype as papaparse and String agree", () => {
    const next = rng(21);
    const xs = Array.from({ length: 2000 }, () => (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20));
    const rows = papaRows(text(formatCsv(batchOf({ x: floatColumn(xs), n: col("int32", xs.map((_, i) => i)) }), { quoting: "all" })));
    expect(rows.slice(1).map((r) => r[0])).toEqual(xs.map((x) => floatText(x)));
  });
});
