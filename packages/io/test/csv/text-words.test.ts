/**
 * Text fields on the fast path: a field's end is found, and its key packed, by three 32-bit word
 * loads (fast-rows-source.ts, StringDictionary.internShort); in a column gone plain, short ASCII
 * values are stored as those words (FAST_PLAIN). Values of every length
 * around the word edges (0–20 bytes), with every byte that can end a field (separator, line breaks,
 * escape, comment) right after a word edge, NUL and non-ASCII bytes, null strings, and fields that
 * end within 12 bytes of the end of the input (where the words would reach past it): the fast path
 * must give what the exact path gives, for every chunking.
 */
import type { ScalarValue } from "@dusk/kernels";
import { dtypes } from "@dusk/core";
import { describe, expect, it } from "vitest";
import { StringDictionary } from "../../src/csv/columns/string-dictionary.js";
import type { CsvOptions } from "../../src/csv/options.js";
import { PLAIN_CHECK_ROWS } from "../../src/csv/columns/utf8-builder.js";
import { columnsOf, enc, expectDuskError, layoutOf, parseBlock, parseEveryWay, Rand, rowsOf } from "./helpers.js";

/** A few random cut positions. */
function randomCutsOf(length: number, r: Rand): number[] {
  return Array.from({ length: 8 }, () => r.int(1, length - 1)).sort((a, b) => a - b).filter((c, i, xs) => i === 0 || c !== xs[i - 1]);
}

/** Random text of `len` bytes or a little more (multi-byte characters), never a byte of `avoid`. */
function value(r: Rand, len: number, avoid: string): string {
  const alphabet = ["a", "b", "Z", "0", "9", "-", ".", " ", "\u0000", "é", "日", "N", "A", "#", "\\", ";", ","].filter((c) => !avoid.includes(c));
  let s = "";
  while (enc.encode(s).length < len) s += r.pick(alphabet);
  return s;
}

describe("dictionary text fields read by words", () => {
  const cases: { name: string; options: CsvOptions; sep: string; avoid: string }[] = [
    { name: "defaults", options: {}, sep: ",", avoid: "," },
    { name: "a semicolon separator", options: { sep: ";" }, sep: ";", avoid: ";" },
    { name: "a tab separator", options: { sep: "\t" }, sep: "\t", avoid: "\t" },
    { name: "an escape and a comment character", options: { escapechar: "\\", comment: "#" }, sep: ",", avoid: ",\\#" },
  ];
  for (const { name, options, sep, avoid } of cases) {
    it(`gives the exact path's values, every length 0–20, with ${name}`, () => {
      const r = new Rand(name.length);
      const lines: string[] = [];
      for (let len = 0; len <= 20; len++) {
        for (let k = 0; k < 3; k++) lines.push([value(r, len, avoid), value(r, r.int(0, 14), avoid), r.pick(["NA", "", "nan", "id001"])].join(sep));
      }
      const text = `${lines.join("\n")}\n`;
      const got = parseEveryWay(enc.encode(text), layoutOf(3), options, r, { everyCut: false });
      expect("rows" in got).toBe(true);
      // and what was written, nulls aside
      const rows = (got as { rows: ScalarValue[][] }).rows;
      expect(rows.length).toBe(lines.length);
      rows.forEach((row, i) => {
        const want = lines[i].split(sep);
        row.forEach((v, c) => { if (v !== null) expect(v).toBe(want[c]); });
      });
    });
    it(`skips the fields no column keeps by words, every length 0–20, with ${name}`, () => {
      // only the last field is kept: the two before it are skipped four bytes at a time
      const r = new Rand(name.length + 100);
      const lines: string[] = [];
      for (let len = 0; len <= 20; len++) {
        for (let k = 0; k < 3; k++) lines.push([value(r, len, avoid), value(r, r.int(0, 14), avoid), String(r.int(-99, 99))].join(sep));
      }
      const layout = { fieldCount: 3, columns: [{ name: "n", dtype: dtypes.int64, fileColumnIndex: 2 }] };
      const got = parseEveryWay(enc.encode(`${lines.join("\n")}\n`), layout, options, r, { everyCut: false });
      expect(got).toEqual({ rows: lines.map((l) => [BigInt(l.split(sep)[2])]) });
      // a short last row, to end within four bytes of the input's end
      expect(parseEveryWay(enc.encode(`a${sep}b${sep}1\n${sep}${sep}2\n`), layout, options, r)).toEqual({ rows: [[1n], [2n]] });
    });
  }

  it("stops at a stop byte at each position of each word, and at the input's last bytes", () => {
    const r = new Rand(7);
    for (let len = 0; len <= 13; len++) {
      for (const [stop, options] of [["#", { comment: "#" }], ["\\", { escapechar: "\\" }], ["\r", {}]] as const) {
        const v = "x".repeat(len);
        // the stop byte right after the value: the fast path must hand the row to the exact path or end the field there
        const text = `${v}${stop}tail,${v}\nlast,${v}`;
        parseEveryWay(enc.encode(text), layoutOf(2), options, r);
      }
    }
  });

  it("keys short values by their words, apart from longer ones and from values with trailing NULs", () => {
    const d = new StringDictionary();
    const values = ["", "a", "a\u0000", "abcd", "abcd\u0000", "abcdefgh", "abcdefghijkl", "abcdefghijklm", "abcdefghijkl\u0000"];
    const ids = values.map((v) => { const b = enc.encode(v); return d.intern(b, 0, b.length); });
    expect(new Set(ids).size).toBe(values.length);
    // the same ids through internShort with words packed by the caller
    values.forEach((v, i) => {
      const b = enc.encode(v);
      if (b.length > 12) return;
      const padded = new Uint8Array(12);
      padded.set(b);
      const w = new DataView(padded.buffer);
      expect(d.internShort(b.length, w.getInt32(0, true), w.getInt32(4, true), w.getInt32(8, true), b, 0)).toBe(ids[i]);
    });
    expect(columnsOf({ names: ["d"], columns: [d.toColumn()], length: d.size }).d).toEqual(values);
  });

  it("keeps a high-cardinality column's values through the switch to plain, fast and exact path alike", () => {
    // 12-byte keys, many distinct (like db-benchmark's id3 in a small block), and a few long ones
    const lines: string[] = [];
    for (let i = 0; i < 300000; i++) lines.push(`id${String(i % 150000).padStart(10, "0")},${i % 997 === 0 ? "a long value of many bytes" : "k"}`);
    const bytes = enc.encode(`${lines.join("\n")}\n`);
    const fast = parseBlock(bytes, layoutOf(2), {}, { cuts: [1 << 20, 3 << 20] });
    const slow = parseBlock(bytes, layoutOf(2), {}, { slow: true });
    expect(fast.columns.map((c) => c.layout)).toEqual(slow.columns.map((c) => c.layout));
    expect(columnsOf(fast)).toEqual(columnsOf(slow));
    expect(columnsOf(fast)["0"][299999]).toBe("id0000149999");
  });

  it("stores every kind of value in a column gone plain as the exact path does: lengths 0–20, non-ASCII, NUL, nulls", () => {
    const r = new Rand(99);
    const lines: string[] = [];
    // distinct values first, so that the column goes plain at the first check
    for (let i = 0; i < PLAIN_CHECK_ROWS + 10; i++) lines.push(`u${i},k`);
    for (let k = 0; k < 2000; k++) {
      const v = r.chance(0.1) ? r.pick(["NA", "", "null", "x".repeat(70), "é".repeat(40)]) : value(r, r.int(0, 20), ",");
      lines.push(`${v},${value(r, r.int(0, 13), ",")}`);
    }
    const bytes = enc.encode(`${lines.join("\n")}\n`);
    const fast = parseBlock(bytes, layoutOf(2), {}, { cuts: randomCutsOf(bytes.length, r) });
    const slow = parseBlock(bytes, layoutOf(2), {}, { slow: true });
    expect(fast.columns.map((c) => c.layout)).toEqual(["utf8", "dict"]);
    expect(slow.columns.map((c) => c.layout)).toEqual(["utf8", "dict"]);
    const rows = rowsOf(fast);
    expect(rows).toEqual(rowsOf(slow));
    rows.forEach((row, i) => { if (row[0] !== null) expect(row[0]).toBe(lines[i].split(",")[0]); });
  });

  it("rejects a value that is not UTF-8 in a column gone plain, on its line, fast and exact path alike", () => {
    const head = Array.from({ length: PLAIN_CHECK_ROWS + 10 }, (_, i) => `u${i}`).join("\n");
    const bad = enc.encode(`${head}\nok\nab\u00ff\n`);
    const at = bad.lastIndexOf(0xbf); // "ÿ" is c3 bf: make it a lone continuation byte
    bad[at - 1] = 0x41;
    const line = PLAIN_CHECK_ROWS + 12;
    for (const slow of [false, true]) {
      expectDuskError(() => parseBlock(bad, layoutOf(1), {}, { slow }), "CSV_PARSE_ERROR", new RegExp(`line ${line}`));
    }
  });
});
