/**
 * Comparing a computed Arrow table with expected columns of plain JS values: names in order, row
 * count, and every value (floats within a relative tolerance, everything else exactly; int64 may be
 * given as bigint or as a safe-integer number). Failures name the column, the row and both values.
 *
 * @example
 * ```ts
 * assertFrameEqual(await df.compute(), { id: ["a", "b"], v: [3n, 2n] });
 * assertFrameEqual(table, expected, { rtol: 1e-9, ignoreRowOrder: true });
 * ```
 */
import type { Table } from "apache-arrow";

export interface FrameEqualOptions {
  /** Relative tolerance for floating-point values (default 1e-9). */
  readonly rtol?: number;
  /** Absolute tolerance for floating-point values near zero (default 1e-12). */
  readonly atol?: number;
  /** Compare as multisets of rows (sorted first) instead of in order. */
  readonly ignoreRowOrder?: boolean;
}

export type ExpectedColumns = Readonly<Record<string, readonly unknown[]>>;

/** The columns of a table as plain JS arrays (Arrow's own get() values). */
export function tableToColumns(t: Table): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name)!;
    const arr = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) arr[i] = v.get(i);
    out[f.name] = arr;
  }
  return out;
}

function show(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Whether two cell values are equal under the tolerances. */
export function valuesEqual(a: unknown, b: unknown, rtol = 1e-9, atol = 1e-12): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === "bigint" || typeof b === "bigint") {
    const x = typeof a === "number" && Number.isInteger(a) ? BigInt(a) : a;
    const y = typeof b === "number" && Number.isInteger(b) ? BigInt(b) : b;
    return x === y;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

const rowKey = (cols: readonly unknown[][], i: number): string =>
  // a bigint that is also a safe number sorts as that number (an expected 20 meets an actual 20n);
  // larger bigints keep every digit
  JSON.stringify(cols.map((c) => {
    const v = c[i];
    if (typeof v === "bigint") return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(Number(v).toPrecision(9)) : `${v}n`;
    return typeof v === "number" ? Number(v.toPrecision(9)) : v;
  }));

function sortedRows(cols: unknown[][]): unknown[][] {
  const n = cols[0]?.length ?? 0;
  const idx = Array.from({ length: n }, (_, i) => i);
  const keys = idx.map((i) => rowKey(cols, i));
  idx.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  return cols.map((c) => idx.map((i) => c[i]));
}

export function assertFrameEqual(actual: Table, expected: ExpectedColumns | Table, options: FrameEqualOptions = {}): void {
  const exp = "schema" in expected && "batches" in expected ? tableToColumns(expected as Table) : (expected as ExpectedColumns);
  const act = tableToColumns(actual);
  const an = Object.keys(act), en = Object.keys(exp);
  if (an.join("\u0000") !== en.join("\u0000")) {
    throw new Error(`columns differ: got [${an.join(", ")}], expected [${en.join(", ")}]`);
  }
  const rows = en.length ? exp[en[0]].length : 0;
  for (const n of en) {
    if (exp[n].length !== rows) throw new Error(`expected column ${n} has ${exp[n].length} values, others ${rows}`);
  }
  if (actual.numRows !== rows) throw new Error(`row count differs: got ${actual.numRows}, expected ${rows}`);
  let a = en.map((n) => act[n]);
  let e = en.map((n) => [...exp[n]]);
  if (options.ignoreRowOrder) { a = sortedRows(a); e = sortedRows(e); }
  const rtol = options.rtol ?? 1e-9, atol = options.atol ?? 1e-12;
  en.forEach((name, j) => {
    for (let i = 0; i < rows; i++) {
      if (!valuesEqual(a[j][i], e[j][i], rtol, atol)) {
        throw new Error(`column ${name}, row ${i}: got ${show(a[j][i])}, expected ${show(e[j][i])}`);
      }
    }
  });
}
