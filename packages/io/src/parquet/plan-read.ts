/**
 * Planning a Parquet read on the calling thread: find the files, read their footers (concurrently,
 * cached), check they share a schema, and group row groups into partitions of about `blocksize`
 * bytes (one row group at least; never across files). Synchronous, so `readParquet` returns a frame
 * with known columns; the footers' statistics travel with each partition for row-group pruning.
 *
 * @example
 * ```ts
 * const plan = planParquetRead("s3://bucket/events/", { storageOptions });
 * plan.names; plan.dtypes; plan.pieces.length; // partitions
 * ```
 */
import { createHash } from "node:crypto";
import { DuskError, formatDType, parseBytes, type DType } from "@dusk/core";
import type { StorageOptions } from "../fs/filesystem.js";
import { discoverFilesSync } from "../sync/io-sync.js";
import { resolveParquetColumns } from "./columns.js";
import { readParquetMetadataSync } from "./metadata-sync.js";
import type { ParquetMetadata, ParquetRowGroup, ParquetSchema } from "./metadata-types.js";

/** One partition of a Parquet read: some row groups of one file, with their statistics. Plain data. */
export interface ParquetPiece {
  readonly path: string;
  readonly size: number;
  readonly version: string | null;
  /** Row group indexes in the file. */
  readonly rowGroups: readonly number[];
  /** Their footer facts (rows, sizes, statistics), in the same order. */
  readonly stats: readonly ParquetRowGroup[];
  /** The file's readable schema (to interpret statistics). */
  readonly schema: ParquetSchema;
}

export interface PlanParquetOptions {
  /** Only these columns (default: every column; a column Dusk cannot read then is an error naming it). */
  readonly columns?: readonly string[];
  /** Uncompressed bytes of row groups per partition (default "128MB"); one row group at least. */
  readonly blocksize?: number | string;
  readonly storageOptions?: StorageOptions;
}

export interface ParquetReadPlan {
  readonly files: number;
  readonly names: readonly string[];
  readonly dtypes: readonly DType[];
  readonly pieces: readonly ParquetPiece[];
  /** A hash of the files (paths, sizes, versions) and options: equal reads get equal task keys. */
  readonly token: string;
}

/** Why `b` lacks the read's columns (names with dtypes `ad`), or null when it has them all. */
const sameSchema = (names: readonly string[], ad: readonly DType[], b: ParquetMetadata): string | null => {
  for (let i = 0; i < names.length; i++) {
    const j = b.schema.names.indexOf(names[i]);
    if (j < 0) return `has no column ${JSON.stringify(names[i])}`;
    if (formatDType(b.schema.dtypes[j]) !== formatDType(ad[i])) {
      return `has column ${JSON.stringify(names[i])} as ${formatDType(b.schema.dtypes[j])}, not ${formatDType(ad[i])}`;
    }
  }
  return null;
};

function piecesOf(meta: ParquetMetadata, target: number): ParquetPiece[] {
  const out: ParquetPiece[] = [];
  let groups: number[] = [], stats: ParquetRowGroup[] = [], bytes = 0;
  const flush = (): void => {
    if (groups.length === 0) return;
    out.push(Object.freeze({ path: meta.path, size: meta.size, version: meta.version, rowGroups: groups, stats, schema: meta.schema }));
    groups = []; stats = []; bytes = 0;
  };
  meta.rowGroups.forEach((rg, i) => {
    if (groups.length > 0 && bytes + rg.totalByteSize > target) flush();
    groups.push(i); stats.push(rg); bytes += rg.totalByteSize;
  });
  flush();
  return out;
}

/** Finds the files, reads their footers and groups row groups into partitions. */
export function planParquetRead(location: string | readonly string[], options: PlanParquetOptions = {}): ParquetReadPlan {
  const target = parseBytes(options.blocksize ?? "128MB", "readParquet blocksize");
  const files = discoverFilesSync(location, { storageOptions: options.storageOptions, extensions: [".parquet", ".parq", ".pq"] });
  const metas = readParquetMetadataSync(files, options.storageOptions);
  const first = metas[0];
  const { names, dtypes } = resolveParquetColumns(first, options.columns ?? null);
  for (const m of metas.slice(1)) {
    // without `columns`, a file with more columns than the first would lose them silently: refuse
    const extra = options.columns === undefined ? m.schema.names.filter((n) => !names.includes(n)) : [];
    const why = extra.length > 0 ? `has column${extra.length > 1 ? "s" : ""} ${extra.map((n) => JSON.stringify(n)).join(", ")} too` : sameSchema(names, dtypes, m);
    if (why !== null) {
      throw new DuskError("SCHEMA_MISMATCH",
        `${m.path} ${why}, but ${first.path} (whose schema the read uses) has ${names.map((n, i) => `${n}: ${formatDType(dtypes[i])}`).join(", ")}; ` +
        "read files with different schemas separately, or pass columns to read only the ones they share",
        { file: m.path, expected: first.path });
    }
  }
  const pieces = metas.flatMap((m) => piecesOf(m, target));
  const h = createHash("sha256");
  h.update(JSON.stringify({ files: metas.map((m) => [m.path, m.size, m.version]), names, target }));
  return { files: files.length, names, dtypes, pieces, token: h.digest("hex").slice(0, 16) };
}
