/**
 * Atomic local writes: bytes go to a hidden temporary file beside the target
 * (`.name.<random>.tmp`, in the same directory so the rename stays on one file system), which is
 * flushed to disk and renamed over the target on close. Readers see the old file or the complete
 * new one, never a part; on abort or any failure the temporary file is removed.
 *
 * @example
 * ```ts
 * const sink = await openAtomicWrite("/data/out.csv");
 * await sink.write(new TextEncoder().encode("a,b\n"));
 * await sink.close(); // now /data/out.csv exists, complete
 * ```
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { DuskError } from "@dusk/core";
import type { WriteSink } from "./filesystem.js";
import { localError } from "./local-errors.js";

/** The temporary name a write to `path` uses until it is complete. Hidden (leading dot) so listings skip it. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Opens an atomic write to the absolute local `path`, creating missing parent directories. */
export async function openAtomicWrite(path: string): Promise<WriteSink> {
  const temp = tempPathFor(path);
  let handle: FileHandle;
  try {
    await mkdir(dirname(path), { recursive: true });
    handle = await open(temp, "wx");
  } catch (e) {
    throw await localError(e, path, "write");
  }
  let state: "open" | "closed" | "aborted" = "open";

  const discard = async (): Promise<void> => {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
  };
  const ensureOpen = (what: string): void => {
    if (state !== "open") {
      throw new DuskError("INVALID_ARGUMENT", `cannot ${what} ${path}: the write was already ${state}`, { path });
    }
  };

  return {
    async write(chunk: Uint8Array): Promise<void> {
      ensureOpen("write to");
      try {
        let offset = 0;
        while (offset < chunk.byteLength) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
          offset += bytesWritten;
        }
      } catch (e) {
        state = "aborted";
        await discard();
        throw await localError(e, path, "write");
      }
    },
    async close(): Promise<void> {
      ensureOpen("close");
      state = "closed";
      try {
        await handle.sync();
        await handle.close();
        await rename(temp, path);
      } catch (e) {
        await discard();
        throw await localError(e, path, "write");
      }
      await syncDirectory(dirname(path));
    },
    async abort(): Promise<void> {
      if (state !== "open") return;
      state = "aborted";
      await discard();
    },
  };
}

/** Flushes a directory entry (the rename) to disk; best effort, as not every platform allows it. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const h = await open(dir, "r");
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Directories cannot be opened or fsynced on some platforms; the rename is done regardless.
  }
}
