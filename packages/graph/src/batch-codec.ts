/**
 * How the engine handles partitions (kernel batches) it knows nothing about: their size, a copy in
 * shared memory for other threads, and Arrow IPC bytes for spilling to disk. Structurally this is
 * the scheduler's Codec interface (graph does not import the scheduler).
 */
import * as A from "apache-arrow";
import { arrowSchemaOf, batchToRecordBatch, concatBatches, emptyColumn, tableToBatches, type Batch, type Column } from "@dusk/kernels";
import type { DType } from "@dusk/core";

/** Whether a value is a kernel batch. */
export function isBatch(v: unknown): v is Batch {
  if (typeof v !== "object" || v === null) return false;
  const b = v as Partial<Batch>;
  return Array.isArray(b.names) && Array.isArray(b.columns) && typeof b.length === "number";
}

function columnBytes(c: Column): number {
  const v = c.validity === null ? 0 : c.validity.byteLength;
  switch (c.layout) {
    case "bool": case "primitive": return v + c.values.byteLength;
    case "utf8": return v + c.offsets.byteLength + c.data.byteLength;
    case "dict": return v + c.codes.byteLength + columnBytes(c.dictionary);
  }
}

function shareArray<T extends ArrayBufferView>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const C = a.constructor as new (b: SharedArrayBuffer, o: number, n: number) => T;
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return new C(sab, 0, a.byteLength / (a as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT);
}

/** A column whose buffers live in shared memory (a dictionary shared by several columns is shared once). */
export function shareColumn(c: Column, seen = new Map<Column, Column>()): Column {
  const hit = seen.get(c);
  if (hit) return hit;
  const validity = c.validity === null ? null : shareArray(c.validity);
  let out: Column;
  switch (c.layout) {
    case "bool": out = { ...c, values: shareArray(c.values), validity }; break;
    case "primitive": out = { ...c, values: shareArray(c.values), validity }; break;
    case "utf8": {
      // keep only the bytes this column's offsets reach
      const start = c.offsets[0], end = c.offsets[c.length];
      const offsets = start === 0 ? shareArray(c.offsets) : shareArray(c.offsets.map((o) => o - start));
      out = { ...c, offsets, data: shareArray(c.data.subarray(start, end)), validity };
      break;
    }
    case "dict": out = { ...c, codes: shareArray(c.codes), dictionary: shareColumn(c.dictionary, seen) as typeof c.dictionary, validity }; break;
  }
  seen.set(c, out);
  return out;
}

export function shareBatch(b: Batch): Batch {
  const seen = new Map<Column, Column>();
  return { names: b.names, columns: b.columns.map((c) => shareColumn(c, seen)), length: b.length };
}

export const batchCodec = {
  handles: isBatch,
  sizeOf: (v: unknown): number => (v as Batch).columns.reduce((n, c) => n + columnBytes(c), 64),
  share: (v: unknown): unknown => shareBatch(v as Batch),
  serialize(v: unknown): Uint8Array {
    const b = v as Batch;
    const types: DType[] = b.columns.map((c) => c.dtype);
    const schema = arrowSchemaOf(b.names, types);
    const table = b.length === 0 ? new A.Table(schema) : new A.Table([batchToRecordBatch(b, schema, true)]);
    return A.tableToIPC(table, "file");
  },
  deserialize(bytes: Uint8Array): unknown {
    const { names, dtypes, batches } = tableToBatches(A.tableFromIPC(bytes));
    if (batches.length === 1) return batches[0];
    if (batches.length === 0) return { names, columns: dtypes.map((t) => emptyColumn(t)), length: 0 } satisfies Batch;
    return concatBatches(batches, names, dtypes);
  },
};
