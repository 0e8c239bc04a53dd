/**
 * A whole file as chunks, gunzipped when asked (gzip files are one partition each: a gzip stream
 * cannot be entered in the middle). A corrupt or truncated stream becomes the reader's own error,
 * naming the file.
 *
 * @example
 * ```ts
 * const chunks = await readWholeFile(fs, "logs.json.gz", true, (message, cause) =>
 *   new DuskError("JSON_PARSE_ERROR", message, { file: "logs.json.gz" }, { cause }));
 * ```
 */
import { createGunzip } from "node:zlib";
import type { FileSystem } from "./filesystem.js";

export async function readWholeFile(
  fs: FileSystem, path: string, gzip: boolean, corrupt: (message: string, cause: unknown) => Error,
): Promise<Uint8Array[]> {
  const raw = await fs.read(path);
  if (!gzip) return [raw];
  const out: Uint8Array[] = [];
  const gz = createGunzip();
  gz.end(raw);
  try {
    for await (const chunk of gz) out.push(chunk as Uint8Array);
  } catch (e) {
    throw corrupt(`${path}: the gzip data is corrupt or truncated (${(e as Error).message})`, e);
  }
  return out;
}
