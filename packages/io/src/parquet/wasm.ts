/**
 * parquet-wasm (arrow-rs compiled to WebAssembly), loaded on first use in each thread: nothing is
 * loaded when a module imports @dusk/io (no top-level await: a Jupyter kernel loads these modules).
 * The first read or write requires parquet-wasm's Node build, which compiles its ~5 MB WebAssembly
 * module synchronously (about 0.1 s, once per thread).
 *
 * An instance can be discarded, so that the next use loads a fresh one: after a WebAssembly trap
 * (a Rust panic inside parquet-wasm, e.g. on corrupt data, may leave its state inconsistent), and
 * when its memory grew past {@link MAX_RETAINED_MEMORY} (WebAssembly memory never shrinks, so one
 * huge row group would otherwise pin that much memory for the thread's life). Callers hand
 * parquet-wasm one row group at a time to keep that memory small.
 *
 * @example
 * ```ts
 * const pw = parquetWasm();
 * const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.ZSTD).build();
 * ```
 */
import { createRequire } from "node:module";
import { DuskError } from "@dusk/core";
import type * as ParquetWasm from "parquet-wasm/node";

/** The parquet-wasm module's exports. */
export type ParquetWasmModule = typeof ParquetWasm;

/** An instance whose memory grew beyond this many bytes is discarded after use. */
export const MAX_RETAINED_MEMORY = 1024 * 1024 * 1024;

const require = createRequire(import.meta.url);
let loaded: ParquetWasmModule | undefined;

/**
 * The parquet-wasm module of this thread (loaded on the first call, and again after a discard).
 *
 * @example
 * ```ts
 * const table = parquetWasm().readParquet(bytes, { rowGroups: [0] });
 * ```
 */
export function parquetWasm(): ParquetWasmModule {
  if (loaded !== undefined) return loaded;
  try {
    loaded = require("parquet-wasm/node") as ParquetWasmModule;
  } catch (e) {
    throw new DuskError(
      "INTERNAL",
      `cannot load parquet-wasm, which Dusk reads and writes Parquet with: ${(e as Error).message ?? String(e)}; reinstall the dependencies (pnpm install)`,
      {},
      { cause: e },
    );
  }
  return loaded;
}

/**
 * Drops this thread's instance when `error` is a WebAssembly trap or its memory grew too large; the
 * next {@link parquetWasm} call loads a fresh one. Objects of the old instance must not be used again.
 *
 * @example
 * ```ts
 * try { pw.readParquet(bytes); } catch (e) { releaseParquetWasm(e); throw e; } finally { releaseParquetWasm(); }
 * ```
 */
export function releaseParquetWasm(error?: unknown): void {
  if (loaded === undefined) return;
  const trapped = error instanceof Error && error.name === "RuntimeError"; // WebAssembly.RuntimeError: a trap
  if (!trapped && loaded.wasmMemory().buffer.byteLength <= MAX_RETAINED_MEMORY) return;
  loaded = undefined;
  const path = require.resolve("parquet-wasm/node");
  delete require.cache[path];
}
