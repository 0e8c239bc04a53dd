/**
 * Where a scan's rows come from. The plan knows a source's schema and partition facts; the data
 * itself is opaque here (the graph package knows what a partition payload is).
 */
import { assertNever } from "@dusk/core";
import type { Schema } from "../schema.js";

/** Partitions held in memory on the caller's thread (fromColumns, fromArrow, fromRecords). */
export interface MemorySource {
  readonly kind: "memory";
  /** A hash of the data's content: equal data gives an equal token, so equal plans share work. */
  readonly token: string;
  readonly schema: Schema;
  /** One opaque payload per partition. */
  readonly partitions: readonly unknown[];
  readonly rowCounts: readonly number[];
}

export type Source = MemorySource;

export const memorySource = (token: string, schema: Schema, partitions: readonly unknown[], rowCounts: readonly number[]): MemorySource =>
  Object.freeze({ kind: "memory", token, schema, partitions: Object.freeze([...partitions]), rowCounts: Object.freeze([...rowCounts]) });

export function sourcePartitions(s: Source): number {
  switch (s.kind) {
    case "memory": return s.partitions.length;
    default: return assertNever(s.kind);
  }
}

/** Rows in the source when known without reading it. */
export function sourceRows(s: Source): number | null {
  switch (s.kind) {
    case "memory": return s.rowCounts.reduce((a, b) => a + b, 0);
    default: return assertNever(s.kind);
  }
}

/** Canonical identity of a source, for plan hashing. */
export function sourceKey(s: Source): string {
  switch (s.kind) {
    case "memory": return `memory:${s.token}`;
    default: return assertNever(s.kind);
  }
}

/** Short text for explain: `memory[8 partitions, 1000 rows]`. */
export function describeSource(s: Source): string {
  switch (s.kind) {
    case "memory": {
      const n = s.partitions.length;
      return `memory[${n} partition${n === 1 ? "" : "s"}, ${sourceRows(s)} rows]`;
    }
    default: return assertNever(s.kind);
  }
}
