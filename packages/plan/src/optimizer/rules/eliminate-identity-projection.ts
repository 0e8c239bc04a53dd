/**
 * Removes a Project that outputs exactly its input's columns, in order, unchanged
 * (`Project [a, b]` over a node with columns a, b). Must not fire on a reorder or a rename.
 */
import type { LogicalNode } from "../../logical/node.js";
import type { Rule } from "../rule.js";

export const eliminateIdentityProjection: Rule = {
  name: "eliminate-identity-projection",
  order: "bottom-up",
  apply(n: LogicalNode) {
    if (n.kind !== "project") return undefined;
    const fields = n.input.schema.fields;
    if (n.exprs.length !== fields.length) return undefined;
    const identity = n.exprs.every((ne, i) => ne.name === fields[i].name && ne.expr.kind === "col" && ne.expr.name === ne.name);
    return identity ? n.input : undefined;
  },
};
