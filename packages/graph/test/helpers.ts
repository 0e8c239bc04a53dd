/** In-memory scans over real kernel batches, for lowering and execution tests. */
import { dtypes } from "@dusk/core";
import { columnFromValues, type Batch } from "@dusk/kernels";
import { memorySource, scanNode, Schema, type LogicalNode } from "@dusk/plan";

/** A scan of k (utf8) and v (int64) over `partitions` partitions of `rows` rows each; v = row number. */
export function scanKV(partitions: number, rows = 10, token = `kv-${partitions}-${rows}`): LogicalNode {
  const schema = Schema.of({ k: "utf8", v: "int64" });
  const parts: Batch[] = Array.from({ length: partitions }, (_, p) => ({
    names: ["k", "v"],
    length: rows,
    columns: [
      columnFromValues(dtypes.utf8, Array.from({ length: rows }, (_, i) => `k${(p * rows + i) % 3}`)),
      columnFromValues(dtypes.int64, Array.from({ length: rows }, (_, i) => BigInt(p * rows + i))),
    ],
  }));
  return scanNode(memorySource(token, schema, parts, parts.map((b) => b.length)));
}
