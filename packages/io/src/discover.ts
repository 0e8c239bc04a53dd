import { sep } from "node:path";
import { DuskError, isDuskError } from "@dusk/core";
import { comparePaths } from "./fs/compare-paths.js";
import type { FileInfo, FileSystem, StorageOptions } from "./fs/filesystem.js";
import { globToRegExp, hasGlobChars, splitGlob } from "./fs/glob.js";
import { fileSystemFor } from "./fs/registry.js";
import { parseLocation, s3Url } from "./fs/url.js";

/** Options of {@link discoverFiles}. */
export interface DiscoverOptions {
  /** Settings for s3:// locations (endpoint, credentials, ...). */
  readonly storageOptions?: StorageOptions;
  /**
   * Keep only these extensions (e.g. `[".csv", ".csv.gz"]`, case-insensitive) when a directory
   * expands. Files named directly and glob matches are kept whatever their extension.
   */
  readonly extensions?: readonly string[];
}

/**
 * Finds the files a read covers: every file that `location` names, sorted by path without duplicates.
 * Throws NOT_FOUND for a missing plain path or bucket, EMPTY_GLOB when a glob or directory yields
 * no file (naming the pattern and the directory searched).
 *
 * A location may be a single file, a directory (every file below it), a glob (`*`, `**`, `?`,
 * `[abc]`, `{a,b}`), or a list of any of these; local paths and s3:// URLs alike. Like Spark and Dask, files and directories whose names start with `.` or `_`
 * (`_SUCCESS`, `.part.tmp`, `_delta_log/`) are skipped when a directory or a wildcard expands,
 * unless the pattern itself spells that leading character. Results are sorted by path, without duplicates.
 *
 * @example
 * ```ts
 * const files = await discoverFiles("s3://bucket/data/2024-*\/*.csv", { storageOptions });
 * const local = await discoverFiles(["a.csv", "more/"], { extensions: [".csv"] });
 * ```
 */
export async function discoverFiles(location: string | readonly string[], options: DiscoverOptions = {}): Promise<FileInfo[]> {
  const items = typeof location === "string" ? [location] : [...location];
  if (items.length === 0) {
    throw new DuskError("INVALID_ARGUMENT", "discoverFiles got an empty list of paths: pass at least one file, directory or glob");
  }
  const found = await Promise.all(items.map((item) => discoverOne(item, options)));
  const byPath = new Map<string, FileInfo>();
  for (const files of found) for (const f of files) if (!byPath.has(f.path)) byPath.set(f.path, f);
  return [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
}

async function discoverOne(item: string, options: DiscoverOptions): Promise<FileInfo[]> {
  if (typeof item !== "string") {
    throw new DuskError("INVALID_ARGUMENT", `expected a path, URL or glob, got ${JSON.stringify(item)}`);
  }
  const fs = fileSystemFor(item, options.storageOptions);
  return hasGlobChars(item) ? discoverGlob(fs, item) : discoverPath(fs, item, options);
}

/** A plain path: the file itself, or every visible file below it when it is a directory (or S3 prefix). */
async function discoverPath(fs: FileSystem, item: string, options: DiscoverOptions): Promise<FileInfo[]> {
  const loc = parseLocation(item);
  const asDirectory = loc.protocol === "s3" && (loc.key === "" || loc.key.endsWith("/"));
  if (!asDirectory) {
    try {
      return [await fs.info(item)];
    } catch (e) {
      const isDir = isDuskError(e, "IO_ERROR") && e.details.isDirectory === true;
      const maybePrefix = loc.protocol === "s3" && isDuskError(e, "NOT_FOUND") && e.details.s3Code !== "NoSuchBucket";
      if (!isDir && !maybePrefix) throw e;
    }
  }
  const root = loc.protocol === "file" ? loc.path : s3Url(loc.bucket, loc.key.replace(/\/+$/, ""));
  const listed = await fs.list(root);
  if (listed.length === 0 && loc.protocol === "s3" && !asDirectory) {
    throw new DuskError("NOT_FOUND", `no such object: ${root} (and nothing is stored under ${root}/ either): check the key`, {
      path: root,
    });
  }
  const extensions = options.extensions?.map((x) => x.toLowerCase());
  const files = listed.filter(
    (f) =>
      !hasHiddenSegment(relativeTo(root, f.path), "") &&
      (extensions === undefined || extensions.some((x) => f.path.toLowerCase().endsWith(x))),
  );
  if (files.length === 0) {
    const kinds = extensions === undefined ? "files" : `files ending in ${extensions.join(", ")}`;
    throw new DuskError(
      "EMPTY_GLOB",
      `no ${kinds} in ${item} (searched ${root}, which holds ${listed.length} file(s); names starting with "." or "_" are skipped)`,
      { path: root, pattern: item, listed: listed.length },
    );
  }
  return files;
}

/** A glob: list the fixed directory before the first wildcard, keep what the pattern matches. */
async function discoverGlob(fs: FileSystem, pattern: string): Promise<FileInfo[]> {
  const loc = parseLocation(pattern);
  const full = loc.protocol === "file" ? loc.path : s3Url(loc.bucket, loc.key);
  if (loc.protocol === "s3" && hasGlobChars(loc.bucket)) {
    throw new DuskError("INVALID_ARGUMENT", `${pattern}: wildcards in bucket names are not supported; name the bucket`, { pattern });
  }
  const { base, rest } = splitGlob(full);
  const searched = base === "" ? "/" : base;
  let listed: FileInfo[];
  let missing = false;
  try {
    listed = await fs.list(searched);
  } catch (e) {
    if (!isDuskError(e, "NOT_FOUND") || e.details.s3Code === "NoSuchBucket") throw e;
    listed = [];
    missing = true;
  }
  const regex = globToRegExp(full);
  const files = listed.filter((f) => regex.test(f.path) && !hasHiddenSegment(relativeTo(searched, f.path), rest));
  if (files.length > 0) return files;
  // A name that merely contains a wildcard character ("data[1].csv") may still be a file.
  const literal = await fs.info(pattern).catch(() => undefined);
  if (literal !== undefined) return [literal];
  throw new DuskError(
    "EMPTY_GLOB",
    `no files match ${pattern} (searched ${searched}${missing ? ", which does not exist" : ""}; ` +
      `names starting with "." or "_" are skipped unless the pattern spells them)`,
    { pattern, path: searched },
  );
}

function relativeTo(root: string, path: string): string {
  const r = root.endsWith("/") || root.endsWith(sep) ? root : root + (root.startsWith("s3://") ? "/" : sep);
  return path.startsWith(r) ? path.slice(r.length) : path;
}

/**
 * True when a segment of `rel` starts with "." or "_" and the pattern below the searched directory
 * (`patternRest`, "" for a directory) has no segment starting with that same character.
 */
function hasHiddenSegment(rel: string, patternRest: string): boolean {
  const spelled = new Set<string>(
    patternRest
      .split("/")
      .map((s) => s.replace(/^\{/, "")[0])
      .filter((c) => c === "." || c === "_"),
  );
  return rel.split(/[/\\]/).some((seg) => (seg.startsWith(".") || seg.startsWith("_")) && !spelled.has(seg[0]));
}
