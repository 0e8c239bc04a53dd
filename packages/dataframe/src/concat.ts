import { DuskError } from "@dusk/core";
import { DataFrame } from "./dataframe.js";
import { concatPlans } from "./methods/concat.js";

/**
 * Stacks frames row-wise, as pandas' `pd.concat([df1, df2])`: the rows of each frame in turn, its
 * partitions after the previous frame's. Frames must have the same column names in the same order;
 * a column whose dtypes differ is cast to their common type (int32 and int64 → int64, int and
 * float → float64); otherwise a SCHEMA_MISMATCH error names the frame and the column.
 *
 * @example
 * ```ts
 * const jan = dd.readParquet("events/2026-01/"), feb = dd.readParquet("events/2026-02/");
 * const both = dd.concat([jan, feb]);   // both.npartitions === jan.npartitions + feb.npartitions
 * ```
 */
export function concat(frames: readonly DataFrame[]): DataFrame {
  if (!Array.isArray(frames)) throw new DuskError("INVALID_ARGUMENT", "dd.concat takes a list of frames, e.g. dd.concat([df1, df2])");
  frames.forEach((f, i) => {
    if (!(f instanceof DataFrame)) throw new DuskError("INVALID_ARGUMENT", `dd.concat: item ${i} is not a DataFrame`, { frame: i });
  });
  return new DataFrame(concatPlans(frames.map((f) => f.plan)));
}
