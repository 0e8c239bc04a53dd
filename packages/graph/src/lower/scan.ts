import { assertNever } from "@dusk/core";
import { nodeKey, type ScanNode } from "@dusk/plan";
import type { Batch } from "@dusk/kernels";
import { rowGroupMayMatch, type ParquetPiece, type StorageOptions } from "@dusk/io";
import { rowGroupFilters } from "./row-group-filters.js";
import { taskKey } from "../task.js";
import type { LowerContext } from "./context.js";

/** One task per source partition. */
export function lowerScan(node: ScanNode, ctx: LowerContext): string[] {
  const name = nodeKey(node);
  const source = node.source;
  switch (source.kind) {
    case "memory":
      return source.partitions.map((payload, i) => {
        const key = taskKey(name, i);
        ctx.add({ key, op: "scan-memory", params: { payload: payload as Batch, columns: node.columns, predicate: node.predicate }, deps: [] });
        return key;
      });
    case "persisted": {
      for (const k of source.keys) ctx.external(k);
      const all = node.predicate === null && node.columns.length === source.schema.length &&
        node.columns.every((c, i) => c === source.schema.fields[i].name);
      if (all) return [...source.keys];
      return source.keys.map((dep, i) => {
        const key = taskKey(name, i);
        ctx.add({ key, op: "scan-input", params: { columns: node.columns, predicate: node.predicate }, deps: [dep] });
        return key;
      });
    }
    case "files":
      switch (source.format) {
        case "csv":
          return source.partitions.map((block, i) => {
            const key = taskKey(name, i);
            ctx.add({ key, op: "read-csv", params: { block, read: source.read, columns: node.columns, predicate: node.predicate }, deps: [] });
            return key;
          });
        case "json":
          return source.partitions.map((block, i) => {
            const key = taskKey(name, i);
            ctx.add({ key, op: "read-json", params: { block, read: source.read, columns: node.columns, predicate: node.predicate }, deps: [] });
            return key;
          });
        case "parquet": {
          // row groups whose statistics prove the predicate false for every row are not read
          const filters = rowGroupFilters(node.predicate);
          const dtypes = node.columns.map((c) => source.schema.field(c)!.dtype);
          const { storageOptions } = source.read as { storageOptions: StorageOptions | undefined };
          return (source.partitions as readonly ParquetPiece[]).map((piece, i) => {
            const key = taskKey(name, i);
            const rowGroups = piece.rowGroups.filter((_, j) => filters.length === 0 || rowGroupMayMatch(piece.stats[j], filters, piece.schema));
            const file = { path: piece.path, size: piece.size, version: piece.version };
            ctx.add({ key, op: "read-parquet", params: { file, rowGroups, totalRowGroups: piece.rowGroups.length, storageOptions, columns: node.columns, dtypes, predicate: node.predicate }, deps: [] });
            return key;
          });
        }
        default:
          return assertNever(source.format);
      }
    default:
      return assertNever(source);
  }
}
