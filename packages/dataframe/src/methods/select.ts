import { DuskError } from "@dusk/core";
import { named, projectNode, tCol, type LogicalNode } from "@dusk/plan";

/** Keeps the named columns, in the order given. */
export function select(plan: LogicalNode, columns: readonly string[]): LogicalNode {
  if (columns.length === 0) throw new DuskError("INVALID_ARGUMENT", "select needs at least one column");
  const where = `select(${columns.join(", ")})`;
  return projectNode(plan, columns.map((c) => named(c, tCol(c, plan.schema.require(c, where).dtype))));
}

/** Removes the named columns. */
export function drop(plan: LogicalNode, columns: readonly string[]): LogicalNode {
  const where = `drop(${columns.join(", ")})`;
  for (const c of columns) plan.schema.require(c, where);
  const keep = plan.schema.fields.filter((f) => !columns.includes(f.name));
  return projectNode(plan, keep.map((f) => named(f.name, tCol(f.name, f.dtype))));
}

/** Renames columns (`{ old: "new" }`); the others keep their names and places. */
export function rename(plan: LogicalNode, mapping: Readonly<Record<string, string>>): LogicalNode {
  const where = `rename(${Object.entries(mapping).map(([a, b]) => `${a} → ${b}`).join(", ")})`;
  for (const old of Object.keys(mapping)) plan.schema.require(old, where);
  return projectNode(plan, plan.schema.fields.map((f) => named(mapping[f.name] ?? f.name, tCol(f.name, f.dtype))));
}
