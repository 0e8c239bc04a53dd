/** The db-benchmark join questions through the public API, against a plain-JS hash join on the same data. */
import { describe, expect, it } from "vitest";
import * as dd from "@dusk/dataframe";
import { joinDataset } from "@dusk/testing";
// @ts-expect-error: plain JS module shared with the benchmarks
import { joinChecksum, joinQuestions } from "./join-questions.mjs";

type Cols = Record<string, readonly (number | string)[]>;

/** Rows, sum v1, sum v2 of x ⋈ y on key (inner, or left keeping unmatched x rows). */
function reference(x: Cols, y: Cols, key: string, left: boolean) {
  const byKey = new Map<number | string, number[]>();
  y[key].forEach((k, j) => { const l = byKey.get(k); if (l) l.push(j); else byKey.set(k, [j]); });
  let rows = 0, v1 = 0, v2 = 0;
  x[key].forEach((k, i) => {
    const hits = byKey.get(k);
    if (!hits) { if (left) { rows++; v1 += x.v1[i] as number; } return; }
    for (const j of hits) { rows++; v1 += x.v1[i] as number; v2 += y.v2[j] as number; }
  });
  return { rows, v1, v2 };
}

describe("db-benchmark join questions", () => {
  const j = joinDataset({ rows: 20_000, seed: 5 });
  const t = {
    x: dd.fromColumns(j.x, { npartitions: 6 }),
    small: dd.fromColumns(j.small),
    medium: dd.fromColumns(j.medium, { npartitions: 2 }),
    big: dd.fromColumns(j.big, { npartitions: 6 }),
  };
  const expected: Record<string, ReturnType<typeof reference>> = {
    q1: reference(j.x, j.small, "id1", false),
    q2: reference(j.x, j.medium, "id2", false),
    q3: reference(j.x, j.medium, "id2", true),
    q4: reference(j.x, j.medium, "id5", false),
    q5: reference(j.x, j.big, "id3", false),
  };

  it("has the key structure of the definition: 90 % of keys shared, each y key once", () => {
    expect(new Set(j.big.id3).size).toBe(j.big.id3.length);
    expect(new Set(j.x.id3).size).toBe(20_000);
    expect(expected.q5.rows).toBe(18_000);
  });

  for (const q of joinQuestions as { id: string; title: string; run: (t: Record<string, dd.DataFrame>) => dd.DataFrame }[]) {
    it(`${q.id}: ${q.title}`, async () => {
      const chk = joinChecksum(await q.run(t).compute());
      expect(chk.rows).toBe(expected[q.id].rows);
      expect(chk.v1).toBeCloseTo(expected[q.id].v1, 4);
      expect(chk.v2).toBeCloseTo(expected[q.id].v2, 4);
    });
  }
});
