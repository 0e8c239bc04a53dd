/**
 * One interface over where bytes live: local disk (`file`) and S3 (`s3`). Paths are absolute local
 * paths or `s3://bucket/key` URLs. Every failure is a DuskError naming the path and what to do:
 * NOT_FOUND (missing file, bucket or key), ACCESS_DENIED, IO_ERROR (anything else, after retries).
 *
 * @example
 * ```ts
 * const fs = fileSystemFor("s3://bucket/data/x.csv", { endpoint: "http://127.0.0.1:4568", forcePathStyle: true });
 * const head = await fs.read("s3://bucket/data/x.csv", 0, 65536);
 * ```
 */
export interface FileInfo {
  /** Absolute local path or s3://bucket/key. */
  readonly path: string;
  readonly size: number;
  /** A version tag when the store has one (S3 ETag, local mtime+size): changes when the content does. */
  readonly version?: string;
}

/** A file open for reading ranges into caller-owned buffers (see {@link FileSystem.openReader}). */
export interface RangeReader {
  /**
   * Reads up to `into.length` bytes from byte `position` into `into`; returns how many were read
   * (fewer only at the end of the file). Errors are DuskErrors naming the path, as for `read`.
   */
  readInto(into: Uint8Array, position: number): Promise<number>;
  /** Closes the file; the reader cannot be used afterwards. */
  close(): Promise<void>;
}

/** A file being written: chunks in order, then close (makes it visible) or abort (leaves nothing). */
export interface WriteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface FileSystem {
  readonly protocol: "file" | "s3";
  /** Size and version of one file. */
  info(path: string): Promise<FileInfo>;
  /** Every file below a directory or key prefix (recursively), sorted by path. */
  list(dir: string): Promise<FileInfo[]>;
  /** Bytes [start, end) of a file (to the end when `end` is omitted or past it). */
  read(path: string, start?: number, end?: number): Promise<Uint8Array>;
  /**
   * Optional: opens a file for many reads into buffers the caller owns (and reuses), without
   * opening the file or allocating a buffer per read. Stores without it are read with {@link read}.
   */
  openReader?(path: string): Promise<RangeReader>;
  /** Writes a whole file atomically: readers see either the old state or the complete new file. */
  write(path: string, data: Uint8Array): Promise<void>;
  /** Writes a file in chunks, atomically on close (large files: multipart upload on S3). */
  openWrite(path: string): Promise<WriteSink>;
  remove(path: string): Promise<void>;
}

/** Connection settings for S3-compatible stores (credentials otherwise come from the standard AWS chain). */
export interface StorageOptions {
  readonly endpoint?: string;
  readonly region?: string;
  readonly forcePathStyle?: boolean;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Attempts for throttled or failed requests (default 5), with exponential backoff and jitter. */
  readonly maxAttempts?: number;
}
