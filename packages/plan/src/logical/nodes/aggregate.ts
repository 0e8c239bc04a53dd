import { DuskError } from "@dusk/core";
import { explainExpr } from "../../expr/explain.js";
import { exprChildren } from "../../expr/map.js";
import type { NamedExpr } from "../../expr/typed.js";
import { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";
import { checkRefs } from "../validate.js";

export interface AggregateOptions {
  /** Drop rows whose key is null (pandas' default); false makes null its own group. */
  readonly dropna: boolean;
  /** Sort the result by the keys (pandas' default); with splitOut > 1, within each output partition. */
  readonly sort: boolean;
  /**
   * Output partitions (Dask's split_out). 1: a tree reduction into one partition. More: partial
   * results are hash-shuffled by key, so no single task holds every group (for many groups).
   */
  readonly splitOut?: number;
  /**
   * Set when splitOut was chosen automatically (the user gave none): the estimate of the groups
   * that chose it, shown by explain. Not part of the node's identity (splitOut is).
   */
  readonly estimatedGroups?: number;
}

/**
 * Groups the input by `keys` (none: the whole frame is one group) and computes one row per group:
 * the keys first, then each aggregate expression. Outside aggregate calls an expression may only
 * read keys.
 */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly input: LogicalNode;
  readonly keys: readonly string[];
  readonly aggs: readonly NamedExpr[];
  readonly options: AggregateOptions;
  readonly schema: Schema;
}

export function aggregateNode(
  input: LogicalNode, keys: readonly string[], aggs: readonly NamedExpr[],
  options: AggregateOptions = { dropna: true, sort: true },
): AggregateNode {
  const where = "agg";
  const splitOut = options.splitOut ?? 1;
  if (!Number.isInteger(splitOut) || splitOut < 1) {
    throw new DuskError("INVALID_ARGUMENT", `groupBy splitOut must be a whole number ≥ 1, got ${String(options.splitOut)}`);
  }
  if (splitOut > 1 && keys.length === 0) {
    throw new DuskError("INVALID_ARGUMENT", "splitOut > 1 needs group keys: a whole-frame aggregate has one row");
  }
  const keyFields = keys.map((k) => input.schema.require(k, "groupBy"));
  if (new Set(keys).size !== keys.length) throw new DuskError("DUPLICATE_COLUMN", `groupBy keys repeat a column: ${keys.join(", ")}`);
  for (const ne of aggs) {
    checkRefs(ne.expr, input.schema, where);
    if (keys.includes(ne.name)) {
      throw new DuskError("DUPLICATE_COLUMN", `aggregate output "${ne.name}" has the name of a group key; choose another name`, { column: ne.name });
    }
    checkKeysOutsideAggs(ne, keys);
  }
  const schema = new Schema([...keyFields, ...aggs.map((ne) => ({ name: ne.name, dtype: ne.expr.dtype }))]);
  return Object.freeze({
    kind: "aggregate", input, keys: Object.freeze([...keys]), aggs: Object.freeze([...aggs]),
    options: Object.freeze({ ...options }), schema,
  });
}

function checkKeysOutsideAggs(ne: NamedExpr, keys: readonly string[]): void {
  const visit = (e: NamedExpr["expr"]): void => {
    if (e.kind === "agg") return;
    if (e.kind === "col" && !keys.includes(e.name)) {
      throw new DuskError("INVALID_EXPRESSION",
        `column "${e.name}" is used outside an aggregate in agg output "${ne.name}" (${explainExpr(ne.expr)}); wrap it in an aggregate or group by it`);
    }
    exprChildren(e).forEach(visit);
  };
  visit(ne.expr);
}
