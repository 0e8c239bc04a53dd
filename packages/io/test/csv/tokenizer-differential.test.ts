/**
 * The block parser's tokenizing, checked against papaparse (the reference) and against the rows a
 * generator meant to write, on generated and fuzzed CSV: quotes, doubled quotes, separators and
 * line breaks inside quotes, CRLF and lone CR, BOM, empty fields, blank lines, with or without a
 * trailing line break, multi-byte UTF-8; pushed whole, cut at every offset (small inputs), byte by
 * byte and at random offsets; with the fast path on and off. Every field is read as utf8 with no
 * null strings, so fields come back exactly as text.
 *
 * Where papaparse is the odd one out (it takes one kind of line break per input, skips the BOM but
 * keeps lines of spaces, trims spaces after a closing quote, rejects text after a closing quote),
 * the tests below say so and check pandas' read_csv semantics instead.
 */
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import {
  enc, layoutOf, outcome, parseBlock, parseEveryWay, papaRows, randomCuts, Rand, rowsOf, TEXT, type Outcome,
} from "./helpers.js";

type Newline = "\n" | "\r\n" | "\r";
const NEWLINES: readonly Newline[] = ["\n", "\r\n", "\r"];

/** Pieces field values are made of: every character class the tokenizer treats apart. */
const PIECES = ["a", "b", "Zz", "1", "42", " ", "\t", ",", '"', '""', "\n", "\r\n", "\r", "é", "日本", "😀", "#", "'", "\\", "ÿ"];

/** A value of 0 to `max` pieces. */
function randomValue(r: Rand, max: number): string {
  let v = "";
  const n = r.int(0, max);
  for (let k = 0; k < n; k++) v += r.pick(PIECES);
  return v;
}

interface Spec {
  readonly rows: string[][];
  readonly fieldCount: number;
  readonly newline: Newline;
  readonly bom: boolean;
  readonly trailing: boolean;
  /** Blank lines (empty or spaces/tabs) were inserted between rows. */
  readonly blank: boolean;
}

/** A field as CSV: quoted when it must be (or by chance), doubling quotes inside. */
function writeField(v: string, fieldCount: number, r: Rand, quoteProb: number): string {
  const must = v.includes(",") || v.includes("\n") || v.includes("\r") || v.startsWith('"') ||
    (fieldCount === 1 && /^[ \t]*$/.test(v)); // a lone empty or blank field would be a blank line
  return must || r.chance(quoteProb) ? `"${v.replaceAll('"', '""')}"` : v;
}

function writeCsv(spec: Spec, r: Rand, quoteProb: number): string {
  const lines: string[] = [];
  for (const row of spec.rows) {
    if (spec.blank && r.chance(0.3)) lines.push(r.pick(["", "", " ", "\t", "  \t "]));
    lines.push(row.map((v) => writeField(v, spec.fieldCount, r, quoteProb)).join(","));
  }
  let text = lines.join(spec.newline);
  if (spec.trailing && spec.rows.length > 0) text += spec.newline;
  return (spec.bom ? "\ufeff" : "") + text;
}

function randomSpec(r: Rand, maxRows: number, maxPieces: number): Spec {
  const fieldCount = r.int(1, 5);
  const rows = Array.from({ length: r.int(0, maxRows) }, () => Array.from({ length: fieldCount }, () => randomValue(r, maxPieces)));
  return {
    rows, fieldCount, newline: r.pick(NEWLINES), bom: r.chance(0.2), trailing: r.chance(0.5),
    blank: fieldCount > 1 && r.chance(0.3),
  };
}

/**
 * papaparse's rows, with what pandas (and Dusk) skip taken out: blank lines and lines of spaces
 * and tabs (papaparse keeps those as one-field rows), and the empty row papaparse reports after a
 * trailing line break.
 */
function papaExpected(text: string, spec: Spec): string[][] {
  const rows = papaRows(text, spec.newline);
  if (spec.fieldCount > 1) return rows.filter((row) => !(row.length === 1 && /^[ \t]*$/.test(row[0])));
  if (spec.trailing && spec.rows.length > 0) expect(rows.pop()).toEqual([""]);
  if (spec.rows.length === 0) return rows.filter((row) => !(row.length === 1 && row[0] === ""));
  return rows;
}

describe("generated CSV: papaparse, the generator and Dusk agree", () => {
  it("small inputs, cut at every offset, fast path on and off", () => {
    const r = new Rand(1);
    for (let k = 0; k < 160; k++) {
      const spec = randomSpec(r, 4, 4);
      const text = writeCsv(spec, r, 0.3);
      expect(papaExpected(text, spec), `papaparse on ${JSON.stringify(text)}`).toEqual(spec.rows);
      const got = parseEveryWay(enc.encode(text), layoutOf(spec.fieldCount), TEXT, r);
      expect(got, JSON.stringify(text)).toEqual({ rows: spec.rows });
    }
  });

  it("larger inputs at random cuts", () => {
    const r = new Rand(2);
    for (let k = 0; k < 25; k++) {
      const spec = randomSpec(r, 400, 8);
      const text = writeCsv(spec, r, 0.2);
      expect(papaExpected(text, spec)).toEqual(spec.rows);
      const bytes = enc.encode(text);
      const got = parseEveryWay(bytes, layoutOf(spec.fieldCount), TEXT, r, { everyCut: false });
      expect(got).toEqual({ rows: spec.rows });
      // chunks cut right inside UTF-8 sequences, inside quotes, and between \r and \n
      const cuts: number[] = [];
      for (let i = 1; i < bytes.length; i++) {
        const b = bytes[i], prev = bytes[i - 1];
        if ((b & 0xc0) === 0x80 || (prev === 13 && b === 10) || prev === 34) if (r.chance(0.3)) cuts.push(i);
      }
      for (const slow of [false, true]) {
        expect(outcome(() => parseBlock(bytes, layoutOf(spec.fieldCount), TEXT, { cuts, slow }))).toEqual({ rows: spec.rows });
      }
    }
  });

  it("many plain rows with odd ones between them (the fast path hands over and takes back)", () => {
    const r = new Rand(3);
    const rows: string[][] = [];
    for (let i = 0; i < 12_000; i++) {
      const odd = r.chance(0.02);
      rows.push([`k${i % 97}`, odd ? randomValue(r, 6) : String(r.int(0, 1e6)), odd ? 'say "hi"' : "plain", `v${i}`]);
    }
    const spec: Spec = { rows, fieldCount: 4, newline: "\r\n", bom: false, trailing: true, blank: false };
    const field = (v: string, c: number): string => (c === 2 && v !== "plain" ? `"${v.replaceAll('"', '""')}"` : writeField(v, 4, r, 0.05));
    const text = rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
    const bytes = enc.encode(text);
    expect(papaExpected(text, spec)).toEqual(spec.rows);
    for (const slow of [false, true]) {
      for (const cuts of [[], randomCuts(r, bytes.length, 40), Array.from({ length: Math.floor(bytes.length / 997) }, (_, i) => (i + 1) * 997)]) {
        expect(outcome(() => parseBlock(bytes, layoutOf(4), TEXT, { cuts, slow }))).toEqual({ rows: spec.rows });
      }
    }
  });

  it("a quoted field longer than the carry step, spanning many chunks", () => {
    const big = `${"x,\"\r\n".repeat(20_000)}日本😀`; // 100 kB inside one pair of quotes
    const rows = [["a", big, "b"], ["c", "d", "e"]];
    const text = `a,"${big.replaceAll('"', '""')}",b\nc,d,e`;
    const bytes = enc.encode(text);
    expect(papaRows(text, "\n")).toEqual(rows);
    for (const slow of [false, true]) {
      for (const step of [1000, 65_535, 70_001]) {
        const cuts = Array.from({ length: Math.floor((bytes.length - 1) / step) }, (_, i) => (i + 1) * step);
        expect(outcome(() => parseBlock(bytes, layoutOf(3), TEXT, { cuts, slow }))).toEqual({ rows });
      }
    }
  });

  it("an input that is only a BOM, blank lines, or nothing gives no rows", () => {
    const r = new Rand(4);
    for (const text of ["", "\ufeff", "\ufeff\n", "\n\n", "\r\n\r\n", "\r\r", "  \n\t\n", "\ufeff  "]) {
      expect(parseEveryWay(enc.encode(text), layoutOf(2), TEXT, r)).toEqual({ rows: [] });
    }
  });
});

/** Tokens of the fuzzer: one newline kind per input, since papaparse takes only one. */
function fuzzText(r: Rand, newline: Newline): string {
  const tokens = ["a", "bc", "7", ",", ",", '"', '"', '""', newline, newline, " ", "é", "日本", "😀"];
  let t = r.chance(0.1) ? "\ufeff" : "";
  const n = r.int(0, 40);
  for (let k = 0; k < n; k++) t += r.pick(tokens);
  return t;
}

describe("fuzzed CSV", () => {
  it("agrees with papaparse where papaparse reads the input cleanly, and is the same for every chunking", () => {
    const r = new Rand(5);
    let compared = 0, unclosed = 0;
    for (let k = 0; k < 700; k++) {
      const newline = r.pick(NEWLINES);
      const text = fuzzText(r, newline);
      const bytes = enc.encode(text);
      const res = Papa.parse<string[]>(text, { delimiter: ",", newline, skipEmptyLines: false });
      const papa = res.data.filter((row) => !(row.length === 1 && /^[ \t]*$/.test(row[0])));
      const fieldCount = papa.length > 0 ? papa[0].length : 1;
      const got = parseEveryWay(bytes, layoutOf(fieldCount), TEXT, r, { everyCut: bytes.length <= 80 });
      if ("code" in got) expect(got.code).toMatch(/^(CSV_BAD_LINE|CSV_PARSE_ERROR)$/);
      const codes = new Set(res.errors.map((e) => e.code));
      if (codes.size === 1 && codes.has("MissingQuotes")) {
        // a quote opened and never closed: an error for Dusk (unless a bad row came first)
        expect("code" in got, JSON.stringify(text)).toBe(true);
        unclosed++;
        continue;
      }
      // papaparse trims spaces between a closing quote and the separator (pandas keeps them), and
      // reads a line of just "" as a blank line (pandas: a row with one empty field)
      if (codes.size > 0 || /" +(,|\r|\n|$)/.test(text) || /(^\ufeff?|\r|\n)""(\r|\n|$)/.test(text)) continue;
      if (papa.some((row) => row.length !== fieldCount)) {
        expect(got, JSON.stringify(text)).toMatchObject({ code: "CSV_BAD_LINE" });
        continue;
      }
      // with one field per row, a blank field and a blank line read the same to papaparse
      const drop = (rows: readonly (readonly unknown[])[]): unknown[][] =>
        rows.filter((row) => fieldCount > 1 || !/^[ \t]*$/.test(String(row[0]))).map((row) => [...row]);
      expect(got, JSON.stringify(text)).toHaveProperty("rows");
      expect(drop((got as { rows: unknown[][] }).rows), JSON.stringify(text)).toEqual(drop(papa));
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
    expect(unclosed).toBeGreaterThan(50);
  });
});

describe("where papaparse differs from pandas' read_csv, Dusk follows pandas", () => {
  const read = (text: string, fields: number): Outcome => parseEveryWay(enc.encode(text), layoutOf(fields), TEXT, new Rand(6));

  it("\\n, \\r\\n and a lone \\r all end rows in one input (papaparse takes one kind per input)", () => {
    const text = "a,b\r\nc,d\re,f\ng,h\r\ri,j";
    expect(read(text, 2)).toEqual({ rows: [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"], ["i", "j"]] });
    // told the breaks are \r\n, papaparse leaves the others in the fields
    expect(Papa.parse(text, { delimiter: ",", newline: "\r\n" }).data).toEqual([["a", "b"], ["c", "d\re", "f\ng", "h\r\ri", "j"]]);
  });

  it("lines of spaces and tabs are blank lines (papaparse keeps them as rows)", () => {
    expect(read("a,b\n  \n\t\n \t \nc,d\n", 2)).toEqual({ rows: [["a", "b"], ["c", "d"]] });
    expect(papaRows("a,b\n  \nc,d", "\n")).toEqual([["a", "b"], ["  "], ["c", "d"]]);
    // a line that starts with spaces but has more is a row, spaces kept
    expect(read("  a, b \n", 2)).toEqual({ rows: [["  a", " b "]] });
  });

  it("text after a closing quote is kept literally (papaparse reports InvalidQuotes)", () => {
    expect(read('"ab"cd,e\n"x"" y"z"",w\n', 2)).toEqual({ rows: [["abcd", "e"], ['x" yz""', "w"]] });
    expect(Papa.parse('"ab"cd,e', { delimiter: "," }).errors.map((e) => e.code)).toContain("InvalidQuotes");
  });

  it("spaces after a closing quote stay in the field (papaparse drops them)", () => {
    expect(read('"a"  ,b\n', 2)).toEqual({ rows: [["a  ", "b"]] });
    expect(papaRows('"a"  ,b', "\n")).toEqual([["a", "b"]]);
  });

  it("a quoted empty field on its own line is a row, not a blank line", () => {
    expect(read('a\n""\n\nb\n', 1)).toEqual({ rows: [["a"], [""], ["b"]] });
  });

  it("a quote only opens quotes at the start of a field", () => {
    const text = 'ab"c,d"\n "x,y" \n';
    expect(read(text, 2)).toEqual({ rows: [['ab"c', 'd"'], [' "x', 'y" ']] });
    expect(papaRows(text, "\n").slice(0, 2)).toEqual([['ab"c', 'd"'], [' "x', 'y" ']]);
  });

  it("a chunk boundary between \\r and \\n does not make a blank line or an extra row", () => {
    const bytes = enc.encode("a,b\r\nc,d\r\n");
    for (let c = 1; c < bytes.length; c++) {
      for (const slow of [false, true]) {
        expect(rowsOf(parseBlock(bytes, layoutOf(2), TEXT, { cuts: [c], slow }))).toEqual([["a", "b"], ["c", "d"]]);
      }
    }
  });
});

/**
 * pandas' C tokenizer, char by char, for the options papaparse has no counterpart of (an escape
 * character that works outside quotes too, comments that end a row mid-line): the rows, or where a
 * row has the wrong field count or a quote is never closed.
 */
function pandasRows(text: string, o: { sep: string; quote: string; escape: string; comment: string }, fieldCount: number): Outcome {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let state: "start" | "unq" | "q" | "qq" | "esc" | "escq" | "comment" = "start";
  let inRow = false;
  let line = 1, rowLine = 1, quoteLine = 1;
  const endField = (): void => { row.push(field); field = ""; };
  const endRow = (): Outcome | null => {
    endField();
    if (row.length !== fieldCount) return { code: "CSV_BAD_LINE", message: `line ${rowLine}: expected ${fieldCount}, found ${row.length}` };
    rows.push(row);
    row = [];
    inRow = false;
    return null;
  };
  const s = text.startsWith("\ufeff") ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const brk = c === "\n" || c === "\r";
    const lineEnd = c === "\r" || (c === "\n" && s[i - 1] !== "\r");
    if (!inRow && state !== "comment") {
      if (brk) { if (lineEnd) line++; continue; }
      if (c === o.comment) { state = "comment"; continue; }
      // a line of only spaces and tabs is blank
      let j = i;
      while (s[j] === " " || s[j] === "\t") j++;
      if (j > i && (j === s.length || s[j] === "\n" || s[j] === "\r" || s[j] === o.comment)) { i = j - 1; continue; }
      inRow = true;
      rowLine = line;
      state = "start";
    }
    switch (state) {
      case "comment":
        if (brk) { if (lineEnd) line++; state = "start"; inRow = false; }
        break;
      case "start":
        if (c === o.quote) { state = "q"; quoteLine = line; break; }
        state = "unq";
      // falls through
      case "unq":
        if (c === o.sep) { endField(); state = "start"; }
        else if (brk || c === o.comment) {
          const bad = endRow();
          if (bad !== null) return bad;
          if (lineEnd) line++;
          state = c === o.comment ? "comment" : "start";
        } else if (c === o.escape) state = "esc";
        else field += c;
        break;
      case "esc":
        if (lineEnd) line++;
        field += c;
        state = "unq";
        break;
      case "q":
        if (lineEnd) line++;
        if (c === o.quote) state = "qq";
        else if (c === o.escape) state = "escq";
        else field += c;
        break;
      case "escq":
        if (lineEnd) line++;
        field += c;
        state = "q";
        break;
      case "qq":
        if (c === o.quote) { field += c; state = "q"; }
        else { state = "unq"; i--; }
        break;
    }
  }
  if (state === "q" || state === "escq") return { code: "CSV_PARSE_ERROR", message: `line ${quoteLine}: never closed` };
  if (inRow && state !== "comment") {
    const bad = endRow();
    if (bad !== null) return bad;
  }
  return { rows };
}

describe("escape and comment characters (pandas semantics; no papaparse counterpart)", () => {
  it("fuzzed input: same rows, or the same error on the same line, as pandas' tokenizer rules", () => {
    const r = new Rand(7);
    const o = { sep: ";", quote: "'", escape: "\\", comment: "#" };
    const options = { sep: o.sep, quotechar: o.quote, escapechar: o.escape, comment: o.comment, keepDefaultNa: false };
    const tokens = ["a", "é", "日", ";", ";", "'", "'", "''", "\\", "#", "\n", "\r\n", "\r", " ", "\t", "x y"];
    let rows = 0, errors = 0;
    for (let k = 0; k < 500; k++) {
      let text = "";
      for (let n = r.int(0, 30); n > 0; n--) text += r.pick(tokens);
      const fieldCount = r.int(1, 3);
      const bytes = enc.encode(text);
      const got = parseEveryWay(bytes, layoutOf(fieldCount), options, r, { everyCut: bytes.length <= 60 });
      const want = pandasRows(text, o, fieldCount);
      if ("rows" in want) {
        expect(got, JSON.stringify(text)).toEqual(want);
        rows++;
      } else {
        expect(got, JSON.stringify(text)).toMatchObject({ code: want.code });
        const line = /line (\d+)/.exec(want.message)![1];
        expect((got as { message: string }).message, JSON.stringify(text)).toMatch(new RegExp(`^t\\.csv line ${line}: `));
        errors++;
      }
    }
    expect(rows).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(100);
  });
});
