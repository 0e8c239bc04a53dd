/**
 * A lazy DataFrame over Parquet files: footers are read now (schema, row groups, statistics), data
 * when computed, one partition per group of row groups. `filters` become a filter on the frame,
 * which the optimizer pushes into the read; lowering then skips row groups whose statistics rule
 * the filter out, and the rows read are filtered exactly.
 */
import { DuskError } from "@dusk/core";
import { checkParquetFilters, planParquetRead, type ParquetFilter, type PlanParquetOptions } from "@dusk/io";
import { fileSource, scanNode, Schema, type LogicalNode } from "@dusk/plan";
import { col, type Expr } from "../expr.js";

export interface ReadParquetOptions extends PlanParquetOptions {
  /**
   * Conditions every row must meet, `[column, op, value]` with op `==`, `!=`, `<`, `<=`, `>`, `>=`,
   * `in`, `not in` (as Dask and pyarrow): row groups whose statistics exclude them are skipped, and
   * the rows read are filtered. Same as `.filter(...)` after the read.
   */
  readonly filters?: readonly ParquetFilter[];
}

function filterExpr([name, op, value]: ParquetFilter): Expr {
  const c = col(name);
  if (op === "in" || op === "not in") {
    if (!Array.isArray(value)) throw new DuskError("INVALID_ARGUMENT", `readParquet filters: ${op} takes a list of values, got ${String(value)}`);
    const e = c.isIn(value as never);
    return op === "in" ? e : e.not();
  }
  if (value === null) {
    if (op === "==") return c.isNull();
    if (op === "!=") return c.isNotNull();
    throw new DuskError("INVALID_ARGUMENT", `readParquet filters: [${JSON.stringify(name)}, "${op}", null] compares with null; use "==" or "!=" for is-null tests`);
  }
  const v = value as never;
  switch (op) {
    case "==": return c.eq(v);
    case "!=": return c.ne(v);
    case "<": return c.lt(v);
    case "<=": return c.le(v);
    case ">": return c.gt(v);
    case ">=": return c.ge(v);
  }
}

/** The read as a plan: a scan, and a filter above it when `filters` are given. */
export function readParquetPlan(location: string | readonly string[], options: ReadParquetOptions = {}): { scan: LogicalNode; filter: Expr | null } {
  const { filters, ...rest } = options;
  if (filters !== undefined) checkParquetFilters(filters);
  const plan = planParquetRead(location, rest);
  const schema = new Schema(plan.names.map((name, i) => ({ name, dtype: plan.dtypes[i] })));
  const rowCounts = plan.pieces.map((p) => p.stats.reduce((n, rg) => n + rg.numRows, 0));
  const scan = scanNode(fileSource("parquet", plan.token, schema, plan.pieces, { storageOptions: options.storageOptions }, plan.files, rowCounts));
  const conds = (filters ?? []).map(filterExpr);
  return { scan, filter: conds.length === 0 ? null : conds.reduce((a, b) => a.and(b)) };
}
