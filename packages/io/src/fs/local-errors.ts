/**
 * Turns Node's file system errors (ENOENT, EACCES, ...) into DuskErrors that name the path and say
 * what to do: NOT_FOUND, ACCESS_DENIED or IO_ERROR.
 *
 * @example
 * ```ts
 * try { await readFile(path); } catch (e) { throw await localError(e, path, "read"); }
 * ```
 */
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { DuskError, isDuskError } from "@dusk/core";

/** The DuskError for a failed local file operation `op` (a verb: "read", "write", "list", ...) on `path`. */
export async function localError(e: unknown, path: string, op: string): Promise<DuskError> {
  if (isDuskError(e)) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const details = { path, op, cause: code };
  switch (code) {
    case "ENOENT": {
      const parent = dirname(path);
      const parentIsDir = await stat(parent).then(
        (s) => s.isDirectory(),
        () => false,
      );
      const hint = parentIsDir
        ? `the directory ${parent} exists but has no entry of that name; check the file name`
        : `the directory ${parent} does not exist either; check the path`;
      return new DuskError("NOT_FOUND", `no such file: ${path} (${hint})`, details, { cause: e });
    }
    case "EACCES":
    case "EPERM":
      return new DuskError(
        "ACCESS_DENIED",
        `permission denied to ${op} ${path}: check the permissions of the file and its directories`,
        details,
        { cause: e },
      );
    case "EISDIR":
      return new DuskError("IO_ERROR", `cannot ${op} ${path}: it is a directory, not a file`, details, { cause: e });
    case "ENOTDIR":
      return new DuskError("IO_ERROR", `cannot ${op} ${path}: a part of the path is a file, not a directory`, details, { cause: e });
    case "ENOSPC":
      return new DuskError("IO_ERROR", `cannot ${op} ${path}: no space left on the device`, details, { cause: e });
    default:
      return new DuskError("IO_ERROR", `cannot ${op} ${path}: ${(e as Error | undefined)?.message ?? String(e)}`, details, { cause: e });
  }
}
