/**
 * setIndex() and divisions(): a frame sorted by one column with known divisions (per partition,
 * the [min, max] of its non-null index values), as Dask's `set_index` (see loc.ts, reset-index.ts). The index column stays an ordinary column; the plan remembers it
 * (`plan/logical/ordering.ts`). How the rows get sorted, cheapest first:
 * - the partitions are known sorted and ascending (in-memory data checked here; or `sorted: true`):
 *   nothing runs, divisions from the data or from Parquet statistics;
 * - the partitions cover ascending, non-overlapping ranges (Parquet statistics; in-memory data)
 *   but rows inside one are not in order: each partition sorts itself, no shuffle;
 * - otherwise a sample sort (as `sortValues`), whose boundaries are decided while it runs: the
 *   divisions are unknown at plan time.
 * Null index values go last, as in `sortValues`.
 */
import { convertScalar, describeValue, DuskError, type DType, type InputValue } from "@dusk/core";
import { sortIndices, valueAt, type Batch, type Column } from "@dusk/kernels";
import type { ParquetPiece } from "@dusk/io";
import {
  compareScalars, indexOf, knownDivisions, partitionCount, setIndexNode, sortNode,
  type LogicalNode, type PartitionBounds, type ScalarValue, type Source,
} from "@dusk/plan";

export interface SetIndexOptions {
  /**
   * The frame is already sorted by the column, partition after partition (nulls last): no sort
   * runs. Checked against each partition's min/max when the source can tell (in-memory data, Parquet
   * statistics); an error (`NOT_SORTED`) names the partitions and values that break the order.
   */
  readonly sorted?: boolean;
  /**
   * With `sorted: true`: the divisions as Dask gives them, npartitions + 1 ascending boundaries
   * (partition i holds values from `divisions[i]` to `divisions[i + 1]`), for sources that cannot
   * tell them (CSV, persisted frames). Without `sorted: true` this is not supported yet.
   */
  readonly divisions?: readonly InputValue[];
}

/** What a partition's index values are known to be: sorted inside it or not, and their bounds. */
interface PartitionFacts {
  readonly sortedWithin: boolean;
  readonly bounds: PartitionBounds;
  readonly hasNulls: boolean;
}

/** The source and its column name under `plan`, when only row-wise nodes that keep `column` lie between. */
function sourceOf(plan: LogicalNode, column: string): { source: Source; column: string } | null {
  switch (plan.kind) {
    case "scan": return plan.columns.includes(column) ? { source: plan.source, column } : null;
    case "filter": return sourceOf(plan.input, column);
    case "assign": return plan.exprs.some((ne) => ne.name === column) ? null : sourceOf(plan.input, column);
    case "project": {
      const e = plan.exprs.find((ne) => ne.name === column)?.expr;
      return e !== undefined && e.kind === "col" ? sourceOf(plan.input, e.name) : null;
    }
    default: return null;
  }
}

const isMissing = (v: ScalarValue): boolean => v === null || (typeof v === "number" && Number.isNaN(v));

/** Sortedness and bounds of one in-memory partition (one stable sort of the index column). */
function memoryFacts(batch: Batch, column: string): PartitionFacts {
  const c: Column = batch.columns[batch.names.indexOf(column)];
  if (batch.length === 0) return { sortedWithin: true, bounds: null, hasNulls: false };
  const order = sortIndices([c], { nullsLast: true });
  let sortedWithin = true;
  for (let i = 0; i < order.length; i++) if (order[i] !== i) { sortedWithin = false; break; }
  let last = order.length - 1;
  while (last >= 0 && isMissing(valueAt(c, order[last]))) last--;
  const hasNulls = last < order.length - 1;
  return { sortedWithin, hasNulls, bounds: last < 0 ? null : [valueAt(c, order[0]), valueAt(c, order[last])] };
}

/** Bounds of one Parquet partition from its row groups' statistics; null when they do not tell. */
function parquetFacts(piece: ParquetPiece, column: string): PartitionFacts | null {
  let lo: ScalarValue = null, hi: ScalarValue = null, hasNulls = false;
  for (const rg of piece.stats) {
    if (rg.numRows === 0) continue;
    const s = rg.columns[column];
    if (s === null || s === undefined || s.nullCount === null) return null;
    if (s.nullCount > 0) hasNulls = true;
    if (s.nullCount === rg.numRows) continue;
    if (s.min === null || s.max === null) return null;
    if (lo === null || compareScalars(s.min, lo) < 0) lo = s.min;
    if (hi === null || compareScalars(s.max, hi) > 0) hi = s.max;
  }
  // row groups are not known to be sorted inside, even when their ranges are
  return { sortedWithin: false, hasNulls, bounds: lo === null || hi === null ? null : [lo, hi] };
}

/** Facts about every partition of `source`, or null when they are not known without reading it. */
function sourceFacts(source: Source, column: string): PartitionFacts[] | null {
  if (source.kind === "memory") return source.partitions.map((p) => memoryFacts(p as Batch, column));
  if (source.kind === "files" && source.format === "parquet") {
    const out: PartitionFacts[] = [];
    for (const piece of source.partitions as readonly ParquetPiece[]) {
      const f = parquetFacts(piece, column);
      if (f === null) return null;
      out.push(f);
    }
    return out;
  }
  return null;
}

const show = (v: ScalarValue): string => (typeof v === "bigint" ? `${v}` : typeof v === "string" ? JSON.stringify(v) : String(v));

/** The first place where the partitions are not in ascending order, as a sentence; null when they are. */
function orderProblem(facts: readonly PartitionFacts[], column: string, requireWithin: boolean): string | null {
  let prev = -1;
  let nullsSeen = -1;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (requireWithin && !f.sortedWithin) return `partition ${i} is not sorted by ${column} inside`;
    if (f.bounds !== null) {
      if (nullsSeen >= 0) return `partition ${nullsSeen} has null ${column} values but partition ${i} after it has values (nulls must come last)`;
      if (prev >= 0) {
        const p = facts[prev].bounds!;
        if (compareScalars(p[1], f.bounds[0]) > 0) {
          return `partition ${prev} ends at ${column} = ${show(p[1])} but partition ${i} starts at ${show(f.bounds[0])}, which is smaller`;
        }
      }
      prev = i;
    }
    if (f.hasNulls && nullsSeen < 0) nullsSeen = i;
  }
  return null;
}

/** Dask-style divisions (npartitions + 1 boundaries) as per-partition bounds of `dtype` values. */
function declaredDivisions(divisions: readonly InputValue[], nparts: number, dtype: DType, column: string): PartitionBounds[] {
  if (divisions.length !== nparts + 1) {
    throw new DuskError("INVALID_ARGUMENT", `setIndex("${column}") divisions needs ${nparts + 1} boundaries for ${nparts} partitions, got ${divisions.length}`);
  }
  const vals = divisions.map((v) => {
    const s = convertScalar(v, dtype);
    if (s === undefined || s === null) throw new DuskError("INVALID_ARGUMENT", `setIndex("${column}") division ${describeValue(v)} is not a ${dtype.kind} value`);
    return s;
  });
  for (let i = 1; i < vals.length; i++) {
    if (compareScalars(vals[i - 1], vals[i]) > 0) {
      throw new DuskError("INVALID_ARGUMENT", `setIndex("${column}") divisions must ascend: ${show(vals[i - 1])} comes before ${show(vals[i])}`);
    }
  }
  return Array.from({ length: nparts }, (_, i) => [vals[i], vals[i + 1]] as const);
}

export function setIndex(plan: LogicalNode, column: string, options: SetIndexOptions = {}): LogicalNode {
  if (typeof column !== "string") throw new DuskError("INVALID_ARGUMENT", `setIndex takes one column name, got ${describeValue(column as InputValue)}`);
  const dtype = plan.schema.require(column, "setIndex").dtype;
  const where = `setIndex("${column}")`;
  if (options.divisions !== undefined) {
    if (options.sorted !== true) {
      throw new DuskError("INVALID_ARGUMENT",
        `${where}: sorting into given divisions is not supported yet; pass sorted: true if the frame is already partitioned so, or leave divisions out to let a sample sort choose them`);
    }
    return setIndexNode(plan, column, "sorted", declaredDivisions(options.divisions, partitionCount(plan), dtype, column));
  }
  // already indexed by this column (and nothing new declared): nothing to do
  if (indexOf(plan)?.column === column) return plan;
  const src = sourceOf(plan, column);
  const facts = src === null ? null : sourceFacts(src.source, src.column);
  if (facts === null) {
    // nothing tells where the values lie without reading them
    return options.sorted === true ? setIndexNode(plan, column, "sorted", null) : setIndexNode(sortNode(plan, [column], [true]), column, "sorted", null);
  }
  const bounds = facts.map((f) => f.bounds);
  const exact = src!.source.kind === "memory";
  if (options.sorted === true) {
    const problem = orderProblem(facts, column, exact);
    if (problem !== null) {
      throw new DuskError("NOT_SORTED",
        `${where} with sorted: true, but ${problem}; leave out sorted: true to sort the frame`, { column, partitions: facts.length });
    }
    return setIndexNode(plan, column, "sorted", bounds);
  }
  if (orderProblem(facts, column, false) === null) {
    return setIndexNode(plan, column, facts.every((f) => f.sortedWithin) ? "sorted" : "sort-partitions", bounds);
  }
  return setIndexNode(sortNode(plan, [column], [true]), column, "sorted", null);
}

/** Per partition [min, max] of the index when known from the plan; null otherwise. */
export const divisionsOf = (plan: LogicalNode): readonly PartitionBounds[] | null => knownDivisions(plan);
