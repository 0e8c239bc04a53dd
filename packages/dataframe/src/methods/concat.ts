/**
 * concat(): pandas' `concat([df1, df2, ...])` row-wise, for frames with the same column names in
 * the same order. A column whose dtypes differ between frames is cast to their common type
 * (int32 with int64 → int64, int with float → float64, date with timestamp → timestamp); columns
 * with no common type, or other names, are a SCHEMA_MISMATCH naming the frame and the column.
 */
import { DuskError, dtypeEquals, formatDType, type DType } from "@dusk/core";
import { checkSameSchema, commonType, concatNode, named, projectNode, tCast, tCol, type LogicalNode } from "@dusk/plan";

export function concatPlans(plans: readonly LogicalNode[]): LogicalNode {
  if (plans.length === 0) throw new DuskError("INVALID_ARGUMENT", "dd.concat needs at least one frame, e.g. dd.concat([df1, df2])");
  const first = plans[0].schema;
  checkSameSchema(plans.map((p) => p.schema), "dd.concat", false);
  const types: DType[] = first.fields.map((f) => f.dtype);
  plans.forEach((p, i) => {
    p.schema.fields.forEach((f, j) => {
      const t = commonType(types[j], f.dtype);
      if (t === null) {
        throw new DuskError("SCHEMA_MISMATCH",
          `dd.concat: column "${f.name}" is ${formatDType(f.dtype)} in frame ${i} but ${formatDType(types[j])} in the frames before it, and they have no common type; cast it first`,
          { frame: i, column: f.name });
      }
      types[j] = t;
    });
  });
  const aligned = plans.map((p) => (p.schema.fields.every((f, j) => dtypeEquals(f.dtype, types[j]))
    ? p
    : projectNode(p, p.schema.fields.map((f, j) => named(f.name, dtypeEquals(f.dtype, types[j]) ? tCol(f.name, f.dtype) : tCast(tCol(f.name, f.dtype), types[j]))))));
  return concatNode(aligned);
}
