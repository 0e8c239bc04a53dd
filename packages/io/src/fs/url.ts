/**
 * Parsing of the two kinds of location Dusk reads: `s3://bucket/key` URLs and local paths
 * (absolute, relative to the working directory, or `file://` URLs).
 *
 * @example
 * ```ts
 * parseLocation("s3://data/2024/x.csv"); // { protocol: "s3", bucket: "data", key: "2024/x.csv" }
 * parseLocation("file:///tmp/x.csv");    // { protocol: "file", path: "/tmp/x.csv" }
 * parseLocation("x.csv");                // { protocol: "file", path: `${process.cwd()}/x.csv` }
 * ```
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuskError } from "@dusk/core";

/** A location split into its parts: a local absolute path, or an S3 bucket and key. */
export type Location =
  | { readonly protocol: "file"; readonly path: string }
  | { readonly protocol: "s3"; readonly bucket: string; readonly key: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

/** Parses a local path, `file://` URL or `s3://bucket/key` URL; other schemes are INVALID_ARGUMENT. */
export function parseLocation(location: string): Location {
  if (typeof location !== "string" || location === "") {
    throw new DuskError("INVALID_ARGUMENT", `expected a path or URL, got ${JSON.stringify(location)}`, { path: location });
  }
  const scheme = SCHEME.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) return { protocol: "file", path: resolve(location) };
  if (scheme === "file") {
    try {
      return { protocol: "file", path: fileURLToPath(location) };
    } catch (e) {
      throw new DuskError("INVALID_ARGUMENT", `invalid file URL ${location}: ${(e as Error).message}`, { path: location }, { cause: e });
    }
  }
  if (scheme === "s3" || scheme === "s3a") {
    const rest = location.slice(scheme.length + 3);
    const slash = rest.indexOf("/");
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const key = slash === -1 ? "" : rest.slice(slash + 1);
    if (bucket === "") {
      throw new DuskError("INVALID_ARGUMENT", `S3 URL ${location} has no bucket: write it as s3://bucket/key`, { path: location });
    }
    return { protocol: "s3", bucket, key };
  }
  throw new DuskError(
    "INVALID_ARGUMENT",
    `unsupported location ${location}: Dusk reads local paths, file:// and s3:// URLs (scheme "${scheme}" is not supported)`,
    { path: location },
  );
}

/** The canonical `s3://bucket/key` URL of a bucket and key. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
