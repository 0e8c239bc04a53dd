import { DuskError } from "@dusk/core";
import { explainExpr } from "../../expr/explain.js";
import type { TypedExpr } from "../../expr/typed.js";
import type { Schema } from "../../schema.js";
import type { Source } from "../sources.js";
import { checkNoAgg, checkRefs } from "../validate.js";

/**
 * Reads a source. `columns` are the columns it outputs (projection pushed into the read);
 * `predicate`, over the source's columns, drops rows as they are read (predicate pushed into the read).
 */
export interface ScanNode {
  readonly kind: "scan";
  readonly source: Source;
  readonly columns: readonly string[];
  readonly predicate: TypedExpr | null;
  readonly schema: Schema;
}

export function scanNode(source: Source, columns: readonly string[] = source.schema.names, predicate: TypedExpr | null = null): ScanNode {
  const schema = source.schema.select(columns, "scan");
  if (predicate) {
    checkRefs(predicate, source.schema, "scan");
    checkNoAgg(predicate, "scan");
    if (predicate.dtype.kind !== "bool") throw new DuskError("INTERNAL", `scan predicate ${explainExpr(predicate)} is not bool`);
  }
  return Object.freeze({ kind: "scan", source, columns: Object.freeze([...columns]), predicate, schema });
}
