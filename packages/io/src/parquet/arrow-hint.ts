/**
 * The Arrow schema that Arrow-based writers (pyarrow, arrow-rs, parquet-wasm, DuckDB's arrow
 * export...) store in a Parquet footer under the key `ARROW:schema`: a base64 Arrow IPC schema
 * message. The Arrow reader in parquet-wasm uses it to restore types Parquet cannot express (time
 * zone names, seconds timestamps, dictionary encoding, ...), so Dusk reads it too: the dtypes it
 * reports must be the ones the data comes back with.
 *
 * @example
 * ```ts
 * const hint = arrowSchemaHint(fileMeta.key_value_metadata);
 * hint?.fields.map(String); // ["ts: Timestamp<NANOSECOND, Europe/Paris>", ...]
 * ```
 */
import * as A from "apache-arrow";
import type { KeyValue } from "hyparquet";

const EOS = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);

/**
 * The Arrow schema stored in the footer's key-value metadata, or null when there is none or it
 * cannot be decoded (the Parquet types are used then, as the Arrow reader does).
 *
 * @example
 * ```ts
 * arrowSchemaHint([{ key: "ARROW:schema", value: "/////7gA..." }])?.fields.length;
 * ```
 */
export function arrowSchemaHint(kv: readonly KeyValue[] | undefined): A.Schema | null {
  const entry = kv?.find((e) => e.key === "ARROW:schema");
  if (entry?.value === undefined || entry.value === "") return null;
  try {
    const message = Buffer.from(entry.value, "base64");
    const stream = new Uint8Array(message.byteLength + EOS.byteLength);
    stream.set(message, 0);
    stream.set(EOS, message.byteLength);
    return A.tableFromIPC(stream).schema;
  } catch {
    return null;
  }
}

/**
 * The `ARROW:schema` value (base64 text, as bytes) of a file holding only the fields named in
 * `names` (kept in the hint's order), or null when the footer has no usable hint.
 *
 * @example
 * ```ts
 * const value = narrowedArrowSchemaHint(fileMeta.key_value_metadata, new Set(["id", "ts"]));
 * ```
 */
export function narrowedArrowSchemaHint(kv: readonly KeyValue[] | undefined, names: ReadonlySet<string>): Uint8Array | null {
  const hint = arrowSchemaHint(kv);
  if (hint === null) return null;
  const schema = new A.Schema(
    hint.fields.filter((f) => names.has(f.name)),
    hint.metadata,
  );
  const stream = A.tableToIPC(new A.Table(schema), "stream");
  // the stream is the schema message followed by the 8-byte end-of-stream marker
  const message = stream.subarray(0, stream.byteLength - EOS.byteLength);
  return new TextEncoder().encode(Buffer.from(message).toString("base64"));
}
