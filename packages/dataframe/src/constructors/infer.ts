/**
 * Inferring a column's dtype from JS values, as pandas would but without guessing silently:
 * integers (safe) → int64, other numbers → float64, bigints → int64 (uint64 when needed),
 * strings → utf8, booleans → bool, Dates → timestamp[ms]; only nulls → float64. A column mixing
 * kinds (strings with numbers, say) is an error naming the column and the first odd row.
 */
import { DuskError, describeValue, dtypes, type DType, type InputValue } from "@dusk/core";

type Kind = "int" | "float" | "bigint" | "string" | "bool" | "date";

function kindOf(v: InputValue): Kind | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number": return Number.isNaN(v) ? null : Number.isSafeInteger(v) ? "int" : "float";
    case "bigint": return "bigint";
    case "string": return "string";
    case "boolean": return "bool";
    default: return v instanceof Date ? "date" : null;
  }
}

const INT64_MAX = 9223372036854775807n;

export function inferDType(values: ArrayLike<InputValue>, column: string): DType {
  const seen = new Set<Kind>();
  const firstRow = new Map<Kind, number>();
  let bigPositive = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const k = kindOf(v);
    if (k === null) {
      if (v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v))) {
        throw new DuskError("INVALID_ARGUMENT", `column "${column}": value at row ${i} (${describeValue(v)}) is not a number, bigint, string, boolean or Date`);
      }
      continue;
    }
    if (!seen.has(k)) { seen.add(k); firstRow.set(k, i); }
    if (k === "bigint" && (v as bigint) > INT64_MAX) bigPositive = true;
  }
  if (seen.size === 0) return dtypes.float64;
  const only = (...ks: Kind[]) => [...seen].every((k) => ks.includes(k));
  if (only("string")) return dtypes.utf8;
  if (only("bool")) return dtypes.bool;
  if (only("date")) return dtypes.timestamp("ms");
  if (only("int", "bigint")) return bigPositive ? dtypes.uint64 : dtypes.int64;
  if (only("int", "float")) return dtypes.float64;
  const kinds = [...seen];
  const odd = kinds[1];
  throw new DuskError("INVALID_ARGUMENT",
    `column "${column}" mixes ${kinds.map((k) => (k === "int" || k === "float" ? "numbers" : `${k}s`)).join(" and ")} (first ${odd} at row ${firstRow.get(odd)}); ` +
    `give it one kind of value, or a dtype in the options (e.g. { dtypes: { ${column}: "float64" } })`,
    { column });
}
