import { DuskError, dtypeEquals, formatDType } from "@dusk/core";
import type { Schema } from "../../schema.js";
import type { LogicalNode } from "../node.js";

/**
 * The rows of every input, one after another (pandas' `concat` of frames, row-wise): the inputs'
 * partitions in order. Every input has the same column names and dtypes in the same order
 * (dd.concat casts to common types before building this node).
 */
export interface ConcatNode {
  readonly kind: "concat";
  readonly inputs: readonly LogicalNode[];
  readonly schema: Schema;
}

/**
 * Throws SCHEMA_MISMATCH naming the input (by index) and the column when `schemas` differ in
 * column names (and, with `types`, in dtypes).
 */
export function checkSameSchema(schemas: readonly Schema[], where: string, types = true): void {
  const first = schemas[0];
  schemas.forEach((s, i) => {
    for (let j = 0; j < Math.max(s.length, first.length); j++) {
      const a = first.fields[j], b = s.fields[j];
      if (a === undefined || b === undefined || a.name !== b.name) {
        const what = b === undefined ? `has no column ${j} (frame 0 has "${a!.name}")`
          : a === undefined ? `has an extra column "${b.name}"` : `has column "${b.name}" where frame 0 has "${a.name}"`;
        throw new DuskError("SCHEMA_MISMATCH",
          `${where}: frame ${i} ${what}; frames must have the same columns in the same order (frame 0: [${first.names.join(", ")}], frame ${i}: [${s.names.join(", ")}]); select or rename columns first`,
          { frame: i, column: (b ?? a)!.name });
      }
      if (types && !dtypeEquals(a.dtype, b.dtype)) {
        throw new DuskError("SCHEMA_MISMATCH",
          `${where}: column "${a.name}" is ${formatDType(b.dtype)} in frame ${i} but ${formatDType(a.dtype)} in frame 0; cast it first`,
          { frame: i, column: a.name });
      }
    }
  });
}

export function concatNode(inputs: readonly LogicalNode[]): ConcatNode {
  if (inputs.length === 0) throw new DuskError("INVALID_ARGUMENT", "concat needs at least one frame");
  checkSameSchema(inputs.map((x) => x.schema), "concat");
  return Object.freeze({ kind: "concat", inputs: Object.freeze([...inputs]), schema: inputs[0].schema });
}
