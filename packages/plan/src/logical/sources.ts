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

/**
 * Partitions read from files (`readCsv`, `readParquet`, `readJson`): each partition is an opaque read spec
 * (a byte range, a row group) that the graph's `read-<format>` op turns into a batch.
 */
export interface FileSource {
  readonly kind: "files";
  readonly format: "csv" | "parquet" | "json";
  /** A hash of the files (paths, sizes, versions) and the read options: equal reads share work. */
  readonly token: string;
  readonly schema: Schema;
  /** One opaque read spec per partition. */
  readonly partitions: readonly unknown[];
  /** What the read ops need besides the partition (options, file layout); opaque here. */
  readonly read: unknown;
  readonly files: number;
  /** Rows per partition when known without reading (Parquet metadata); null for CSV. */
  readonly rowCounts: readonly number[] | null;
}

export type Source = MemorySource | PersistedSource | FileSource;

export const memorySource = (token: string, schema: Schema, partitions: readonly unknown[], rowCounts: readonly number[]): MemorySource =>
  Object.freeze({ kind: "memory", token, schema, partitions: Object.freeze([...partitions]), rowCounts: Object.freeze([...rowCounts]) });

export const persistedSource = (token: string, schema: Schema, keys: readonly string[], owner: unknown, handles: readonly unknown[]): PersistedSource =>
  Object.freeze({ kind: "persisted", token, schema, keys: Object.freeze([...keys]), owner, handles: Object.freeze([...handles]) });

export const fileSource = (
  format: FileSource["format"], token: string, schema: Schema, partitions: readonly unknown[], read: unknown, files: number,
  rowCounts: readonly number[] | null = null,
): FileSource =>
  Object.freeze({
    kind: "files", format, token, schema, partitions: Object.freeze([...partitions]), read, files,
    rowCounts: rowCounts === null ? null : Object.freeze([...rowCounts]),
  });

export function sourcePartitions(s: Source): number {
  switch (s.kind) {
    case "memory": return s.partitions.length;
    case "persisted": return s.keys.length;
    case "files": return s.partitions.length;
    default: return assertNever(s);
  }
}

/** Rows in the source when known without reading it. */
export function sourceRows(s: Source): number | null {
  switch (s.kind) {
    case "memory": return s.rowCounts.reduce((a, b) => a + b, 0);
    case "persisted": return null;
    case "files": return s.rowCounts === null ? null : s.rowCounts.reduce((a, b) => a + b, 0);
    default: return assertNever(s);
  }
}

/** Canonical identity of a source, for plan hashing. */
export function sourceKey(s: Source): string {
  switch (s.kind) {
    case "memory": return `memory:${s.token}`;
    case "persisted": return `persisted:${s.token}`;
    case "files": return `${s.format}:${s.token}`;
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
    case "files": {
      const n = s.partitions.length;
      return `${s.format}[${s.files} file${s.files === 1 ? "" : "s"}, ${n} partition${n === 1 ? "" : "s"}]`;
    }
    default: return assertNever(s);
  }
}
