/**
 * The compression codecs Dusk writes Parquet with, by name. `lz4` means Parquet's LZ4_RAW (the
 * deprecated Hadoop-framed LZ4 is read but never written); `zstd` is Zstandard at its default level.
 *
 * @example
 * ```ts
 * codecOf("zstd", pw); // pw.Compression.ZSTD
 * ```
 */
import { DuskError } from "@dusk/core";
import type { Compression } from "parquet-wasm/node";
import type { ParquetWasmModule } from "./wasm.js";

/** A Parquet compression codec Dusk writes. */
export type ParquetCompression = "zstd" | "snappy" | "gzip" | "brotli" | "lz4" | "uncompressed";

/** Every codec name, in the order error messages list them. */
export const PARQUET_COMPRESSIONS: readonly ParquetCompression[] = ["snappy", "zstd", "gzip", "brotli", "lz4", "uncompressed"];

/**
 * parquet-wasm's code for a codec name; INVALID_ARGUMENT naming the file for an unknown name.
 *
 * @example
 * ```ts
 * const props = new pw.WriterPropertiesBuilder().setCompression(codecOf("snappy", pw)).build();
 * ```
 */
export function codecOf(name: string, pw: ParquetWasmModule, path = "the Parquet file"): Compression {
  switch (name as ParquetCompression) {
    case "zstd": return pw.Compression.ZSTD;
    case "snappy": return pw.Compression.SNAPPY;
    case "gzip": return pw.Compression.GZIP;
    case "brotli": return pw.Compression.BROTLI;
    case "lz4": return pw.Compression.LZ4_RAW;
    case "uncompressed": return pw.Compression.UNCOMPRESSED;
    default:
      throw new DuskError(
        "INVALID_ARGUMENT",
        `unknown Parquet compression ${JSON.stringify(name)} for ${path}; use one of ${PARQUET_COMPRESSIONS.map((c) => `"${c}"`).join(", ")}`,
        { path, compression: name },
      );
  }
}
