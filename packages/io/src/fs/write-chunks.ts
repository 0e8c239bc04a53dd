/**
 * Writing a file from formatted chunks, atomically, through the FileSystem of its location: output
 * that fits in one chunk goes through `FileSystem.write`; larger output is written chunk by chunk
 * through `openWrite` (temporary file + rename locally, multipart upload on S3) and aborted on any
 * failure, so readers never see part of a file. With `gzip` the chunks are compressed as one
 * streamed gzip member (memory stays about one chunk). The text writers (CSV, NDJSON) share it.
 *
 * @example
 * ```ts
 * const bytes = await writeChunks("out/part-0.csv.gz", formatCsvChunks(batch, {}, opts), true);
 * ```
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGzip, gzip } from "node:zlib";
import type { StorageOptions, WriteSink } from "./filesystem.js";
import { fileSystemFor } from "./registry.js";

const gzipAsync = promisify(gzip);

/** Compressed output is gathered into writes of at least this many bytes (gzip emits 16 KiB pieces). */
const GZIP_WRITE_BYTES = 1 << 20;

/**
 * Writes the chunks to `path`; returns the bytes written (after compression). The first chunk is
 * made before the store is touched, so errors in formatting it leave nothing behind.
 */
export async function writeChunks(
  path: string, chunks: Iterator<Uint8Array, void>, gz: boolean, storageOptions?: StorageOptions,
): Promise<number> {
  const first = chunks.next();
  const second = first.done ? first : chunks.next();
  const fs = fileSystemFor(path, storageOptions);
  if (second.done) {
    const body = first.done ? new Uint8Array(0) : first.value;
    const data = gz ? new Uint8Array(await gzipAsync(body)) : body;
    await fs.write(path, data);
    return data.byteLength;
  }
  const all = (function* (): Generator<Uint8Array, void, undefined> {
    yield first.value as Uint8Array;
    yield second.value;
    for (let r = chunks.next(); !r.done; r = chunks.next()) yield r.value;
  })();
  const sink = await fs.openWrite(path);
  try {
    const bytes = gz ? await writeGzipped(all, sink) : await writePlain(all, sink);
    await sink.close();
    return bytes;
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e;
  }
}

async function writePlain(chunks: Iterable<Uint8Array>, sink: WriteSink): Promise<number> {
  let bytes = 0;
  for (const chunk of chunks) {
    await sink.write(chunk);
    bytes += chunk.byteLength;
  }
  return bytes;
}

async function writeGzipped(chunks: Iterable<Uint8Array>, sink: WriteSink): Promise<number> {
  let bytes = 0;
  await pipeline(Readable.from(chunks), createGzip(), async (source: AsyncIterable<Buffer>) => {
    let pending: Buffer[] = [];
    let size = 0;
    for await (const part of source) {
      pending.push(part);
      size += part.byteLength;
      if (size >= GZIP_WRITE_BYTES) {
        const out = Buffer.concat(pending, size);
        pending = [];
        size = 0;
        await sink.write(out);
        bytes += out.byteLength;
      }
    }
    if (size > 0) {
      await sink.write(Buffer.concat(pending, size));
      bytes += size;
    }
  });
  return bytes;
}
