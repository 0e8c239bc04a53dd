/**
 * A lazy DataFrame over newline-delimited JSON files: the files are found and the schema inferred
 * now (from a sample of the first file; nested objects flattened to dotted column names), the
 * lines are read by the workers when the frame is computed, one partition per block of
 * `blocksize` bytes (or per file).
 */
import { planJsonRead, type ReadJsonOptions } from "@dusk/io";
import { fileSource, scanNode, Schema, type LogicalNode } from "@dusk/plan";

export type { ReadJsonOptions };

export function readJsonPlan(location: string | readonly string[], options: ReadJsonOptions = {}): LogicalNode {
  const plan = planJsonRead(location, options);
  const schema = new Schema(plan.schema.columns.map((c) => ({ name: c.name, dtype: c.dtype })));
  return scanNode(fileSource("json", plan.token, schema, plan.blocks, plan.read, plan.files.length));
}
