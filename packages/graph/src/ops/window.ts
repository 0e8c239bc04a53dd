/**
 * Window functions across partitions in three small steps. `window-summary` reduces a partition to
 * what its neighbours need (per call: the last running value, or its last / first rows);
 * `window-carry` folds the summaries along the partitions (the rows or running value before
 * partition i from those before i − 1 and partition i − 1's summary; likewise after); then
 * `window-apply` computes partition i's columns from its rows and its carries. Summaries and
 * carries hold a few rows per call, so the chain is cheap and the partitions run in parallel.
 */
import { DuskError } from "@dusk/core";
import { concatColumns, cumulative, headRows, rolling, shiftColumn, tailRows, type Batch, type Column } from "@dusk/kernels";
import { windowReach, type WindowCall } from "@dusk/plan";
import { evaluateColumn } from "../eval/evaluate.js";

export interface WindowParams {
  readonly calls: readonly WindowCall[];
}

/** Per call, one column: a running value (one row), the rows before, or the rows after. */
type Carry = readonly Column[];

const where = (c: WindowCall): string => `${c.fn}(${c.name})`;
const inputs = (p: WindowParams, b: Batch): Column[] => p.calls.map((c) => evaluateColumn(c.input, b));
const isRunning = (c: WindowCall): boolean => c.fn !== "shift" && c.fn !== "rolling";

/** A partition's summary for the partitions after it ("before" direction) and before it ("after"). */
export function windowSummary(p: WindowParams & { readonly direction: "before" | "after" }, [input]: readonly unknown[]): Carry {
  const cols = inputs(p, input as Batch);
  return p.calls.map((c, j) => {
    const reach = windowReach(c);
    if (isRunning(c)) return cumulative(c.fn as "cumsum", cols[j], null, where(c)).lastColumn;
    return p.direction === "before" ? tailRows(cols[j], reach.before) : headRows(cols[j], reach.after);
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
    const reach = windowReach(c);
    if (p.direction === "before") {
      const joined = a === null ? b[j] : concatColumns([a[j], b[j]], b[j].dtype);
      if (isRunning(c)) return cumulative(c.fn as "cumsum", joined, null, where(c)).lastColumn;
      return tailRows(joined, reach.before);
    }
    // "after": b is the next partition's summary (its first rows), a the carry into it
    const joined = a === null ? b[j] : concatColumns([b[j], a[j]], b[j].dtype);
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

function compute(c: WindowCall, col: Column, before: Column | null, after: Column | null): Column {
  switch (c.fn) {
    case "cumsum": case "cumprod": case "cummax": case "cummin":
      return cumulative(c.fn, col, before, where(c)).column;
    case "shift": return shiftColumn(col, c.periods!, before, after);
    case "rolling": return rolling(c.agg!, col, before, c.window!, c.minPeriods!, where(c));
    default: throw new DuskError("INTERNAL", `window function ${String(c.fn)}`);
  }
}
