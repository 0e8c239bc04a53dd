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

/**
 * Partitions computed earlier and held by a client's workers (`persist()`): tasks read them by key.
 * `owner` is the client holding them and `handles` keep them alive (both opaque here).
 */
export interface PersistedSource {
  readonly kind: "persisted";
  readonly token: string;
  readonly schema: Schema;
  readonly keys: readonly string[];
  readonly owner: unknown;
  readonly handles: readonly unknown[];
}

export type Source = MemorySource | PersistedSource;

export const memorySource = (token: string, schema: Schema, partitions: readonly unknown[], rowCounts: readonly number[]): MemorySource =>
  Object.freeze({ kind: "memory", token, schema, partitions: Object.freeze([...partitions]), rowCounts: Object.freeze([...rowCounts]) });

export const persistedSource = (token: string, schema: Schema, keys: readonly string[], owner: unknown, handles: readonly unknown[]): PersistedSource =>
  Object.freeze({ kind: "persisted", token, schema, keys: Object.freeze([...keys]), owner, handles: Object.freeze([...handles]) });

export function sourcePartitions(s: Source): number {
  switch (s.kind) {
    case "memory": return s.partitions.length;
    case "persisted": return s.keys.length;
    default: return assertNever(s);
  }
}

/** Rows in the source when known without reading it. */
export function sourceRows(s: Source): number | null {
  switch (s.kind) {
    case "memory": return s.rowCounts.reduce((a, b) => a + b, 0);
    case "persisted": return null;
    default: return assertNever(s);
  }
}

/** Canonical identity of a source, for plan hashing. */
export function sourceKey(s: Source): string {
  switch (s.kind) {
    case "memory": return `memory:${s.token}`;
    case "persisted": return `persisted:${s.token}`;
    default: return assertNever(s);
  }
}

/** Short text for explain: `memory[8 partitions, 1000 rows]`. */
export function describeSource(s: Source): string {
  switch (s.kind) {
    case "memory": {
      const n = s.partitions.length;
      return `memory[${n} partition${n === 1 ? "" : "s"}, ${sourceRows(s)} rows]`;
    }
    case "persisted": return `persisted[${s.keys.length} partition${s.keys.length === 1 ? "" : "s"}]`;
    default: return assertNever(s);
  }
}
