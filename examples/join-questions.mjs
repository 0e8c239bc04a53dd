// The db-benchmark join questions, written with the public API only (shared/db-benchmark.md).
import * as dd from "@dusk/dataframe";

/** @type {{ id: string, title: string, run: (t: { x: dd.DataFrame, small: dd.DataFrame, medium: dd.DataFrame, big: dd.DataFrame }) => dd.DataFrame }[]} */
export const joinQuestions = [
  { id: "q1", title: "small inner on int", run: (t) => t.x.merge(t.small, { on: "id1" }) },
  { id: "q2", title: "medium inner on int", run: (t) => t.x.merge(t.medium, { on: "id2" }) },
  { id: "q3", title: "medium outer on int", run: (t) => t.x.merge(t.medium, { how: "left", on: "id2" }) },
  { id: "q4", title: "medium inner on factor", run: (t) => t.x.merge(t.medium, { on: "id5" }) },
  { id: "q5", title: "big inner on int", run: (t) => t.x.merge(t.big, { on: "id3" }) },
];

/** The answer check: rows, and the sums of v1 and v2. */
export function joinChecksum(table) {
  const sum = (name) => { const c = table.getChild(name); let s = 0; for (let i = 0; i < c.length; i++) { const v = c.get(i); if (v !== null) s += v; } return s; };
  return { rows: table.numRows, v1: sum("v1"), v2: sum("v2") };
}
