/**
 * The ops workers execute, by name. Tasks name an op from this table; the scheduler looks it up
 * and never needs to know what a partition is.
 */
import { DuskError } from "@dusk/core";
import { aggregateCombine } from "./aggregate-combine.js";
import { aggregateFinal } from "./aggregate-final.js";
import { aggregatePartial, aggregatePrepare } from "./aggregate-partial.js";
import { aggregateConcat, aggregateWhole } from "./aggregate-whole.js";
import { assign } from "./assign.js";
import { filter } from "./filter.js";
import { makeFused } from "./fused.js";
import { concatLimit, limit } from "./limit.js";
import type { Op } from "./op.js";
import { project } from "./project.js";
import { readCsv } from "./read-csv.js";
import { readJson } from "./read-json.js";
import { readParquet } from "./read-parquet.js";
import { merge } from "./merge.js";
import { mergeAsof, mergeAsofEdge } from "./merge-asof.js";
import { shuffleGather, shuffleSplit } from "./shuffle.js";
import { sort, sortGather } from "./sort.js";
import { sortBoundaries, sortSample, sortSplit } from "./sort-ranges.js";
import { concatTopN, topN } from "./top-n.js";
import { groupTopNOp } from "./group-top-n.js";
import { dropDuplicates } from "./drop-duplicates.js";
import { concat, splitPart, splitRows } from "./rows.js";
import { windowApply, windowCarry, windowSummary } from "./window.js";
import { writeCsv, writeJson, writeParquetFile } from "./write-files.js";
import { scanInput, scanMemory } from "./scan-memory.js";

export const opNames = [
  "scan-memory", "scan-input", "read-csv", "read-json", "read-parquet", "filter", "project", "assign", "limit", "concat-limit",
  "aggregate-partial", "aggregate-combine", "aggregate-final", "aggregate-prepare", "aggregate-whole", "aggregate-concat", "merge", "shuffle-split", "shuffle-gather", "write-csv", "write-json", "write-parquet", "fused",
  "sort", "sort-sample", "sort-boundaries", "sort-split", "sort-gather", "top-n", "concat-top-n", "concat", "split-rows", "split-part",
  "group-top-n", "drop-duplicates", "window-summary", "window-carry", "window-apply",
  "merge-asof", "merge-asof-edge",
] as const;
export type OpName = (typeof opNames)[number];

const table: Record<OpName, Op> = {
  "scan-memory": scanMemory as Op,
  "scan-input": scanInput as Op,
  "read-csv": readCsv as Op,
  "read-json": readJson as Op,
  "read-parquet": readParquet as Op,
  filter: filter as Op,
  project: project as Op,
  assign: assign as Op,
  limit: limit as Op,
  "concat-limit": concatLimit as Op,
  "aggregate-partial": aggregatePartial as Op,
  "aggregate-combine": aggregateCombine as Op,
  "aggregate-final": aggregateFinal as Op,
  "aggregate-prepare": aggregatePrepare as Op,
  "aggregate-whole": aggregateWhole as Op,
  "aggregate-concat": aggregateConcat as Op,
  merge: merge as Op,
  "merge-asof": mergeAsof as Op,
  "merge-asof-edge": mergeAsofEdge as Op,
  "shuffle-split": shuffleSplit as Op,
  "shuffle-gather": shuffleGather as Op,
  "write-csv": writeCsv as Op,
  "write-json": writeJson as Op,
  "write-parquet": writeParquetFile as Op,
  sort: sort as Op,
  "sort-sample": sortSample as Op,
  "sort-boundaries": sortBoundaries as Op,
  "sort-split": sortSplit as Op,
  "sort-gather": sortGather as Op,
  "top-n": topN as Op,
  "concat-top-n": concatTopN as Op,
  concat: concat as Op,
  "split-rows": splitRows as Op,
  "split-part": splitPart as Op,
  "group-top-n": groupTopNOp as Op,
  "drop-duplicates": dropDuplicates as Op,
  "window-summary": windowSummary as Op,
  "window-carry": windowCarry as Op,
  "window-apply": windowApply as Op,
  fused: makeFused((name) => lookupOp(name)) as Op,
};

/** The op called `name`; throws UNKNOWN_OP for a name no op has. */
export function lookupOp(name: string): Op {
  const op = (table as Record<string, Op | undefined>)[name];
  if (!op) throw new DuskError("UNKNOWN_OP", `no op named "${name}"; known ops: ${opNames.join(", ")}`);
  return op;
}

/** The op table as the scheduler's registry interface sees it. */
export const ops = {
  get(name: string): ((params: unknown, inputs: readonly unknown[], ctx: { key: string }) => unknown) | undefined {
    return (table as Record<string, unknown>)[name] as ((params: unknown, inputs: readonly unknown[], ctx: { key: string }) => unknown) | undefined;
  },
};
