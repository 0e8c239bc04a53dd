/**
 * The main job answers correctly: its questions, run through Dusk, against a plain-JS reference
 * on the same generated data; and the script itself (built) runs and prints matching answers.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { assertFrameEqual, groupByDataset, referenceGroupBy, type ReferenceAgg } from "@dusk/testing";
// @ts-expect-error: plain JS module shared with the main script
import { checksum, questions, runQuestions } from "./groupby-questions.mjs";

type Cols = ReturnType<typeof groupByDataset>["columns"];
const sum = (column: string, integer = true): ReferenceAgg => ({ name: column, fn: "sum", column, integer });
const mean = (column: string): ReferenceAgg => ({ name: column, fn: "mean", column });

function expected(id: string, c: Cols): Record<string, unknown[]> {
  const cols = c as unknown as Record<string, (string | number | null)[]>;
  switch (id) {
    case "q1": return referenceGroupBy(cols, ["id1"], [sum("v1")]);
    case "q2": return referenceGroupBy(cols, ["id1", "id2"], [sum("v1")]);
    case "q3": return referenceGroupBy(cols, ["id3"], [sum("v1"), mean("v3")]);
    case "q4": return referenceGroupBy(cols, ["id4"], [mean("v1"), mean("v2"), mean("v3")]);
    case "q5": return referenceGroupBy(cols, ["id6"], [sum("v1"), sum("v2"), sum("v3", false)]);
    case "q6": return referenceGroupBy(cols, ["id4", "id5"], [
      { name: "median_v3", fn: "median", column: "v3" }, { name: "sd_v3", fn: "std", column: "v3" },
    ]);
    case "q9": {
      const r = referenceGroupBy(cols, ["id2", "id4"], [{ name: "r", fn: "corr", column: "v1", other: "v2" }]);
      return { id2: r.id2, id4: r.id4, r2: r.r.map((x) => (x === null ? null : (x as number) ** 2)) };
    }
    case "q7": {
      const r = referenceGroupBy(cols, ["id3"], [{ name: "mx", fn: "max", column: "v1" }, { name: "mn", fn: "min", column: "v2" }]);
      return { id3: r.id3, range_v1_v2: r.mx.map((m, i) => BigInt(m as number) - BigInt(r.mn[i] as number)) };
    }
    case "q8": {
      // dropna(subset=["v3"]).sort_values("v3", ascending=False).groupby("id6").head(2), ordered by id6 then rank
      const rows = cols.id6.map((_, i) => i).filter((i) => cols.v3[i] !== null && cols.id6[i] !== null);
      rows.sort((a, b) => (cols.v3[b] as number) - (cols.v3[a] as number)); // stable: ties keep row order
      const taken = new Map<number, number>();
      const kept = rows.filter((i) => { const k = cols.id6[i] as number, n = taken.get(k) ?? 0; taken.set(k, n + 1); return n < 2; });
      kept.sort((a, b) => (cols.id6[a] as number) - (cols.id6[b] as number));
      return { id6: kept.map((i) => cols.id6[i]), v3: kept.map((i) => cols.v3[i]) };
    }
    case "q10": {
      const r = referenceGroupBy(cols, ["id1", "id2", "id3", "id4", "id5", "id6"], [sum("v3", false), { name: "count", fn: "size" }]);
      return r;
    }
    default: throw new Error(`no reference for ${id}`);
  }
}

describe("the main job", () => {
  for (const na of [0, 0.05]) {
    it(`answers every question like the reference (NA ${na * 100}%)`, async () => {
      const data = groupByDataset({ rows: 30_000, groups: 20, naFraction: na, seed: 3 });
      const df = dd.fromColumns(data.columns, { npartitions: 8 });
      const answers = await runQuestions(df);
      expect(answers.map((a: { id: string }) => a.id)).toEqual(questions.map((q: { id: string }) => q.id));
      // q10 comes back in 4 unsorted partitions (splitOut, sort: false)
      for (const a of answers) assertFrameEqual(a.table, expected(a.id, data.columns), { rtol: 1e-9, ignoreRowOrder: a.id === "q10" });
    });
  }

  it("runs as a script and prints the same checksums", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const dataDir = mkdtempSync(join(tmpdir(), "dusk-main-"));
    try {
      const run = () => JSON.parse(execFileSync(process.execPath, ["examples/main.mjs", "--rows", "20000", "--data-dir", dataDir, "--json"], { cwd: root, encoding: "utf8" }));
      const report = run();
      expect(report.rows).toBe(20000);
      expect(report.npartitions).toBe(8); // 8 small files, a partition each
      expect(readdirSync(report.dir).filter((f) => f.endsWith(".csv"))).toHaveLength(8);
      expect(report.generated).toBe(true);
      await checkAnswers(report);
      const again = run(); // reads the files the first run wrote
      expect(again.generated).toBe(false);
      await checkAnswers(again);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function checkAnswers(report: { answers: { id: string; rows: number; chk: Record<string, number> }[] }): Promise<void> {
  const data = groupByDataset({ rows: 20000, groups: 100, seed: 1 });
  const df = dd.fromColumns(data.columns, { npartitions: 8 });
  for (const a of report.answers) {
    const q = questions.find((x: { id: string }) => x.id === a.id);
    const table = await q.run(df).compute();
    const keys = table.schema.fields.map((f: { name: string }) => f.name).filter((n: string) => n.startsWith("id"));
    const chk = checksum(table, keys);
    for (const [k, v] of Object.entries(chk)) expect(a.chk[k]).toBeCloseTo(v as number, 6);
    expect(a.rows).toBe(table.numRows);
  }
}
