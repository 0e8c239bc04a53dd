/**
 * Reading several byte ranges of one file with few requests: ranges already in memory (the tail read
 * for the footer, which holds all of a small file) are served from there; the others are sorted and
 * merged when less than {@link MERGE_GAP} bytes apart (one request instead of two, for a little
 * extra data), and read {@link READ_CONCURRENCY} at a time.
 *
 * @example
 * ```ts
 * const [a, b] = await readByteRanges(fs, info, [[4, 1000], [5000, 9000]], footerBytes);
 * ```
 */
import type { FileInfo, FileSystem } from "../fs/filesystem.js";
import { corruptParquet } from "./errors.js";
import type { FooterBytes } from "./footer.js";

/** Ranges closer than this are read in one request. */
export const MERGE_GAP = 64 * 1024;
/** Requests in flight at once. */
export const READ_CONCURRENCY = 8;

/**
 * The bytes of each range [start, end) of the file, in the order given.
 *
 * @example
 * ```ts
 * const parts = await readByteRanges(fs, { path, size }, [[4, 100]], tail);
 * ```
 */
export async function readByteRanges(
  fs: FileSystem,
  info: FileInfo,
  ranges: readonly (readonly [number, number])[],
  cached: FooterBytes,
): Promise<Uint8Array[]> {
  const out = new Array<Uint8Array>(ranges.length);
  const cachedEnd = cached.tailStart + cached.tail.byteLength;
  const todo: number[] = [];
  ranges.forEach(([s, e], i) => {
    if (s >= cached.tailStart && e <= cachedEnd) out[i] = cached.tail.subarray(s - cached.tailStart, e - cached.tailStart);
    else todo.push(i);
  });
  todo.sort((a, b) => ranges[a][0] - ranges[b][0]);
  const groups: { start: number; end: number; members: number[] }[] = [];
  for (const i of todo) {
    const [s, e] = ranges[i];
    const last = groups[groups.length - 1];
    if (last !== undefined && s - last.end <= MERGE_GAP) {
      last.end = Math.max(last.end, e);
      last.members.push(i);
    } else {
      groups.push({ start: s, end: e, members: [i] });
    }
  }
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < groups.length) {
      const g = groups[next++];
      const bytes = await fs.read(info.path, g.start, g.end);
      if (bytes.byteLength !== g.end - g.start) {
        throw corruptParquet(info.path, `bytes [${g.start}, ${g.end}) could not be read: the file is shorter than the ${info.size} bytes listed for it (it changed while being read)`);
      }
      for (const i of g.members) out[i] = bytes.subarray(ranges[i][0] - g.start, ranges[i][1] - g.start);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, groups.length) }, lane));
  return out;
}
