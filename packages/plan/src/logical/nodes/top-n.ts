import { DuskError, formatDType } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkSortKeys } from "./sort.js";

/**
 * The first `n` rows of the input ordered by `by` (`ascending[i]` per key, nulls and NaN last),
 * ties kept in input order: pandas' `nlargest(n, columns)` (all descending) and
 * `nsmallest(n, columns)` (all ascending) with `keep="first"`. One output partition.
 */
export interface TopNNode {
  readonly kind: "top-n";
  readonly input: LogicalNode;
  readonly n: number;
  readonly by: readonly string[];
  readonly ascending: readonly boolean[];
  readonly schema: Schema;
}

export function topNNode(input: LogicalNode, n: number, by: readonly string[], ascending: readonly boolean[]): TopNNode {
  const where = ascending.every((a) => a) ? "nsmallest" : ascending.every((a) => !a) ? "nlargest" : "top-n";
  if (!Number.isSafeInteger(n) || n < 0) throw new DuskError("INVALID_ARGUMENT", `${where} needs a whole number of rows ≥ 0, got ${n}`);
  checkSortKeys(input, by, ascending, where);
  for (const name of by) {
    const t = input.schema.require(name, where).dtype;
    if (t.kind === "utf8" || t.kind === "bool") {
      throw new DuskError("TYPE_MISMATCH",
        `${where} cannot order by column "${name}" (${formatDType(t)}), as in pandas; use sortValues("${name}").limit(${n}) instead`,
        { column: name });
    }
  }
  return Object.freeze({ kind: "top-n", input, n, by: Object.freeze([...by]), ascending: Object.freeze([...ascending]), schema: input.schema });
}
