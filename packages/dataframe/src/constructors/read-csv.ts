/**
 * A lazy DataFrame over CSV files: the files are found and the schema inferred now (from a sample
 * of the first file), the rows are read by the workers when the frame is computed, one partition
 * per block of `blocksize` bytes (or per file).
 */
import { planCsvRead, type ReadCsvOptions } from "@dusk/io";
import { fileSource, scanNode, Schema, type LogicalNode } from "@dusk/plan";

export type { ReadCsvOptions };

export function readCsvPlan(location: string | readonly string[], options: ReadCsvOptions = {}): LogicalNode {
  const plan = planCsvRead(location, options);
  const schema = new Schema(plan.schema.columns.map((c) => ({ name: c.name, dtype: c.dtype })));
  return scanNode(fileSource("csv", plan.token, schema, plan.blocks, plan.read, plan.files.length));
}
