/**
 * Reads one block of a newline-delimited JSON read: only the columns the scan outputs or its
 * pushed-down predicate reads are built; rows failing the predicate are dropped; the scan's
 * columns come out in its order.
 */
import { readJsonBlock, type JsonBlock, type JsonReadSpec } from "@dusk/io";
import { filterBatch, type Batch } from "@dusk/kernels";
import { exprColumns, type TypedExpr } from "@dusk/plan";
import { columnOf, evaluatePredicate } from "../eval/evaluate.js";

export interface ReadJsonParams {
  readonly block: JsonBlock;
  readonly read: JsonReadSpec;
  readonly columns: readonly string[];
  readonly predicate: TypedExpr | null;
}

export async function readJson(p: ReadJsonParams): Promise<Batch> {
  const needed = new Set(p.columns);
  if (p.predicate) exprColumns(p.predicate, needed);
  const parsed = await readJsonBlock(p.block, p.read, [...needed]);
  const rows = p.predicate ? filterBatch(parsed, evaluatePredicate(p.predicate, parsed)) : parsed;
  return { names: p.columns, columns: p.columns.map((c) => columnOf(rows, c)), length: rows.length };
}
