/**
 * Divisions and predicates: which partitions of an indexed frame can hold rows a condition keeps.
 * A partition's bounds are the [min, max] of its non-null index values; a conjunct of the form
 * `index <cmp> literal` (either side; `eq lt le gt ge`; also `cast(index as float)` of a numeric index), `index.isIn([...])` or `index.isNotNull()`
 * rules a partition out when no value in its bounds can satisfy it. Conjuncts on other columns, on
 * computed values, against a literal of another dtype, or with a null literal are not judged (they
 * keep every partition), so the answer is only ever "cannot match" when that is certain. Null index
 * values never satisfy a comparison, so a partition with no bounds matches none of these conjuncts.
 *
 * @example
 * ```ts
 * partitionsMatching([[1n, 5n], [6n, 9n], null], bind("ts >= 7"), "ts"); // [1]
 * ```
 */
import { compareCodePoints } from "../expr/fold.js";
import { conjuncts } from "../expr/substitute.js";
import type { ScalarValue, TypedExpr } from "../expr/typed.js";
import type { PartitionBounds } from "./nodes/set-index.js";

/**
 * Orders two non-null scalars of one dtype as the kernels do: numbers and bigints by value (mixed
 * exactly), strings by code point, false before true.
 */
export function compareScalars(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "bigint" && typeof b === "number") return -compareScalars(b, a);
  if (typeof a === "number" && typeof b === "bigint") {
    if (Number.isInteger(a)) { const x = BigInt(a); return x < b ? -1 : x > b ? 1 : 0; }
    return a < Number(b) ? -1 : 1;
  }
  return 0;
}

type Cmp = "eq" | "lt" | "le" | "gt" | "ge";
const FLIP: Readonly<Record<Cmp, Cmp>> = { eq: "eq", lt: "gt", le: "ge", gt: "lt", ge: "le" };
const isCmp = (op: string): op is Cmp => op === "eq" || op === "lt" || op === "le" || op === "gt" || op === "ge";

/** A condition on the index a partition's bounds can rule out: `index op value`, or membership. */
type IndexTest = { readonly op: Cmp; readonly value: ScalarValue; readonly asFloat?: boolean } | { readonly op: "in"; readonly values: readonly ScalarValue[] } | { readonly op: "not-null" };

function testOf(e: TypedExpr, column: string): IndexTest | null {
  const isIndex = (x: TypedExpr): boolean => x.kind === "col" && x.name === column;
  if (e.kind === "binary" && isCmp(e.op)) {
    const { left, right } = e;
    if (right.kind === "lit" && right.value !== null) {
      if (isIndex(left) && right.dtype.kind === left.dtype.kind) return { op: e.op, value: right.value };
      if (isNumericCast(left, column)) return { op: e.op, value: right.value, asFloat: true };
    }
    if (left.kind === "lit" && left.value !== null) {
      if (isIndex(right) && left.dtype.kind === right.dtype.kind) return { op: FLIP[e.op], value: left.value };
      if (isNumericCast(right, column)) return { op: FLIP[e.op], value: left.value, asFloat: true };
    }
    return null;
  }
  if (e.kind === "isIn" && isIndex(e.input)) return { op: "in", values: e.values };
  if (e.kind === "unary" && e.op === "isNotNull" && isIndex(e.input)) return { op: "not-null" };
  return null;
}

const NUMERIC = new Set(["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"]);

/**
 * `cast(index as float)` of a numeric index, as binding writes `int_col > 9.5`: the cast keeps the
 * order (it may merge neighbours, never swap them), so bounds cast the same way still bound.
 */
function isNumericCast(x: TypedExpr, column: string): boolean {
  return x.kind === "cast" && x.input.kind === "col" && x.input.name === column && NUMERIC.has(x.input.dtype.kind) &&
    (x.dtype.kind === "float64" || x.dtype.kind === "float32");
}

/** The tests on `column` among the top-level conjuncts of `predicate`. */
export function indexTests(predicate: TypedExpr, column: string): IndexTest[] {
  const out: IndexTest[] = [];
  for (const c of conjuncts(predicate)) {
    const t = testOf(c, column);
    if (t !== null) out.push(t);
  }
  return out;
}

function mayHold(b: readonly [ScalarValue, ScalarValue], t: IndexTest): boolean {
  // bounds of a cast index, cast as the kernels cast each value (bigints round to the nearest double)
  const [lo, hi] = "asFloat" in t && t.asFloat === true ? [Number(b[0]), Number(b[1])] : b;
  switch (t.op) {
    case "eq": return compareScalars(lo, t.value) <= 0 && compareScalars(t.value, hi) <= 0;
    case "lt": return compareScalars(lo, t.value) < 0;
    case "le": return compareScalars(lo, t.value) <= 0;
    case "gt": return compareScalars(hi, t.value) > 0;
    case "ge": return compareScalars(hi, t.value) >= 0;
    case "in": return t.values.some((v) => v !== null && compareScalars(lo, v) <= 0 && compareScalars(v, hi) <= 0);
    case "not-null": return true;
  }
}

/**
 * The partitions (numbers into `divisions`) that may hold a row `predicate` keeps; every partition
 * when the predicate has no test on `column`.
 */
export function partitionsMatching(divisions: readonly PartitionBounds[], predicate: TypedExpr, column: string): number[] {
  const tests = indexTests(predicate, column);
  const out: number[] = [];
  divisions.forEach((b, i) => {
    if (tests.length === 0) out.push(i);
    else if (b !== null && tests.every((t) => mayHold(b, t))) out.push(i);
  });
  return out;
}
