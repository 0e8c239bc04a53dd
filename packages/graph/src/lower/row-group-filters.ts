/**
 * The part of a scan's predicate that Parquet statistics can decide: its top-level conjuncts of the
 * form `column <cmp> literal` (either side), `column.isIn([...])`, `column.isNull()` and
 * `column.isNotNull()` on bare columns. Anything else is left out, which only means fewer row
 * groups are skipped: the whole predicate still filters the rows that are read.
 *
 * @example
 * ```ts
 * rowGroupFilters(bind(col("v1").gt(3).and(col("id").isIn(["a"]))));
 * // [["v1", ">", 3], ["id", "in", ["a"]]]
 * ```
 */
import type { ParquetFilter } from "@dusk/io";
import type { TypedExpr } from "@dusk/plan";

const CMP: Readonly<Record<string, ParquetFilter[1]>> = { eq: "==", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" };
const FLIP: Readonly<Record<string, string>> = { eq: "eq", ne: "ne", lt: "gt", le: "ge", gt: "lt", ge: "le" };

function conjuncts(e: TypedExpr, out: TypedExpr[]): TypedExpr[] {
  if (e.kind === "binary" && e.op === "and") { conjuncts(e.left, out); conjuncts(e.right, out); } else out.push(e);
  return out;
}

const UNITS_PER_DAY: Readonly<Record<string, bigint>> = { s: 86_400n, ms: 86_400_000n, us: 86_400_000_000n, ns: 86_400_000_000_000n };

/**
 * `cast(d as timestamp) op lit` as a filter on the days of `d`: `>= L` is `>= ceil(L / day)`,
 * `> L` is `> floor(L / day)`, `<= L` is `<= floor(L / day)`, `< L` is `< ceil(L / day)`, `== L`
 * only when L is a midnight. Null when it cannot be said exactly.
 */
function dateBound(x: TypedExpr, op: string, lit: TypedExpr): ParquetFilter | null {
  if (x.kind !== "cast" || x.input.kind !== "col" || x.input.dtype.kind !== "date32" || x.dtype.kind !== "timestamp") return null;
  if (lit.kind !== "lit" || typeof lit.value !== "bigint") return null;
  const per = UNITS_PER_DAY[x.dtype.unit];
  const v = lit.value;
  const floor = v >= 0n ? v / per : -((-v + per - 1n) / per);
  const ceil = floor * per === v ? floor : floor + 1n;
  let days: bigint;
  switch (op) {
    case "ge": case "lt": days = ceil; break;
    case "gt": case "le": days = floor; break;
    case "eq": if (floor !== ceil) return null; days = floor; break;
    default: return null;
  }
  if (days < -2147483648n || days > 2147483647n) return null;
  return [x.input.name, CMP[op], Number(days)];
}

function toFilter(e: TypedExpr): ParquetFilter | null {
  if (e.kind === "binary" && CMP[e.op] !== undefined) {
    const viaDate = dateBound(e.left, e.op, e.right) ?? dateBound(e.right, FLIP[e.op], e.left);
    if (viaDate !== null) return viaDate;
    if (e.left.kind === "col" && e.right.kind === "lit" && e.right.value !== null) return [e.left.name, CMP[e.op], e.right.value];
    if (e.right.kind === "col" && e.left.kind === "lit" && e.left.value !== null) return [e.right.name, CMP[FLIP[e.op]], e.left.value];
    return null;
  }
  if (e.kind === "isIn" && e.input.kind === "col") return [e.input.name, "in", e.values];
  if (e.kind === "unary" && e.input.kind === "col" && (e.op === "isNull" || e.op === "isNotNull")) {
    return [e.input.name, e.op === "isNull" ? "==" : "!=", null];
  }
  return null;
}

export function rowGroupFilters(predicate: TypedExpr | null): ParquetFilter[] {
  if (predicate === null) return [];
  const out: ParquetFilter[] = [];
  for (const c of conjuncts(predicate, [])) {
    const f = toFilter(c);
    if (f !== null) out.push(f);
  }
  return out;
}
