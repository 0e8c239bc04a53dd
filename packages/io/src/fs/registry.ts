/**
 * Picks the file system for a location by its scheme: `s3://` → {@link S3FileSystem} (one per
 * distinct storage options, so clients and their connections are reused), anything else (a local
 * path, relative path or `file://` URL) → {@link LocalFileSystem}. Also splits and joins locations.
 *
 * @example
 * ```ts
 * const fs = fileSystemFor("s3://bucket/data/x.csv", { endpoint: "http://127.0.0.1:4568" });
 * splitUrl("s3://bucket/data/x.csv");  // { protocol: "s3", bucket: "bucket", key: "data/x.csv" }
 * joinPath("s3://bucket/data", "x.csv"); // "s3://bucket/data/x.csv"
 * ```
 */
import { join } from "node:path";
import type { FileSystem, StorageOptions } from "./filesystem.js";
import { LocalFileSystem } from "./local.js";
import { S3FileSystem } from "./s3.js";
import { parseLocation, s3Url, type Location } from "./url.js";

export type { Location } from "./url.js";

const local = new LocalFileSystem();
const s3Cache = new Map<string, S3FileSystem>();

/**
 * The file system that serves `path`; S3 file systems are cached per (structurally equal) storage options.
 *
 * @example
 * ```ts
 * const bytes = await fileSystemFor("s3://bucket/x.csv", storageOptions).read("s3://bucket/x.csv", 0, 1024);
 * ```
 */
export function fileSystemFor(path: string, storageOptions: StorageOptions = {}): FileSystem {
  const loc = parseLocation(path);
  if (loc.protocol === "file") return local;
  const cacheKey = stableKey(storageOptions);
  let fs = s3Cache.get(cacheKey);
  if (fs === undefined) {
    fs = new S3FileSystem(storageOptions);
    s3Cache.set(cacheKey, fs);
  }
  return fs;
}

/**
 * Splits a location into its parts: `{ protocol: "s3", bucket, key }` or `{ protocol: "file", path }`
 * with an absolute local path (relative paths resolve against the working directory).
 *
 * @example
 * ```ts
 * splitUrl("s3://bucket/data/x.csv"); // { protocol: "s3", bucket: "bucket", key: "data/x.csv" }
 * ```
 */
export function splitUrl(path: string): Location {
  return parseLocation(path);
}

/**
 * Joins a base location and relative parts: with `/` below an s3:// URL, with the platform's
 * separator for local paths (the result is absolute).
 *
 * @example
 * ```ts
 * joinPath("s3://bucket/data/", "2024", "x.csv"); // "s3://bucket/data/2024/x.csv"
 * ```
 */
export function joinPath(base: string, ...parts: string[]): string {
  const loc = parseLocation(base);
  if (loc.protocol === "file") return join(loc.path, ...parts);
  const segments = [loc.key, ...parts].flatMap((p) => p.split("/")).filter((p) => p !== "" && p !== ".");
  const out: string[] = [];
  for (const seg of segments) {
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const last = parts.length > 0 ? parts[parts.length - 1] : loc.key;
  const trailing = last.endsWith("/") && out.length > 0 ? "/" : "";
  return s3Url(loc.bucket, out.join("/") + trailing);
}

/** A string equal for structurally equal options, whatever the key order. */
function stableKey(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(stableKey).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(",")}}`;
}
