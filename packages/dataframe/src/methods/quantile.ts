/**
 * quantile(): pandas' `DataFrame.quantile(q)` over every numeric column, as a lazy frame with one row
 * per q: a first float64 column `quantile` holding q, then one float64 column per numeric column
 * (exact, interpolated linearly as pandas' default; nulls and NaN skipped). A single q gives one row.
 * One whole-frame aggregate computes every quantile of every column at once; the rows are cut from
 * its one-row result, as in describe().
 */
import { DuskError, dtypes, isNumeric } from "@dusk/core";
import { aggNode, colNode, concatNode, named, projectNode, repartitionNode, tCol, tLit, type ExprNode, type LogicalNode } from "@dusk/plan";
import { aggregate } from "./agg.js";
import { keepEveryColumn } from "./describe.js";

export function quantile(plan: LogicalNode, q: number | readonly number[]): LogicalNode {
  const qs = typeof q === "number" ? [q] : [...q];
  if (qs.length === 0) throw new DuskError("INVALID_ARGUMENT", "quantile needs at least one q, e.g. df.quantile([0.25, 0.75])");
  for (const x of qs) {
    if (typeof x !== "number" || !(x >= 0 && x <= 1)) {
      throw new DuskError("INVALID_ARGUMENT", `quantile: q must be between 0 and 1, got ${String(x)}`);
    }
  }
  const numeric = plan.schema.fields.filter((f) => isNumeric(f.dtype));
  if (numeric.length === 0) {
    throw new DuskError("INVALID_ARGUMENT", `quantile: the frame has no numeric column (columns: ${plan.schema.names.join(", ")})`);
  }
  if (numeric.some((f) => f.name === "quantile")) {
    throw new DuskError("DUPLICATE_COLUMN", 'quantile names its first column "quantile": rename the column "quantile" first', { column: "quantile" });
  }
  const distinct = [...new Set(qs)];
  const name = (i: number, j: number): string => `__q${i}_${j}`;
  const exprs: [string, ExprNode][] = [];
  numeric.forEach((f, i) => distinct.forEach((x, j) => exprs.push([name(i, j), aggNode("quantile", colNode(f.name), { q: x })])));
  const wide = keepEveryColumn(aggregate(plan, [], exprs));
  const rows = qs.map((x) => {
    const j = distinct.indexOf(x);
    return projectNode(wide, [
      named("quantile", tLit(x, dtypes.float64)),
      ...numeric.map((f, i) => named(f.name, tCol(name(i, j), dtypes.float64))),
    ]);
  });
  return rows.length === 1 ? rows[0] : repartitionNode(concatNode(rows), 1);
}
