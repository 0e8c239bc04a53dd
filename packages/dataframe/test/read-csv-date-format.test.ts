/** readCsv's dateFormat: non-ISO dates and times in parseDates columns, on worker threads. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";

const dir = mkdtempSync(join(tmpdir(), "dusk-datefmt-"));

describe("readCsv dateFormat", () => {
  it("parses per-column formats across blocks, nulls included, into date32 and timestamp", async () => {
    const rows = ["day,at,v"];
    const days: (number | null)[] = [], ats: (number | null)[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = Date.UTC(1990, 0, 1) + i * 86_400_000 * 3 + i * 61_000;
      const d = new Date(t);
      const p = (n: number) => String(n).padStart(2, "0");
      const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
      if (i % 97 === 0) { rows.push(`,,${i}`); days.push(null); ats.push(null); continue; }
      rows.push(`${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()},${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${h12}:${p(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? "am" : "pm"},${i}`);
      days.push(Math.floor(t / 86_400_000) * 86_400_000);
      ats.push(t - d.getUTCSeconds() * 1000 - d.getUTCMilliseconds());
    }
    writeFileSync(join(dir, "a.csv"), rows.join("\n") + "\n");
    const df = dd.readCsv(join(dir, "a.csv"), { parseDates: ["day", "at"], dateFormat: { day: "%d.%m.%Y", at: "%m/%d/%Y %I:%M %p" }, blocksize: 20_000 });
    expect(df.dtypes).toEqual({ day: "date32", at: "timestamp[us]", v: "int64" });
    expect(df.npartitions).toBeGreaterThan(3);
    const t = await df.compute();
    expect(t.getChild("day")!.toArray().length).toBe(3000);
    expect([...t.getChild("day")!].map((v) => (v === null ? null : Number(v)))).toEqual(days);
    expect([...t.getChild("at")!].map((v) => (v === null ? null : Number(v)))).toEqual(ats);
  });

  it("a value that does not follow the format names the file, line, column and value; a bad format is refused", async () => {
    writeFileSync(join(dir, "bad.csv"), "day,v\n01/02/2024,1\n2024-02-03,2\n");
    await expect(dd.readCsv(join(dir, "bad.csv"), { parseDates: ["day"], dateFormat: "%d/%m/%Y" }).compute())
      .rejects.toThrow(/bad\.csv line 3, column "day": "2024-02-03" is not a date32/);
    expect(() => dd.readCsv(join(dir, "bad.csv"), { parseDates: ["day"], dateFormat: "%d/%m" })).toThrow(/dateFormat for "day": date format "%d\/%m" has no year/);
    expect(() => dd.readCsv(join(dir, "bad.csv"), { dateFormat: "%d/%m/%Y" })).toThrow(/dateFormat applies to the parseDates columns/);
  });
});
