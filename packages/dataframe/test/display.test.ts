/** dd.display, dd.formatTable, dd.tableToHTML and how a lazy frame shows (util.inspect, toHTML). */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { DateDay, Field, Int32, List, Table, TimestampMillisecond, vectorFromArray } from "apache-arrow";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as dd from "@dusk/dataframe";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-display-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
afterEach(() => { vi.restoreAllMocks(); });

const numbers = (n: number): Promise<dd.Table> =>
  dd.fromColumns({ i: Array.from({ length: n }, (_, k) => k), s: Array.from({ length: n }, (_, k) => `r${k}`) }, { npartitions: 3 }).compute();

describe("dd.tableToHTML", () => {
  it("escapes names, dtypes and values", async () => {
    const t = await dd.fromColumns({ "<a&b>": [`<script>alert("x")</script>`, "it's"] }).compute();
    const html = dd.tableToHTML(t);
    expect(html).toContain("&lt;a&amp;b&gt;");
    expect(html).toContain("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>");
    expect(html).toContain("<td>it&#39;s</td>");
    expect(html).not.toContain("<script>");
  });

  it("shows head and tail with the number of rows between, row numbers kept", async () => {
    const html = dd.tableToHTML(await numbers(100), { maxRows: 6 });
    const rows = [...html.matchAll(/<tr><th>(\d+)<\/th>/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([0, 1, 2, 97, 98, 99]);
    expect(html).toContain(`<tr class="elided"><th>…</th><td colspan="2" style="text-align: center; color: #888">… 94 rows</td></tr>`);
    expect(html).toContain("<td>r97</td>");
    expect(html).toContain("100 rows × 2 columns");
  });

  it("shows every row of a short table, and dtypes in the header", async () => {
    const html = dd.tableToHTML(await numbers(20));
    expect([...html.matchAll(/<tr><th>\d+<\/th>/g)]).toHaveLength(20);
    expect(html).not.toContain("elided");
    expect(html).toContain(`i<br><span style="font-weight: normal; color: #888">int64</span>`);
    expect(html).toContain(`s<br><span style="font-weight: normal; color: #888">utf8</span>`);
  });

  it("shows nulls distinctly from the string \"null\"", async () => {
    const html = dd.tableToHTML(await dd.fromColumns({ s: ["null", null], v: [null, 1.5] }).compute());
    expect(html).toContain(`<tr><th>0</th><td>null</td><td class="null" style="text-align: right"><span style="color: #999; font-style: italic">null</span></td></tr>`);
    expect(html).toContain(`<tr><th>1</th><td class="null"><span style="color: #999; font-style: italic">null</span></td><td style="text-align: right">1.5</td></tr>`);
  });

  it("prints int64 exactly, dates as YYYY-MM-DD and timestamps as ISO 8601", async () => {
    const t = new Table({
      big: vectorFromArray([2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n]),
      day: vectorFromArray([new Date(Date.UTC(2024, 1, 29)), null, new Date(Date.UTC(1969, 11, 31))], new DateDay()),
      at: vectorFromArray([Date.UTC(2024, 1, 29, 10, 30, 0, 500), Date.UTC(2024, 0, 1), null], new TimestampMillisecond("UTC")),
    });
    const html = dd.tableToHTML(t);
    expect(html).toContain(">9223372036854775807<");
    expect(html).toContain(">-9223372036854775808<");
    expect(html).toContain(">9007199254740993<");
    expect(html).toContain("<td>2024-02-29</td>");
    expect(html).toContain("<td>1969-12-31</td>");
    expect(html).toContain("<td>2024-02-29T10:30:00.500+00:00</td>");
    expect(html).toContain("<td>2024-01-01T00:00:00+00:00</td>");
    expect(html).toContain("timestamp[ms, UTC]");
  });

  it("shows Arrow types Dusk does not hold through Arrow's own values", () => {
    const t = new Table({ xs: vectorFromArray([[1, 2], [3]], new List(new Field("item", new Int32(), true))) });
    expect(dd.tableToHTML(t)).toContain("<tr><th>0</th><td>[1,2]</td></tr>");
    expect(dd.formatTable(t)).toBe("   xs\n   List<Int32>\n0  [1,2]\n1  [3]\n[2 rows × 1 column]");
  });
});

describe("dd.formatTable", () => {
  it("aligns numbers right and text left under names and dtypes", async () => {
    const t = await dd.fromColumns({ id: ["a", "bbbbbb", null], v: [1, 22222, null], x: [0.5, null, -3] }).compute();
    expect(dd.formatTable(t)).toBe([
      "   id           v        x",
      "   utf8     int64  float64",
      "0  a            1      0.5",
      "1  bbbbbb   22222   <null>",
      "2  <null>  <null>     -3.0",
      "[3 rows × 3 columns]",
    ].join("\n"));
  });

  it("elides the middle of a long table", async () => {
    expect(dd.formatTable(await numbers(1000), { maxRows: 4 })).toBe([
      "         i  s",
      "     int64  utf8",
      "0        0  r0",
      "1        1  r1",
      "…    … 996 rows",
      "998    998  r998",
      "999    999  r999",
      "[1000 rows × 2 columns]",
    ].join("\n"));
  });

  it("escapes control characters and cuts long values", async () => {
    const t = await dd.fromColumns({ s: ["a\nb\tc", "x".repeat(50)] }).compute();
    const text = dd.formatTable(t, { maxColumnWidth: 10 });
    expect(text).toContain("0  a\\nb\\tc\n");
    expect(text).toContain(`1  ${"x".repeat(9)}…\n`);
  });

  it("prints int64 exactly, dates and ISO timestamps", () => {
    const t = new Table({
      big: vectorFromArray([2n ** 63n - 1n]),
      day: vectorFromArray([new Date(Date.UTC(2024, 1, 29))], new DateDay()),
      at: vectorFromArray([Date.UTC(2024, 1, 29, 10, 30, 0, 500)], new TimestampMillisecond()),
    });
    expect(dd.formatTable(t).split("\n")[2]).toBe("0  9223372036854775807  2024-02-29  2024-02-29T10:30:00.500");
  });

  it("shows an empty table's header", async () => {
    const t = await dd.fromColumns({ v: [1, 2] }).filter(dd.col("v").gt(5)).compute();
    expect(dd.formatTable(t)).toBe("      v\n  int64\n[0 rows × 1 column]");
  });
});

describe("a lazy frame's summary", () => {
  it("lists columns, dtypes, npartitions and the plan in util.inspect and console.log", () => {
    const df = dd.fromColumns({ id1: ["a", "b", "a"], v1: [1, 2, 3] }, { npartitions: 2 });
    const out = df.filter(dd.col("v1").gt(1)).groupBy("id1").agg({ v1: "sum" });
    expect(inspect(out)).toBe([
      "Dusk DataFrame (lazy) · npartitions=1 · 2 columns",
      "  id1  utf8",
      "  v1   int64",
      "plan: Aggregate keys=[id1] aggs=[v1 := sum(v1)] ← Filter ← Scan memory[2 partitions, 3 rows]",
    ].join("\n"));
    expect(inspect({ frame: df })).toContain("npartitions=2");
  });

  it("summarizes a merge with both inputs", () => {
    const a = dd.fromColumns({ k: [1, 2], x: [1, 2] });
    const b = dd.fromColumns({ k: [1], y: ["a"] }, { npartitions: 1 });
    expect(inspect(a.filter(dd.col("x").gt(0)).merge(b, { on: "k" }))).toContain(
      "plan: Merge how=inner on=[k] ← (Filter ← Scan memory[1 partition, 2 rows], Scan memory[1 partition, 1 rows])");
  });

  it("reads nothing: a frame over a deleted CSV file still shows", async () => {
    const path = join(dir, "gone.csv");
    writeFileSync(path, "id,v,day\na,1,2024-01-01\nb,2,2024-01-02\n");
    const df = dd.readCsv(path, { parseDates: ["day"] }).filter(dd.col("v").gt(1));
    unlinkSync(path);
    expect(inspect(df)).toBe([
      "Dusk DataFrame (lazy) · npartitions=1 · 3 columns",
      "  id   utf8",
      "  v    int64",
      "  day  date32",
      "plan: Filter v > 1 ← Scan csv[1 file, 1 partition]",
    ].join("\n"));
    const html = df.toHTML();
    expect(html).toContain("<thead><tr><th></th><th>id</th><th>v</th><th>day</th></tr></thead>");
    expect(html).toContain(`<td style="color: #888">date32</td>`);
    expect(html).toContain("plan: Filter v &gt; 1 ← Scan csv[1 file, 1 partition]");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    dd.display(df);
    expect(log).toHaveBeenCalledWith(inspect(df));
    await expect(df.compute()).rejects.toThrow(/gone\.csv/); // computing does need the file
  });

  it("escapes names in toHTML", () => {
    expect(dd.fromColumns({ "<x>": [1] }).toHTML()).toContain("<th>&lt;x&gt;</th>");
  });
});

describe("dd.display outside a notebook", () => {
  it("prints the text table", async () => {
    const t = await numbers(3);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    dd.display(t, { maxRows: 2 });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toBe(dd.formatTable(t, { maxRows: 2 }));
    expect(log.mock.calls[0][0]).toContain("… 1 row\n");
  });
});
