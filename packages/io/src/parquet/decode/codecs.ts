/**
 * Decompressing page bodies for the native decoder: SNAPPY (our own decoder), GZIP and BROTLI
 * (node:zlib), UNCOMPRESSED. ZSTD and the LZ4 variants are not here: reads of such chunks go
 * through parquet-wasm.
 *
 * SNAPPY pages decompress into one scratch buffer per thread, reused page after page: a caller must
 * be done with a page's bytes before it decompresses the next.
 *
 * @example
 * ```ts
 * if (NATIVE_CODECS.has(md.codec)) {
 *   const page = decompressPage(md.codec, body, header.uncompressedSize);
 * }
 * ```
 */
import { brotliDecompressSync, unzipSync } from "node:zlib";
import { snappyDecompressInto } from "./snappy.js";

/** The codecs (hyparquet's names) the native decoder reads. */
export const NATIVE_CODECS: ReadonlySet<string> = new Set(["UNCOMPRESSED", "SNAPPY", "GZIP", "BROTLI"]);

let scratch = new Uint8Array(1 << 20);

/**
 * The `size` bytes that `body` decompresses to with `codec`. Throws a plain Error when the body is
 * corrupt or decompresses to another size.
 *
 * @example
 * ```ts
 * const page = decompressPage("SNAPPY", body, 1048576);
 * ```
 */
export function decompressPage(codec: string, body: Uint8Array, size: number): Uint8Array {
  switch (codec) {
    case "UNCOMPRESSED":
      if (body.length !== size) throw new Error(`an uncompressed page of ${body.length} bytes says it holds ${size}`);
      return body;
    case "SNAPPY": {
      if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
      return snappyDecompressInto(body, scratch.subarray(0, size));
    }
    case "GZIP":
      return sized(unzipSync(body), size);
    case "BROTLI":
      return sized(brotliDecompressSync(body), size);
    default:
      throw new Error(`codec ${codec} is not one the native decoder reads`);
  }
}

function sized(out: Uint8Array, size: number): Uint8Array {
  if (out.length !== size) throw new Error(`a page decompresses to ${out.length} bytes but its header says ${size}`);
  return out;
}
