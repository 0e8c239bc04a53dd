/**
 * Writing one partition to one file (the last step of `toCsv` / `toJson` / `toParquet`): atomically, by the
 * worker holding the partition. Returns what was written, so the caller learns paths and counts.
 */
import {
  writeCsvFile, writeJsonFile, writeParquet, type StorageOptions, type WriteCsvFileOptions, type WriteJsonFileOptions, type WriteParquetOptions,
} from "@dusk/io";
import type { Batch } from "@dusk/kernels";

export interface WrittenFile {
  readonly path: string;
  readonly rows: number;
}

export interface WriteCsvParams {
  readonly path: string;
  readonly options: WriteCsvFileOptions;
  readonly storageOptions: StorageOptions | undefined;
}

export async function writeCsv(p: WriteCsvParams, [batch]: readonly unknown[]): Promise<WrittenFile> {
  const r = await writeCsvFile(batch as Batch, p.path, p.options, p.storageOptions);
  return { path: r.path, rows: r.rows };
}

export interface WriteJsonParams {
  readonly path: string;
  readonly options: WriteJsonFileOptions;
  readonly storageOptions: StorageOptions | undefined;
}

export async function writeJson(p: WriteJsonParams, [batch]: readonly unknown[]): Promise<WrittenFile> {
  const r = await writeJsonFile(batch as Batch, p.path, p.options, p.storageOptions);
  return { path: r.path, rows: r.rows };
}

export interface WriteParquetParams {
  readonly path: string;
  readonly options: WriteParquetOptions;
  readonly storageOptions: StorageOptions | undefined;
}

export async function writeParquetFile(p: WriteParquetParams, [batch]: readonly unknown[]): Promise<WrittenFile> {
  await writeParquet(batch as Batch, p.path, p.options, p.storageOptions);
  return { path: p.path, rows: (batch as Batch).length };
}
