/**
 * Reads one block of a CSV read: only the columns the scan outputs or its pushed-down predicate
 * reads are parsed; rows failing the predicate are dropped; the scan's columns come out in its order.
 */
import { threadId } from "node:worker_threads";
import { readCsvBlock, type CsvBlock, type CsvReadSpec } from "@dusk/io";
import { filterBatch, type Batch } from "@dusk/kernels";
import { exprColumns, type TypedExpr } from "@dusk/plan";
import { columnOf, evaluatePredicate } from "../eval/evaluate.js";

export interface ReadCsvParams {
  readonly block: CsvBlock;
  readonly read: CsvReadSpec;
  readonly columns: readonly string[];
  readonly predicate: TypedExpr | null;
}

const TRACE = process.env.DUSK_CSV_TRACE === "1";

export async function readCsv(p: ReadCsvParams): Promise<Batch> {
  const t0 = TRACE ? performance.timeOrigin + performance.now() : 0;
  const needed = new Set(p.columns);
  if (p.predicate) exprColumns(p.predicate, needed);
  const parsed = await readCsvBlock(p.block, p.read, [...needed]);
  const rows = p.predicate ? filterBatch(parsed, evaluatePredicate(p.predicate, parsed)) : parsed;
  if (TRACE) process.stderr.write(`TRACE ${threadId} ${p.block.start} ${t0.toFixed(1)} ${(performance.timeOrigin + performance.now()).toFixed(1)}\n`);
  return { names: p.columns, columns: p.columns.map((c) => columnOf(rows, c)), length: rows.length };
}
