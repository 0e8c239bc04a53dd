/**
 * Writing one Dusk batch as a Parquet file, with parquet-wasm (arrow-rs's Arrow writer).
 *
 * The batch goes to WebAssembly one row group at a time (each slice of `rowGroupSize` rows as Arrow
 * IPC), and the encoded file streams out of it into the FileSystem's atomic writer (`openWrite`:
 * temporary file and rename on local disk, one PUT or a multipart upload on S3), so neither the
 * WebAssembly memory (which never shrinks) nor the output buffers hold more than about a row group,
 * and readers see either no file or the complete one. Every Dusk dtype is written exactly, nulls
 * included: int64/uint64 as 64-bit integers, timestamps in their unit with their zone (kept in the
 * file's Arrow schema), date32 as Parquet DATE, utf8 as STRING (dictionary columns stay dictionary
 * columns). Statistics are written for every column and page.
 *
 * @example
 * ```ts
 * await writeParquet(batch, "s3://bucket/out/part-0.parquet", { compression: "zstd", rowGroupSize: 500_000 }, storageOptions);
 * ```
 */
import * as A from "apache-arrow";
import { DuskError, isDuskError } from "@dusk/core";
import { arrowSchemaOf, batchToRecordBatch, sliceBatch, type Batch } from "@dusk/kernels";
import type { RecordBatch } from "parquet-wasm/node";
import type { FileSystem, StorageOptions, WriteSink } from "../fs/filesystem.js";
import { fileSystemFor } from "../fs/registry.js";
import { codecOf, type ParquetCompression } from "./compression.js";
import { messageOf } from "./errors.js";
import { parquetWasm, releaseParquetWasm, type ParquetWasmModule } from "./wasm.js";

/**
 * Largest dictionary page of a column chunk, in bytes. Parquet writers stop dictionary-encoding a
 * chunk once its dictionary passes the limit (arrow-rs and pyarrow default to 1 MB) and write the
 * rest of its pages plain; a reader asked for a dictionary column must then rebuild a dictionary
 * from those values. 100,000 distinct 12-byte ids overflow 1 MB: reading such a column (with two
 * numeric ones) from a 1M-row file took 180–210 ms instead of 38–49 ms with the whole chunk
 * dictionary-encoded. 16 MB keeps columns of up to about a million short distinct values a row
 * group dictionary-encoded; the writer holds at most that much dictionary per column at a time.
 */
const DICTIONARY_PAGE_LIMIT = 16 * 1024 * 1024;

/** Rows sampled to tell whether a float column's values are nearly all distinct. */
const FLOAT_SAMPLE = 4096;
/** Sampled distinct fraction past which a float column is written without a dictionary. */
const FLOAT_DISTINCT = 0.9;

/**
 * The float columns written without a dictionary: those whose sampled values (up to 4,096 rows,
 * evenly spaced) are more than 90 % distinct. For them a dictionary holds about every value (so
 * the file is larger, not smaller) and reading costs a gather per value where plain pages are one
 * copy; measurements and prices of few values keep their dictionary.
 */
function plainFloatColumns(batch: Batch): string[] {
  const out: string[] = [];
  batch.columns.forEach((c, j) => {
    if (c.layout !== "primitive" || (c.dtype.kind !== "float64" && c.dtype.kind !== "float32")) return;
    const values = c.values as Float64Array | Float32Array;
    const step = Math.max(1, Math.floor(c.length / FLOAT_SAMPLE));
    const seen = new Set<number>();
    let sampled = 0;
    for (let i = 0; i < c.length && sampled < FLOAT_SAMPLE; i += step) {
      if (c.validity !== null && ((c.validity[i >> 3] >> (i & 7)) & 1) === 0) continue;
      seen.add(values[i]);
      sampled++;
    }
    if (sampled >= 256 && seen.size > sampled * FLOAT_DISTINCT) out.push(batch.names[j]);
  });
  return out;
}

/** Options of {@link writeParquet}. */
export interface WriteParquetOptions {
  /** Codec of every column (default "snappy", as pandas and Dask). */
  readonly compression?: ParquetCompression;
  /** Rows per row group (default 1 048 576). */
  readonly rowGroupSize?: number;
}

/** Rows per row group unless told otherwise (pyarrow's default). */
export const DEFAULT_ROW_GROUP_SIZE = 1 << 20;

/**
 * Writes `batch` to `path` (local path, file:// or s3:// URL) as one Parquet file, atomically.
 *
 * @example
 * ```ts
 * const batch = { names: ["id", "v"], columns: [columnFromValues(dtypes.int64, [1n, null]), columnFromValues(dtypes.utf8, ["é", "x"])], length: 2 };
 * await writeParquet(batch, "out/part-0.parquet", { compression: "zstd" });
 * ```
 */
export async function writeParquet(
  batch: Batch,
  path: string,
  options: WriteParquetOptions = {},
  storageOptions?: StorageOptions,
): Promise<void> {
  return writeParquetWith(fileSystemFor(path, storageOptions), batch, path, options);
}

/**
 * {@link writeParquet} through a given file system.
 *
 * @example
 * ```ts
 * await writeParquetWith(new LocalFileSystem(), batch, "/tmp/x.parquet", { compression: "uncompressed" });
 * ```
 */
export async function writeParquetWith(fs: FileSystem, batch: Batch, path: string, options: WriteParquetOptions = {}): Promise<void> {
  const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  if (!Number.isSafeInteger(rowGroupSize) || rowGroupSize < 1) {
    throw new DuskError("INVALID_ARGUMENT", `rowGroupSize for ${path} must be a positive whole number of rows, got ${rowGroupSize}`, {
      path,
      rowGroupSize,
    });
  }
  checkBatch(batch, path);
  const pw = parquetWasm();
  const codec = codecOf(options.compression ?? "snappy", pw, path);
  const schema = arrowSchemaOf(batch.names, batch.columns.map((c) => c.dtype));

  let next = 0;
  let inputError: { error: unknown } | undefined;
  const input = new ReadableStream<RecordBatch>({
    pull(controller) {
      try {
        if (next >= batch.length && !(next === 0 && batch.length === 0)) {
          controller.close();
          return;
        }
        const end = Math.min(batch.length, next + rowGroupSize);
        controller.enqueue(toWasmBatch(pw, sliceBatch(batch, next, end), schema));
        next = end === 0 ? 1 : end; // an empty batch is sent once (it carries the schema)
      } catch (e) {
        inputError ??= { error: e };
        controller.error(e);
      }
    },
  });
  let builder = new pw.WriterPropertiesBuilder().setCompression(codec).setMaxRowGroupSize(rowGroupSize)
    .setDictionaryPageSizeLimit(DICTIONARY_PAGE_LIMIT);
  for (const name of plainFloatColumns(batch)) builder = builder.setColumnDictionaryEnabled(name, false);
  const props = builder.build();

  let sink: WriteSink | undefined;
  try {
    const output = await pw.transformParquetStream(input, props);
    sink = await fs.openWrite(path);
    const reader = output.getReader();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      await sink.write(chunk.value as Uint8Array);
    }
    // parquet-wasm ends its output early, without an error, when its input fails
    if (inputError !== undefined) throw inputError.error;
    const s = sink;
    sink = undefined;
    await s.close();
  } catch (e) {
    await sink?.abort().catch(() => undefined);
    releaseParquetWasm(e);
    const error = inputError?.error ?? e;
    if (isDuskError(error)) throw error;
    throw new DuskError("PARQUET_ERROR", `cannot write the Parquet file ${path}: ${messageOf(error)}`, { path }, { cause: error });
  }
  releaseParquetWasm();
}

/** One slice of the batch as a record batch in WebAssembly memory (dictionary columns kept). */
function toWasmBatch(pw: ParquetWasmModule, slice: Batch, schema: A.Schema): RecordBatch {
  const rb = batchToRecordBatch(slice, schema, true);
  const table = pw.Table.fromIPCStream(A.tableToIPC(new A.Table([rb]), "stream"));
  try {
    const out = table.recordBatch(0);
    if (out === undefined) throw new DuskError("INTERNAL", "parquet-wasm received an IPC stream without its record batch");
    return out;
  } finally {
    table.free();
  }
}

/** The batch is well formed: one name per column, unique names, every column `length` rows long. */
function checkBatch(batch: Batch, path: string): void {
  if (batch.names.length !== batch.columns.length) {
    throw new DuskError("INVALID_ARGUMENT", `writing ${path}: the batch has ${batch.names.length} names but ${batch.columns.length} columns`, { path });
  }
  const seen = new Set<string>();
  batch.names.forEach((name, i) => {
    if (seen.has(name)) {
      throw new DuskError("DUPLICATE_COLUMN", `writing ${path}: two columns are named ${JSON.stringify(name)}; rename one first`, { path, column: name });
    }
    seen.add(name);
    if (batch.columns[i].length !== batch.length) {
      throw new DuskError(
        "INVALID_ARGUMENT",
        `writing ${path}: column ${JSON.stringify(name)} has ${batch.columns[i].length} rows but the batch has ${batch.length}`,
        { path, column: name },
      );
    }
  });
}
