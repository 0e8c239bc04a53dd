/**
 * Window functions across partitions in three small steps. `window-summary` reduces a partition to
 * what its neighbours need (per call: the last running value, or its last / first rows);
 * `window-carry` folds the summaries along the partitions (the rows or running value before
 * partition i from those before i − 1 and partition i − 1's summary; likewise after); then
 * `window-apply` computes partition i's columns from its rows and its carries. Summaries and
 * carries hold a few rows per call, so the chain is cheap and the partitions run in parallel.
 *
 * A time window (`rolling("5min", { on: "ts" })`) carries rows with their times: a partition's
 * summary is its rows within the window of its last time, and the carry keeps the rows of
 * (carry ++ summary) within the window of the newest time. The next partition's times are at
 * least that newest time, so this is every earlier row its windows can reach (a superset), and it
 * always holds the newest earlier row, so apply also checks the order across the partition edge.
 */
import { DuskError } from "@dusk/core";
import {
  concatColumns, concatTimed, cumulative, headRows, rolling, rollingTime, shiftColumn, tailRows, timeTail, type Batch, type Column, type TimedRows,
} from "@dusk/kernels";
import { explainExpr, isTimeWindow, timeWindowSpan, windowReach, windowText, type WindowCall } from "@dusk/plan";
import { evaluateColumn } from "../eval/evaluate.js";

export interface WindowParams {
  readonly calls: readonly WindowCall[];
}

/**
 * Per call, one column (a running value as one row, the rows before, or the rows after), or for a
 * time window the rows before with their times.
 */
type Carry = readonly (Column | TimedRows)[];

const where = (c: WindowCall): string => isTimeWindow(c) ? windowText(c.fn, explainExpr(c.input), c) : `${c.fn}(${c.name})`;
const onName = (c: WindowCall): string => c.on!.kind === "col" ? c.on!.name : explainExpr(c.on!);
const inputs = (p: WindowParams, b: Batch): (Column | TimedRows)[] => p.calls.map((c) => {
  const values = evaluateColumn(c.input, b);
  return isTimeWindow(c) ? { values, times: evaluateColumn(c.on!, b) } : values;
});
const isRunning = (c: WindowCall): boolean => c.fn !== "shift" && c.fn !== "rolling";

/** A partition's summary for the partitions after it ("before" direction) and before it ("after"). */
export function windowSummary(p: WindowParams & { readonly direction: "before" | "after" }, [input]: readonly unknown[]): Carry {
  const cols = inputs(p, input as Batch);
  return p.calls.map((c, j) => {
    if (isTimeWindow(c)) return timeTail(cols[j] as TimedRows, timeWindowSpan(c), where(c), onName(c));
    const col = cols[j] as Column;
    const reach = windowReach(c);
    if (isRunning(c)) return cumulative(c.fn as "cumsum", col, null, where(c)).lastColumn;
    return p.direction === "before" ? tailRows(col, reach.before) : headRows(col, reach.after);
  });
}

/**
 * The carry into the next partition: for "before", from the carry into the previous partition
 * (absent for the first) and that partition's summary; for "after", from the next partition's
 * summary and the carry into it.
 */
export function windowCarry(p: WindowParams & { readonly direction: "before" | "after"; readonly first: boolean }, deps: readonly unknown[]): Carry {
  const [a, b] = p.first ? [null, deps[0] as Carry] : p.direction === "before" ? [deps[0] as Carry, deps[1] as Carry] : [deps[1] as Carry, deps[0] as Carry];
  return p.calls.map((c, j) => {
    if (isTimeWindow(c)) {
      const joined = a === null ? b[j] as TimedRows : concatTimed(a[j] as TimedRows, b[j] as TimedRows);
      return timeTail(joined, timeWindowSpan(c), where(c), onName(c));
    }
    const [aj, bj] = [a?.[j] as Column | undefined, b[j] as Column];
    const reach = windowReach(c);
    if (p.direction === "before") {
      const joined = aj === undefined ? bj : concatColumns([aj, bj], bj.dtype);
      if (isRunning(c)) return cumulative(c.fn as "cumsum", joined, null, where(c)).lastColumn;
      return tailRows(joined, reach.before);
    }
    // "after": b is the next partition's summary (its first rows), a the carry into it
    const joined = aj === undefined ? bj : concatColumns([bj, aj], bj.dtype);
    return headRows(joined, reach.after);
  });
}

/** Partition i with the call outputs added (or replaced), from its carries. */
export function windowApply(p: WindowParams & { readonly hasBefore: boolean; readonly hasAfter: boolean }, deps: readonly unknown[]): Batch {
  const batch = deps[0] as Batch;
  let k = 1;
  const before = p.hasBefore ? (deps[k++] as Carry) : null;
  const after = p.hasAfter ? (deps[k++] as Carry) : null;
  const cols = inputs(p, batch);
  const names = [...batch.names];
  const columns = [...batch.columns];
  p.calls.forEach((c, j) => {
    const out = compute(c, cols[j], before?.[j] ?? null, after?.[j] ?? null);
    const at = names.indexOf(c.name);
    if (at >= 0) columns[at] = out; else { names.push(c.name); columns.push(out); }
  });
  return { names, columns, length: batch.length };
}

function compute(c: WindowCall, input: Column | TimedRows, beforeRows: Column | TimedRows | null, afterRows: Column | TimedRows | null): Column {
  if (isTimeWindow(c)) {
    const { values, times } = input as TimedRows;
    return rollingTime(c.agg!, values, times, beforeRows as TimedRows | null, timeWindowSpan(c), c.minPeriods!, where(c), onName(c));
  }
  const [col, before, after] = [input as Column, beforeRows as Column | null, afterRows as Column | null];
  switch (c.fn) {
    case "cumsum": case "cumprod": case "cummax": case "cummin":
      return cumulative(c.fn, col, before, where(c)).column;
    case "shift": return shiftColumn(col, c.periods!, before, after);
    case "rolling": return rolling(c.agg!, col, before, c.window!, c.minPeriods!, where(c));
    default: throw new DuskError("INTERNAL", `window function ${String(c.fn)}`);
  }
}
