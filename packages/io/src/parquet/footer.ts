/**
 * Finding and decoding the footer of a Parquet file. A Parquet file ends with its Thrift-encoded
 * FileMetaData, the footer's length (4 bytes, little-endian) and the magic `PAR1`. The footer is read
 * from the end of the file using the size the file system reported (never a suffix range request,
 * which some S3 servers answer wrongly): one read of the last {@link TAIL_BYTES} bytes, and a second
 * read only when the footer is longer. Every problem is a PARQUET_ERROR naming the file and what is
 * wrong (too short, no magic, footer longer than the file, undecodable footer).
 *
 * @example
 * ```ts
 * const fs = fileSystemFor(path);
 * const tail = await readFooterBytes(fs, await fs.info(path));
 * const meta = decodeFooter(path, tail);
 * ```
 */
import { parquetMetadata, type FileMetaData, type ParquetParsers } from "hyparquet";
import type { FileInfo, FileSystem } from "../fs/filesystem.js";
import { corruptParquet, messageOf } from "./errors.js";

/** How many bytes at the end of a file are read at first: the footer of most files fits. */
export const TAIL_BYTES = 64 * 1024;

const MAGIC = 0x31524150; // "PAR1" little-endian
const ENCRYPTED_MAGIC = 0x45524150; // "PARE"

/** The last bytes of a Parquet file, which hold at least its whole footer. */
export interface FooterBytes {
  /** File offset of the first byte of `tail`. */
  readonly tailStart: number;
  /** Bytes [tailStart, size) of the file. */
  readonly tail: Uint8Array;
  /** Length of the Thrift footer (without the 8-byte length and magic trailer). */
  readonly footerLength: number;
}

/**
 * Reads the end of a Parquet file, checks its trailer and returns bytes holding the whole footer.
 *
 * @example
 * ```ts
 * const { tail, tailStart, footerLength } = await readFooterBytes(fs, { path, size });
 * ```
 */
export async function readFooterBytes(fs: FileSystem, info: FileInfo): Promise<FooterBytes> {
  const { path, size } = info;
  if (size < 12) {
    throw corruptParquet(
      path,
      size === 0 ? "the file is empty" : `the file is ${size} bytes long, shorter than the smallest Parquet file (12 bytes: PAR1, footer length, PAR1)`,
      { size },
    );
  }
  let tailStart = Math.max(0, size - TAIL_BYTES);
  let tail = await fs.read(path, tailStart, size);
  if (tail.byteLength !== size - tailStart) {
    throw corruptParquet(path, `the file is ${tailStart + tail.byteLength} bytes long, not the ${size} bytes listed for it (it changed while being read)`, {
      size,
    });
  }
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const magic = view.getUint32(tail.byteLength - 4, true);
  if (magic === ENCRYPTED_MAGIC) {
    throw corruptParquet(path, "its footer is encrypted (PARE magic), which Dusk cannot read; decrypt the file first");
  }
  if (magic !== MAGIC) {
    const head = tailStart === 0 ? tail.subarray(0, 4) : await fs.read(path, 0, 4);
    const startsWithMagic = head.byteLength === 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === MAGIC;
    const found = Array.from(tail.subarray(tail.byteLength - 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw corruptParquet(
      path,
      startsWithMagic
        ? `missing PAR1 magic at end (found ${found}) although the file starts with PAR1, so it is truncated`
        : `missing PAR1 magic at end (found ${found}) and at the start: it is not a Parquet file`,
      { size },
    );
  }
  const footerLength = view.getUint32(tail.byteLength - 8, true);
  if (footerLength > size - 12) {
    throw corruptParquet(path, `footer length ${footerLength} exceeds file size ${size}`, { size, footerLength });
  }
  if (footerLength + 8 > tail.byteLength) {
    const start = size - 8 - footerLength;
    const head = await fs.read(path, start, tailStart);
    if (head.byteLength !== tailStart - start) {
      throw corruptParquet(path, `the file is shorter than the ${size} bytes listed for it (it changed while being read)`, { size });
    }
    const joined = new Uint8Array(size - start);
    joined.set(head, 0);
    joined.set(tail, head.byteLength);
    tail = joined;
    tailStart = start;
  }
  return { tailStart, tail, footerLength };
}

const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * hyparquet parsers that keep statistics in their stored form: dates as day numbers, timestamps as
 * bigint counts of the stored unit, strings decoded strictly (an invalid UTF-8 bound, e.g. cut in the
 * middle of a character, is dropped rather than widened wrongly).
 */
const RAW_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint) => v,
  timestampFromMicroseconds: (v: bigint) => v,
  timestampFromNanoseconds: (v: bigint) => v,
  dateFromDays: (v: number) => v,
  stringFromBytes: (bytes: Uint8Array) => {
    if (bytes === undefined) return undefined;
    try {
      return strict.decode(bytes);
    } catch {
      return undefined;
    }
  },
};

/**
 * Decodes the footer held by `bytes` (hyparquet's Thrift decoder), statistics left in stored form.
 *
 * @example
 * ```ts
 * const fileMeta = decodeFooter("/data/x.parquet", await readFooterBytes(fs, info));
 * fileMeta.row_groups.length;
 * ```
 */
export function decodeFooter(path: string, bytes: FooterBytes): FileMetaData {
  const footer = bytes.tail.subarray(bytes.tail.byteLength - 8 - bytes.footerLength);
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(footer, { parsers: RAW_PARSERS, geoparquet: false });
  } catch (e) {
    throw corruptParquet(path, `its footer cannot be decoded (${messageOf(e)})`, { footerLength: bytes.footerLength }, e);
  }
  if (!Array.isArray(meta.schema) || meta.schema.length === 0 || !Array.isArray(meta.row_groups)) {
    throw corruptParquet(path, "its footer has no schema or no row group list", { footerLength: bytes.footerLength });
  }
  return meta;
}
