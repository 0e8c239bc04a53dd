/** Blocks of a CSV read: the newline rule, headers of later files, and the errors of misaligned blocks. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDuskError, type DuskError } from "@dusk/core";
import { columnToValues } from "@dusk/kernels";
import { setCsvReadPieceSize } from "../../src/csv/read-block.js";
import { planCsvRead, readCsvBlock } from "../../src/index.js";

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "dusk-csv-read-")); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function rejection(p: Promise<unknown>): Promise<DuskError> {
  try { await p; } catch (e) { if (isDuskError(e)) return e; throw e; }
  throw new Error("expected a rejection");
}

describe("readCsvBlock", () => {
  it("every row lands in exactly one block, whatever the blocksize", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i},${"x".repeat(i % 17)}`);
    const path = join(dir, "rows.csv");
    writeFileSync(path, `id,pad\n${rows.join("\n")}\n`);
    for (const blocksize of [7, 64, 333, 4096]) {
      const plan = planCsvRead(path, { blocksize });
      const ids: unknown[] = [];
      for (const b of plan.blocks) ids.push(...columnToValues((await readCsvBlock(b, plan.read, ["id"])).columns[0]));
      expect(ids).toEqual(rows.map((_, i) => BigInt(i)));
    }
  });

  it("blocks read in pieces of any size give the same rows, and errors their true lines", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},${"x".repeat(i % 23)}`);
    const path = join(dir, "pieces.csv");
    const header = `id,${"p".repeat(40)}`; // longer than the smallest pieces
    writeFileSync(path, `${header}\n${rows.join("\n")}\n`);
    const bad = join(dir, "pieces-bad.csv");
    writeFileSync(bad, `${header}\n${rows.map((r, i) => (i === 250 ? "oops,x" : r)).join("\n")}\n`);
    for (const piece of [1, 3, 16, 100, 5000]) {
      const before = setCsvReadPieceSize(piece);
      try {
        for (const blocksize of [64, 333, 4096]) {
          const plan = planCsvRead(path, { blocksize });
          const ids: unknown[] = [];
          for (const b of plan.blocks) ids.push(...columnToValues((await readCsvBlock(b, plan.read, ["id"])).columns[0]));
          expect(ids).toEqual(rows.map((_, i) => BigInt(i)));
          const badPlan = planCsvRead(bad, { blocksize, dtype: { id: "int64" } });
          const errors = await Promise.all(badPlan.blocks.map((b) => readCsvBlock(b, badPlan.read, ["id"]).then(() => null, (e: unknown) => e as DuskError)));
          const failed = errors.filter((e) => e !== null);
          expect(failed.length).toBe(1);
          expect(failed[0]!.message).toContain(`${bad} line 252`);
        }
      } finally {
        setCsvReadPieceSize(before);
      }
    }
  });

  it("a block starting inside a quoted line break reports the quote, not the misread bytes", async () => {
    // the note of row 40 holds a line break followed by text that, read as a row, is not an int id
    const lines = Array.from({ length: 80 }, (_, i) => (i === 60 ? `60,"first part\nnot-a-number,${"y".repeat(300)}"` : `${i},note ${i} ${"z".repeat(90)}`));
    const path = join(dir, "quoted.csv");
    const text = `id,note\n${lines.join("\n")}\n`;
    writeFileSync(path, text);
    const cut = text.indexOf("first part") + 5; // a block boundary inside the quoted field (past the first block's minimum)
    expect(cut).toBeGreaterThan(4200);
    const plan = planCsvRead(path, { blocksize: cut });
    expect(plan.blocks.length).toBe(2);
    const errors = await Promise.all(plan.blocks.slice(0, 2).map((b) => rejection(readCsvBlock(b, plan.read))));
    for (const e of errors) {
      expect(e.code).toBe("CSV_PARSE_ERROR");
      expect(e.message).toContain(`${path} line 62: a quoted field starting on this line runs past the end of its partition`);
      expect(e.message).toContain("blocksize: null");
    }
    const whole = planCsvRead(path, { blocksize: null });
    const b = await readCsvBlock(whole.blocks[0], whole.read);
    expect(b.length).toBe(80);
  });

  it("a later file's header is skipped and checked; its first block knows its lines", async () => {
    writeFileSync(join(dir, "h1.csv"), "a,b\n1,2\n");
    writeFileSync(join(dir, "h2.csv"), "# note\na,b\n3,4\n5,x\n");
    const plan = planCsvRead(join(dir, "h*.csv"), { comment: "#" });
    expect((await readCsvBlock(plan.blocks[0], plan.read)).length).toBe(1);
    const e = await rejection(readCsvBlock(plan.blocks[1], plan.read));
    expect(e.message).toContain(`${join(dir, "h2.csv")} line 4, column "b": "x" is not an int64`);
  });

  it("a later file's header longer than the first 64 KiB read of its head is found in more of it, within its first partition", async () => {
    const names = Array.from({ length: 7000 }, (_, i) => `column_${String(i).padStart(5, "0")}`); // a 91 KB header
    const row = (k: number): string => names.map((_, i) => (i === 0 ? k : i % 10)).join(",");
    writeFileSync(join(dir, "w1.csv"), `${names.join(",")}\n${row(1)}\n`);
    writeFileSync(join(dir, "w2.csv"), `${names.join(",")}\n${row(2)}\n${row(3)}\n`);
    const plan = planCsvRead(join(dir, "w*.csv"), { blocksize: 1 << 20 });
    const second = plan.blocks.filter((b) => b.path.endsWith("w2.csv"));
    expect(second.length).toBe(1);
    const batch = await readCsvBlock(second[0], plan.read, ["column_00000", "column_06999"]);
    expect(batch.columns.map((c) => columnToValues(c))).toEqual([[2n, 3n], [9n, 9n]]);
    // comment lines before the header push it past the file's first partition
    const note = `# ${"n".repeat(998)}\n`.repeat(400);
    writeFileSync(join(dir, "w2.csv"), `${note}${names.join(",")}\n${Array.from({ length: 20 }, (_, k) => row(k)).join("\n")}\n`);
    const small = planCsvRead(join(dir, "w*.csv"), { blocksize: 40_000, comment: "#" });
    const first = small.blocks.find((b) => b.path.endsWith("w2.csv") && b.index === 0)!;
    expect(first.end).toBeLessThan(note.length);
    const e = await rejection(readCsvBlock(first, small.read));
    expect(e.message).toBe(`${join(dir, "w2.csv")}: the header does not fit in the first ${first.end} bytes (the first partition); read with a larger blocksize`);
  });
});

describe("utf8 columns that the sample shows mostly distinct", () => {
  it("start plain, with the same values as a dictionary column", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `id${String(i % 4000).padStart(6, "0")},k${i % 7},${i % 13 === 0 ? "" : `é${i}`}`);
    const path = join(dir, "distinct.csv");
    writeFileSync(path, `id,k,u\n${rows.join("\n")}\n`);
    const plan = planCsvRead(path, { blocksize: 20_000 });
    expect(plan.schema.columns.map((c) => [c.name, c.plain === true])).toEqual([["id", true], ["k", false], ["u", true]]);
    const hinted: unknown[][] = [[], [], []], unhinted: unknown[][] = [[], [], []];
    const noHints = { ...plan.read, layout: { ...plan.read.layout, columns: plan.read.layout.columns.map(({ plain: _p, ...c }) => c) } };
    for (const b of plan.blocks) {
      const a = await readCsvBlock(b, plan.read), n = await readCsvBlock(b, noHints);
      expect(a.columns[0].layout).toBe("utf8");
      a.columns.forEach((c, j) => hinted[j].push(...columnToValues(c)));
      n.columns.forEach((c, j) => unhinted[j].push(...columnToValues(c)));
    }
    expect(hinted).toEqual(unhinted);
    expect(hinted[0].slice(0, 2)).toEqual(["id000000", "id000001"]);
    expect(hinted[2][13]).toBe(null);
  });
});
