/**
 * The builder for a column's dtype (exhaustive over dtypes).
 *
 * @example
 * ```ts
 * createColumnBuilder({ ...ctx, dtype: dtypes.int32 }); // a SmallIntBuilder
 * ```
 */
import { assertNever } from "@dusk/core";
import { BoolBuilder } from "./bool-builder.js";
import type { BuilderContext, ColumnBuilder } from "./builder.js";
import { DateBuilder } from "./date-builder.js";
import { FloatBuilder } from "./float-builder.js";
import { Int64Builder } from "./int64-builder.js";
import { SmallIntBuilder } from "./small-int-builder.js";
import { TimestampBuilder } from "./timestamp-builder.js";
import { Utf8ColumnBuilder } from "./utf8-builder.js";

export function createColumnBuilder(ctx: BuilderContext): ColumnBuilder {
  const t = ctx.dtype;
  switch (t.kind) {
    case "bool": return new BoolBuilder(ctx);
    case "int8": case "int16": case "int32": case "uint8": case "uint16": case "uint32":
      return new SmallIntBuilder(ctx, t.kind);
    case "int64": return new Int64Builder(ctx, false);
    case "uint64": return new Int64Builder(ctx, true);
    case "float32": return new FloatBuilder(ctx, true);
    case "float64": return new FloatBuilder(ctx, false);
    case "utf8": return new Utf8ColumnBuilder(ctx);
    case "date32": return new DateBuilder(ctx);
    case "timestamp": return new TimestampBuilder(ctx, t);
    default: return assertNever(t);
  }
}
