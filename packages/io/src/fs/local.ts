import type { Stats } from "node:fs";
import { open, readdir, realpath, rm, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { DuskError } from "@dusk/core";
import type { FileInfo, RangeReader, FileSystem, WriteSink } from "./filesystem.js";
import { checkRange } from "./byte-range.js";
import { comparePaths } from "./compare-paths.js";
import { openAtomicWrite } from "./local-atomic-write.js";
import { localError } from "./local-errors.js";
import { parseLocation } from "./url.js";

/**
 * The local disk as a {@link FileSystem}. Paths may be absolute, relative to the working directory,
 * or `file://` URLs; every FileInfo carries the absolute path. Writes are atomic (temporary file,
 * fsync, rename). Errors are DuskErrors naming the absolute path: NOT_FOUND, ACCESS_DENIED, IO_ERROR.
 *
 * @example
 * ```ts
 * const fs = new LocalFileSystem();
 * await fs.write("out/x.csv", new TextEncoder().encode("a\n1\n"));
 * const head = await fs.read("out/x.csv", 0, 2); // "a\n"
 * const files = await fs.list("out");             // [{ path: "/abs/out/x.csv", size: 4, version: "..." }]
 * ```
 */
export class LocalFileSystem implements FileSystem {
  readonly protocol = "file" as const;

  /** Size and version (mtime and size) of one file; NOT_FOUND when missing, IO_ERROR for a directory. */
  async info(path: string): Promise<FileInfo> {
    const abs = toLocalPath(path);
    let s: Stats;
    try {
      s = await stat(abs);
    } catch (e) {
      throw await localError(e, abs, "read");
    }
    if (s.isDirectory()) {
      throw new DuskError("IO_ERROR", `${abs} is a directory, not a file: pass a file, or list the directory`, { path: abs, isDirectory: true });
    }
    return fileInfo(abs, s);
  }

  /** Every file below `dir` (following symbolic links, each directory once), sorted by path. */
  async list(dir: string): Promise<FileInfo[]> {
    const root = toLocalPath(dir);
    const out: FileInfo[] = [];
    const seen = new Set<string>();
    const walk = async (d: string): Promise<void> => {
      const real = await realpath(d);
      if (seen.has(real)) return;
      seen.add(real);
      const entries = await readdir(d, { withFileTypes: true });
      for (const entry of entries) {
        const p = join(d, entry.name);
        if (entry.isDirectory()) {
          await walk(p);
        } else if (entry.isFile()) {
          out.push(fileInfo(p, await stat(p)));
        } else if (entry.isSymbolicLink()) {
          const s = await stat(p).catch(() => undefined); // a dangling link is skipped
          if (s?.isDirectory()) await walk(p);
          else if (s?.isFile()) out.push(fileInfo(p, s));
        }
      }
    };
    try {
      const s = await stat(root);
      if (!s.isDirectory()) {
        throw new DuskError("IO_ERROR", `cannot list ${root}: it is a file, not a directory`, { path: root });
      }
      await walk(root);
    } catch (e) {
      throw await localError(e, root, "list");
    }
    return out.sort((a, b) => comparePaths(a.path, b.path));
  }

  /** Bytes [start, end) of a file, read through a file handle; `end` past the size stops at the end. */
  async read(path: string, start = 0, end?: number): Promise<Uint8Array> {
    const abs = toLocalPath(path);
    checkRange(abs, start, end);
    try {
      const handle = await open(abs, "r");
      try {
        const size = (await handle.stat()).size;
        const stop = Math.min(end ?? size, size);
        if (stop <= start) return new Uint8Array(0);
        const buf = new Uint8Array(stop - start);
        let filled = 0;
        while (filled < buf.byteLength) {
          const { bytesRead } = await handle.read(buf, filled, buf.byteLength - filled, start + filled);
          if (bytesRead === 0) break; // the file shrank while reading
          filled += bytesRead;
        }
        return filled === buf.byteLength ? buf : buf.subarray(0, filled);
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw await localError(e, abs, "read");
    }
  }

  /**
   * Opens a file for reads into caller-owned buffers: one file handle for all of them, no buffer
   * allocated per read (the CSV reader reads a block's pieces into two reused buffers).
   */
  async openReader(path: string): Promise<RangeReader> {
    const abs = toLocalPath(path);
    let handle: FileHandle;
    try {
      handle = await open(abs, "r");
    } catch (e) {
      throw await localError(e, abs, "read");
    }
    return {
      async readInto(into: Uint8Array, position: number): Promise<number> {
        checkRange(abs, position, undefined);
        let filled = 0;
        try {
          while (filled < into.byteLength) {
            const { bytesRead } = await handle.read(into, filled, into.byteLength - filled, position + filled);
            if (bytesRead === 0) break; // the end of the file
            filled += bytesRead;
          }
        } catch (e) {
          throw await localError(e, abs, "read");
        }
        return filled;
      },
      close: () => handle.close(),
    };
  }

  /** Writes a whole file atomically (temporary file, fsync, rename), creating parent directories. */
  async write(path: string, data: Uint8Array): Promise<void> {
    const sink = await openAtomicWrite(toLocalPath(path));
    try {
      await sink.write(data);
    } catch (e) {
      await sink.abort();
      throw e;
    }
    await sink.close();
  }

  /** Opens a chunked atomic write: the file appears, complete, on `close()`; `abort()` leaves nothing. */
  async openWrite(path: string): Promise<WriteSink> {
    return openAtomicWrite(toLocalPath(path));
  }

  /** Removes a file; removing a missing file is not an error (as on S3). */
  async remove(path: string): Promise<void> {
    const abs = toLocalPath(path);
    try {
      const s = await stat(abs).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return undefined;
        throw e;
      });
      if (s === undefined) return;
      if (s.isDirectory()) {
        throw new DuskError("IO_ERROR", `cannot remove ${abs}: it is a directory (remove() deletes files only)`, { path: abs });
      }
      await rm(abs, { force: true });
    } catch (e) {
      throw await localError(e, abs, "remove");
    }
  }
}

/** The absolute local path of a local path, relative path or `file://` URL. */
export function toLocalPath(path: string): string {
  const loc = parseLocation(path);
  if (loc.protocol !== "file") {
    throw new DuskError("INVALID_ARGUMENT", `${path} is not a local path: use fileSystemFor(path) to pick the file system`, { path });
  }
  return loc.path;
}

function fileInfo(path: string, s: Stats): FileInfo {
  return { path, size: s.size, version: `${Math.trunc(s.mtimeMs)}-${s.size}` };
}
